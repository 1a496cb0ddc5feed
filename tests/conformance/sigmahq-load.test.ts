// Real SigmaHQ rules, stored unchanged under sigmahq/ (each names its source in a first comment
// line): every one must load with no error, compile, and be either matchable on the data or named
// by the run as unmatchable with its reason — never skipped quietly.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack, runPack } from '../../src/engine/index.ts';
import type { DatasetContext, EngineEvent, PackFile } from '../../src/engine/types.ts';

const root = join(import.meta.dirname, 'sigmahq');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? yamlFiles(join(dir, entry.name))
        : /\.ya?ml$/.test(entry.name)
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

const files: PackFile[] = yamlFiles(root).map((path) => ({
  name: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

const context: DatasetContext = {
  manifest: { id: 'conformance', title: 'conformance' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
};

describe('SigmaHQ rules load unchanged', () => {
  it('has a wide sample of real rules', () => {
    expect(files.length).toBeGreaterThanOrEqual(150);
    for (const file of files)
      expect(file.text.split('\n')[0], file.name).toMatch(
        /^# Source: https:\/\/github\.com\/SigmaHQ\/sigma(-specification)?\//,
      );
  });

  it.each(files.map((f) => [f.name, f] as const))('%s loads and compiles with no error', (_name, file) => {
    const result = compilePack([file]);
    expect(result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`)).toEqual([]);
    const documents = result.counts.rule + result.counts.correlation;
    expect(documents).toBeGreaterThan(0);
    expect(result.pack.rules.length).toBe(result.counts.rule);
    expect(result.pack.correlations.correlations.length).toBe(result.counts.correlation);
  });

  it('a run over DLP events names every rule that cannot match, with its reason', () => {
    const { pack, errors } = compilePack(files);
    expect(errors).toEqual([]);
    const events: EngineEvent[] = [
      {
        '@timestamp': '2026-03-02T09:00:00Z',
        'event.id': 'e1',
        'event.category': 'file',
        'event.action': 'upload',
        'user.name': 'alice',
        'file.name': 'q3.xlsx',
      },
      {
        '@timestamp': '2026-03-02T09:05:00Z',
        'event.id': 'e2',
        'event.category': 'process_creation',
        'event.action': 'start',
        'user.name': 'alice',
        Image: 'C:\\Windows\\System32\\notepad.exe',
        CommandLine: 'notepad.exe report.txt',
      },
    ];
    const result = runPack(pack, events, context);
    expect(result.errors).toEqual([]);
    const unmatchable = new Map(result.unmatchable.map((u) => [u.rule, u.reason]));
    for (const rule of pack.rules) {
      const reason = unmatchable.get(rule.id);
      const categoryOk =
        rule.category === null || rule.category === 'file' || rule.category === 'process_creation';
      if (rule.unsupported) expect(reason, rule.file).toMatch(/Sigma v1 aggregation .* not evaluated/);
      else if (!categoryOk) expect(reason, rule.file).toMatch(/logsource category ".+" never appears/);
      else if (reason !== undefined)
        expect(reason, rule.file).toMatch(/^fields never present in the data: \S/);
      else
        expect(
          rule.missingFields(
            new Set(Object.keys(events[1] as object).concat(Object.keys(events[0] as object))),
          ),
          rule.file,
        ).toBeUndefined();
    }
    // Nothing in these benign events is an attack: the run does not cry wolf.
    expect(result.alerts.map((a) => a.rule)).toEqual([]);
  });
});
