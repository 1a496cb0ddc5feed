import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('access-report command', () => {
  it('reports every finding kind of the classroom dataset as JSON, exit 0', () => {
    const result = cli([
      'access-report',
      '--pack',
      'policies/default/access',
      '--data',
      'sample-data/classroom',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown[]>;
    expect(report.sod_conflicts?.length).toBeGreaterThan(0);
    expect(report.denied_access?.length).toBeGreaterThan(0);
  });

  it('fails with the file and line when an access policy is not readable YAML, instead of a report without it', () => {
    const pack = mkdtempSync(join(tmpdir(), 'access-pack-'));
    cpSync(join(root, 'policies/default/access'), pack, { recursive: true });
    const file = join(pack, 'finance-erp.yml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('object: erp.vendor_id', 'object: [erp.vendor_id'),
    );
    const result = cli([
      'access-report',
      '--pack',
      pack,
      '--data',
      'sample-data/classroom',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/finance-erp\.yml:\d+:\d+: /);
  });

  it('exits 1 when no event of the data could be read and it had errors, still printing the report', () => {
    const folder = mkdtempSync(join(tmpdir(), 'access-data-'));
    const data = join(folder, 'truncated.json');
    writeFileSync(data, '[{"@timestamp":"2026-03-01T10:00:00Z","user.name":"amy"},{"@timest');
    const result = cli([
      'access-report',
      '--pack',
      'policies/default/access',
      '--data',
      data,
      '--format',
      'json',
    ]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toHaveProperty('sod_conflicts', []);
    expect(result.stderr).toMatch(/truncated\.json:\d+:\d+: /);
    expect(result.stderr).toMatch(/error: no event could be read from ".*truncated\.json"/);
  });
});
