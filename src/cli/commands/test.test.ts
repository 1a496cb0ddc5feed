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

describe('test command on a pack whose tests pass', () => {
  it('exits 1 when the pack has an error no test names, saying so', () => {
    const run = runTestCommand(`title: Copy
id: copy
logsource: { category: file }
detection:
  sel: { event.action: copy }
  condition: sel
---
title: Broken
id: broken
logsource: { category: file }
detection:
  sel: { event.action|startwith: co }
  condition: sel
---
kind: test
name: a copy fires
events:
  - { "@timestamp": "2026-03-04T10:00:00Z", event.category: file, event.action: copy }
expect:
  fire: [copy]
`);
    expect(run.stdout).toBe('1 passed, 0 failed\n');
    expect(run.stderr).toMatch(/pack\.yml:12:\d+: unknown modifier "startwith"/);
    expect(run.stderr).toContain('every test passed, but the pack has 1 error(s)');
    expect(run.status).toBe(1);
  });

  it('warns of two tests of one name, and still exits 0', () => {
    const test = `kind: test
name: same
events:
  - { "@timestamp": "2026-03-04T10:00:00Z", event.category: file, event.action: copy }
expect:
  fire: [copy]
`;
    const run = runTestCommand(`title: Copy
id: copy
logsource: { category: file }
detection:
  sel: { event.action: copy }
  condition: sel
---
${test}---
${test}`);
    expect(run.stderr).toMatch(
      /^\S*pack\.yml:16:\d+: warning: another test is already named "same" \(\S*pack\.yml:9\) \(give each test its own name\)\n$/,
    );
    expect(run.stdout).toBe('2 passed, 0 failed\n');
    expect(run.status).toBe(0);
  });
});
