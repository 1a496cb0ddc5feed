// The import command's summary counts the errors the data had; it does not say their rows were
// skipped, since some keep them (a Microsoft 365 export row whose `AuditData` cell is broken).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('import summary', () => {
  it('does not call a row skipped when its error kept it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'import-summary-'));
    const csv = join(folder, 'audit.csv');
    writeFileSync(
      csv,
      [
        'CreationDate,UserIds,Operations,AuditData',
        // The cell is cut short, as Excel cuts one past 32,767 characters.
        '2026-03-02T09:31:17.0000000Z,megan.b@contoso.com,FileDownloaded,"{""CreationTime"":""2026-03-02T09:31:17"",""Id"":""5d2f"',
      ].join('\n'),
    );
    const out = join(folder, 'bundle');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'import', csv, '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/column "AuditData" is not valid JSON .*: the row is kept/);
    expect(result.stdout).toBe(
      `imported 1 event, 0 users, 0 scenarios into ${out} (1 error reported above)\n`,
    );
    expect(readFileSync(join(out, 'events.ndjson'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
