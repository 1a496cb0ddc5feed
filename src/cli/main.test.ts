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
});
