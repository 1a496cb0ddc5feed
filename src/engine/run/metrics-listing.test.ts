// The run's per-rule metrics list every rule that can raise an alert, including those that raised
// none (a miss is what a policy author looks for), and leave out the rules a correlation reads
// without generating their alerts (they raise none of their own, by the Sigma specification).
import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import type { DatasetContext } from '../types.ts';
import { alertingIds } from './merge-shards.ts';
import { runPack } from './run-pack.ts';

const PACK = `
title: USB write
id: usb-write
logsource: { category: file }
detection:
  selection: { event.action: usb-write }
  condition: selection
---
title: Print job
id: print-job
logsource: { category: print }
detection:
  selection: { event.action: print }
  condition: selection
---
title: Failed logon
id: failed-logon
logsource: { category: authentication }
detection:
  selection: { event.outcome: failure }
  condition: selection
---
title: Many failed logons
id: many-failed-logons
correlation:
  type: event_count
  rules: [failed-logon]
  group-by: [user.name]
  timespan: 10m
  condition: { gte: 3 }
`;

const context: DatasetContext = {
  manifest: { id: 'd', title: 'd' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
};

describe('metrics per rule', () => {
  const { pack, errors } = compilePack([{ name: 'pack.yml', text: PACK }]);

  it('names the rules and correlations that raise alerts, not the ones a correlation consumes', () => {
    expect(errors).toEqual([]);
    expect(alertingIds(pack).sort()).toEqual(['many-failed-logons', 'print-job', 'usb-write']);
  });

  it('lists a rule that raised no alert with 0 alerts', () => {
    const result = runPack(
      pack,
      [
        {
          'event.id': 'e1',
          '@timestamp': '2026-03-02T10:00:00Z',
          'event.category': 'file',
          'event.action': 'usb-write',
          'user.name': 'ann',
        },
      ],
      context,
    );
    expect(result.metrics.rules['usb-write']).toMatchObject({ alerts: 1, fp: 1 });
    expect(result.metrics.rules['print-job']).toMatchObject({ alerts: 0, tp: 0, fp: 0 });
    expect(result.metrics.rules['many-failed-logons']).toMatchObject({ alerts: 0 });
    expect(result.metrics.rules).not.toHaveProperty('failed-logon');
  });
});
