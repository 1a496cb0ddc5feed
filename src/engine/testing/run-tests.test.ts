import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import { runTests } from './run-tests.ts';

const PACK = `title: Large copy
id: large-copy
logsource: { category: file }
detection:
  sel:
    event.action: copy
    file.size|gte: 1000
  condition: sel
---
kind: test
name: a large copy fires
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: copy, file.size: 500 }
expect:
  fire: [large-copy]
---
kind: test
name: a small copy stays quiet
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: copy, file.size: 50 }
expect:
  not_fire: [large-copy]
`;

describe('pack tests', () => {
  const results = runTests(compilePack([{ name: 'pack.yml', text: PACK }]).pack);

  it('passes a must-not-fire case the rule indeed ignores', () => {
    const quiet = results.find((r) => r.name === 'a small copy stays quiet');
    expect(quiet?.failures).toEqual([]);
  });

  it('explains a must-fire failure with the deciding field: expected, actual and the smallest fix', () => {
    const failed = results.find((r) => r.name === 'a large copy fires');
    expect(failed?.failures).toHaveLength(1);
    const message = failed?.failures[0] ?? '';
    expect(message).toContain('expected "large-copy" to fire, it did not');
    expect(message).toContain('file.size|gte expects 1000, event has 500');
    expect(message).toContain('lower the threshold');
  });
});
