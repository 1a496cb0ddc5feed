import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('scenarios command', () => {
  it('lists every scenario as {"scenarios":[{id,title,category,cause,steps}]}', () => {
    const result = cli(['scenarios', '--format', 'json']);
    expect(result.status).toBe(0);
    const { scenarios } = JSON.parse(result.stdout) as { scenarios: Record<string, unknown>[] };
    expect(scenarios.length).toBe(
      readdirSync(join(root, 'sample-data/scenarios')).filter((f) => f.endsWith('.yml')).length,
    );
    for (const s of scenarios) {
      expect(s).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        category: expect.any(String),
        cause: expect.any(String),
      });
      const steps = s.steps as Record<string, unknown>[];
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps)
        expect(step).toMatchObject({
          step: expect.any(Number),
          title: expect.any(String),
          damaging: expect.any(Boolean),
          seen_by: expect.stringMatching(/^(it|security)$/),
        });
    }
  });

  it('prints a table by default and rejects an unknown format with exit 2', () => {
    const table = cli(['scenarios']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('departing-sales-customer-data');
    expect(cli(['scenarios', '--format', 'xml']).status).toBe(2);
  });
});

describe('generate command', () => {
  it('writes the same bundle bytes twice for the same seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'gen-a-'));
    const b = mkdtempSync(join(tmpdir(), 'gen-b-'));
    const args = [
      '--seed',
      '4',
      '--users',
      '20',
      '--days',
      '5',
      '--scenarios',
      'vip-customer-snooping,phished-mailbox-forward',
    ];
    expect(cli(['generate', ...args, '--out', a]).status).toBe(0);
    expect(cli(['generate', ...args, '--out', b]).status).toBe(0);
    for (const file of [
      'dataset.json',
      'events.ndjson',
      'directory.json',
      'resources.json',
      'entitlements.json',
    ])
      expect(readFileSync(join(a, file))).toEqual(readFileSync(join(b, file)));
    const manifest = JSON.parse(readFileSync(join(a, 'dataset.json'), 'utf8'));
    expect(manifest.scenarios.map((s: { id: string }) => s.id)).toEqual([
      'phished-mailbox-forward',
      'vip-customer-snooping',
    ]);
    const labelled = readFileSync(join(a, 'events.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((e) => e['labels.scenario']);
    expect(new Set(labelled.map((e) => e['labels.scenario']))).toEqual(
      new Set(['phished-mailbox-forward', 'vip-customer-snooping']),
    );
  });

  it('names an unknown scenario id with a suggestion, exit 2', () => {
    const result = cli([
      'generate',
      '--seed',
      '1',
      '--users',
      '5',
      '--days',
      '1',
      '--scenarios',
      'vip-customer-snoping',
      '--out',
      join(tmpdir(), 'never'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /unknown scenario "vip-customer-snoping".*did you mean "vip-customer-snooping"/,
    );
  });

  it('refuses more user-days than it can write in minutes, in one line, exit 2', () => {
    const result = cli([
      'generate',
      '--seed',
      '1',
      '--users',
      '50000',
      '--days',
      '30',
      '--out',
      join(tmpdir(), 'never'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd()).toBe(
      'error: --users × --days must be at most 1,000,000 (about 18 million events); got 50000 × 30',
    );
  });

  it('refuses an option given twice instead of keeping the last', () => {
    const args = ['--seed', '1', '--users', '3', '--days', '1', '--out', join(tmpdir(), 'never')];
    const result = cli(['generate', ...args, '--seed', '2']);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd()).toBe('error: --seed is given twice: give it once');
  });

  it('requires --out', () => {
    expect(cli(['generate', '--seed', '1', '--users', '5', '--days', '1']).stderr).toContain('--out');
  });

  it.each([
    [['--users', '-3'], /^error: Option '--users' argument is ambiguous\./],
    [['--users', '1e3'], /^error: --users must be a whole number from 0 to \d+ \(got "1e3"\)$/],
    [['--users', '0x10'], /^error: --users must be a whole number/],
    [['--days', '100000000'], /^error: --days must be at most 3660 \(got 100000000\)$/],
    [
      ['--scenarios', ''],
      /^error: --scenarios names no scenario: give ids separated by commas, "all", or "none"$/,
    ],
    // (99,999,999 users held 1.9 GB in 4 s and never finished.)
    [['--users', '99999999'], /^error: --users must be at most 100,000 \(got 99999999\)$/],
    [['--out', '/proc/no-such-folder'], /^error: cannot create folder "\/proc\/no-such-folder"/],
  ])('refuses %j in one line, exit 2', (extra, message) => {
    const base = { '--seed': '1', '--users': '3', '--days': '1', '--out': join(tmpdir(), 'never') };
    const args = Object.entries({ ...base, ...Object.fromEntries([extra as [string, string]]) }).flat();
    const result = cli(['generate', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  });
});
