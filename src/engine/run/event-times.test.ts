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

const fail = (id: string, time: string): EngineEvent => ({
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
});
