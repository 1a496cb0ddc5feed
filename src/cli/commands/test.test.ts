import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function runTestCommand(text: string) {
  const folder = mkdtempSync(join(tmpdir(), 'test-cmd-'));
  const file = join(folder, 'pack.yml');
  writeFileSync(file, text);
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'test', file], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('test command', () => {
  it('prints a test document’s schema error once, in its FAIL block, not again on stderr', () => {
    const run = runTestCommand(`title: Copy
id: copy
logsource: { category: file }
detection:
  sel: { event.action: copy }
  condition: sel
---
kind: test
name: bad alerts
events:
  - { "@timestamp": "2026-03-04T10:00:00Z", event.category: file, event.action: copy }
expect:
  alerts: 1
`);
    expect(run.status).toBe(1);
    const both = `${run.stdout}\n${run.stderr}`;
    const lines = both.split('\n').filter((line) => /pack\.yml:\d+:\d+:/.test(line));
    expect(lines).toHaveLength(1);
    expect(run.stdout).toContain('FAIL bad alerts');
    expect(run.stdout).toMatch(/ {2}- .*pack\.yml:13:\d+: /);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/0 passed, 1 failed\n$/);
  });

  it('still prints errors outside test documents on stderr', () => {
    const run = runTestCommand(`title: Copy
id: copy
logsource: { category: file }
detection:
  sel: { event.action|contans: copy }
  condition: sel
`);
    expect(run.stderr).toMatch(/pack\.yml:5:\d+: unknown modifier "contans"/);
  });
});
