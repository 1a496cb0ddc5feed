// `evaluate`'s table format is read by people: the measures come as sentences and tables, not as a
// line of JSON (`--format json` keeps every figure).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function evaluateTable(events: object[]) {
  const folder = mkdtempSync(join(tmpdir(), 'evaluate-cmd-'));
  writeFileSync(
    join(folder, 'pack.yml'),
    `title: USB write
id: usb-write
logsource: { category: file }
detection:
  sel: { event.action: usb-write }
  condition: sel
`,
  );
  writeFileSync(join(folder, 'events.ndjson'), events.map((e) => JSON.stringify(e)).join('\n'));
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'evaluate',
      '--pack',
      join(folder, 'pack.yml'),
      '--data',
      join(folder, 'events.ndjson'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
}

const usb = (id: string, scenario?: string) => ({
  'event.id': id,
  '@timestamp': '2026-03-02T10:00:00Z',
  'event.category': 'file',
  'event.action': 'usb-write',
  'user.name': 'amy',
  ...(scenario ? { 'labels.scenario': scenario, 'labels.step': 1 } : {}),
});

describe('evaluate --format table', () => {
  it('says the measures in words and tables', () => {
    const run = evaluateTable([usb('e1', 'usb-theft'), usb('e2')]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('metrics: {');
    expect(run.stdout).toContain(
      'overall: precision 0.50, recall 1.00, F1 0.67; 2 alerts (1 true, 1 false positive)',
    );
    expect(run.stdout).toMatch(/^scenario\s+detected\s+first step\s+recall\s+time to detect$/m);
    expect(run.stdout).toMatch(/^usb-theft\s+yes\s+1 \/ 1\s+1\.00\s+0 min$/m);
    expect(run.stdout).toMatch(/^usb-write\s+2\s+1\s+1\s+0\.50$/m);
  });

  it('does not measure logs without ground truth', () => {
    const run = evaluateTable([usb('e1'), usb('e2')]);
    expect(run.stdout).toContain(
      '2 alerts; no event carries labels.scenario, so precision and recall are not measured',
    );
  });
});
