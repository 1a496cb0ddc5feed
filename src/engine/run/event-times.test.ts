// A run places events in time the same way on every machine, and never in a window it cannot place
// them in: a zone-less time is UTC in any time zone, and events without a readable time are left
// out of correlations (counted, they all fell into one window at 1970-01-01 and made a burst).
import { afterEach, describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { runPack } from './run-pack.ts';

const PACK = `
title: Failed logon
id: failed-logon
logsource: { category: authentication }
detection:
  selection: { event.outcome: failure }
  condition: selection
---
title: Many failed logons
id: many-fails
correlation:
  type: event_count
  rules: [failed-logon]
  group-by: [user.name]
  timespan: 5m
  condition: { gte: 3 }
`;

const context: DatasetContext = {
  manifest: { id: 'd', title: 'd' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
};

const fail = (id: string, time: string | number): EngineEvent => ({
  'event.id': id,
  '@timestamp': time,
  'event.category': 'authentication',
  'event.outcome': 'failure',
  'user.name': 'yo',
});

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
  if (zone === undefined) delete process.env.TZ;
});

describe('event times in a run', () => {
  const { pack } = compilePack([{ name: 'pack.yml', text: PACK }]);

  it.each(['UTC', 'America/New_York', 'Asia/Tokyo'])(
    'reads a zone-less time as UTC next to times with a zone (TZ=%s)',
    (tz) => {
      process.env.TZ = tz;
      const events = [
        fail('a', '2026-03-04T10:00:00'),
        fail('b', '2026-03-04T10:02:00Z'),
        fail('c', '2026-03-04T10:04:00Z'),
      ];
      const alerts = runPack(pack, events, context).alerts.filter((a) => a.rule === 'many-fails');
      expect(alerts.map((a) => a.events)).toEqual([['a', 'b', 'c']]);
    },
  );

  it('leaves events without a readable time out of correlations, and says so', () => {
    const events = [fail('y1', 'yesterday'), fail('y2', 'last week'), fail('y3', 'soon')];
    const result = runPack(pack, events, context);
    expect(result.alerts.filter((a) => a.rule === 'many-fails')).toEqual([]);
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        path: '@timestamp',
        message: expect.stringContaining('correlations and baselines leave them out'),
      }),
    );
  });

  // A rule of its own (the correlation's rule is a building block, whose alerts are not reported).
  const alerting = compilePack([
    {
      name: 'pack.yml',
      text: `${PACK}---\ntitle: Any failure\nid: any-failure\nlogsource: { category: authentication }\ndetection:\n  selection: { event.outcome: failure }\n  condition: selection\n`,
    },
  ]).pack;

  it('writes every alert time alike, in UTC, and orders alerts by the instant, whatever the events wrote', () => {
    const events = [
      fail('plus-two', '2026-03-04T11:00:00+02:00'), // 09:00 UTC
      fail('epoch', 1772614920), // 2026-03-04T09:02:00Z in epoch seconds
      fail('utc', '2026-03-04T09:01:00Z'),
      fail('ms', '2026-03-04T09:00:30.250Z'),
    ];
    const alerts = runPack(alerting, events, context).alerts;
    expect(alerts.map((a) => [a.rule, a.timestamp])).toEqual([
      ['any-failure', '2026-03-04T09:00:00Z'],
      ['any-failure', '2026-03-04T09:00:30.250Z'],
      ['any-failure', '2026-03-04T09:01:00Z'],
      // The correlation is dated at its third failure, as rule alerts are written.
      ['many-fails', '2026-03-04T09:01:00Z'],
      ['any-failure', '2026-03-04T09:02:00Z'],
    ]);
  });

  it('keeps a time no reader understands as written', () => {
    const alerts = runPack(alerting, [fail('x', 'teatime')], context).alerts;
    expect(alerts.map((a) => a.timestamp)).toEqual(['teatime']);
  });
});
