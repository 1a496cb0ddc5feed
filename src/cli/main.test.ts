import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('command line', () => {
  it('stops quietly when its reader stops early (`| head -1`)', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'evaluate',
        '--pack',
        'policies/default',
        '--data',
        'sample-data/classroom',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toMatch(/^21053 events, 86 rules/);
    expect(errors).toBe('');
    expect(code).toBe(0);
  });

  it('refuses a pack folder without YAML files (a mistyped path), in one line, exit 2', () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-pack-'));
    for (const args of [
      ['validate', empty],
      ['test', empty],
      ['classify', '--pack', empty, '--text-file', 'README.md'],
    ]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(run.status, args[0]).toBe(2);
      expect(run.stderr).toBe(`error: pack "${empty}" holds no .yml or .yaml files\n`);
    }
  });

  it('refuses to classify with a pack of no classifiers (its rules folder) rather than say "no matches"', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'classify',
        '--pack',
        'policies/default/rules',
        '--text-file',
        'README.md',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/holds no classifiers/);
  });

  it('does not say "no matches" when no classifier of the pack compiled', () => {
    const folder = mkdtempSync(join(tmpdir(), 'broken-classifier-'));
    writeFileSync(
      join(folder, 'c.yml'),
      'kind: classifier\nid: em\nname: em\npatterns:\n  - name: p\n    confidence: high\n    regex: ""\n',
    );
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'classify', '--pack', folder, '--text-file', 'README.md'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/c\.yml:\d+:\d+: /);
    expect(run.stderr).toMatch(/the text was not scanned/);
  });

  it('evaluate exits 1 when no event could be read and the data had errors, still printing its output', () => {
    const folder = mkdtempSync(join(tmpdir(), 'unreadable-data-'));
    const good = '{"@timestamp":"2026-03-01T10:00:00Z","event.id":"a","user.name":"amy"}';
    // NDJSON saved as .csv: every row is a CSV error, no event.
    writeFileSync(join(folder, 'wrong.csv'), `${good}\n${good}\n`);
    writeFileSync(join(folder, 'some-bad.ndjson'), `${good}\n{oops\n`);
    const evaluate = (data: string, format: string[] = ['--format', 'json']) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'evaluate',
          '--pack',
          'policies/default',
          '--data',
          data,
          ...format,
        ],
        { cwd: root, encoding: 'utf8' },
      );
    const nothing = evaluate(join(folder, 'wrong.csv'));
    expect(nothing.status).toBe(1);
    expect(JSON.parse(nothing.stdout)).toMatchObject({ events: 0, alerts: [] });
    expect(nothing.stderr).toMatch(
      /^error: no event could be read from ".*wrong\.csv" .*nothing was evaluated\n$/m,
    );
    const table = evaluate(join(folder, 'wrong.csv'), []);
    expect(table.status).toBe(1);
    expect(table.stdout).toMatch(/^0 events, \d+ rules, 0 alerts/);
    // Some events read, one bad line reported and skipped: still a run.
    const some = evaluate(join(folder, 'some-bad.ndjson'));
    expect(some.status).toBe(0);
    expect(JSON.parse(some.stdout)).toMatchObject({ events: 1 });
    expect(some.stderr).toBe('');
  });
});
