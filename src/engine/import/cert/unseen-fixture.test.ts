// The default pack against a CERT-layout folder written independently of the shipped fixtures and
// of the rules' tests (tests/fixtures/cert-unseen/build.mjs): r5.2 columns, unpadded dates, a
// headerless http.csv, quoted and unquoted commas in content, broken rows, and other users, hosts,
// mail domain, leak, job and cloud sites. Loaded exactly as `evaluate --data <folder>` loads it.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackFiles } from '../../../cli/pack-files.ts';
import { readDataset, type LoadedDataset } from '../../../cli/read-dataset.ts';
import { compilePack } from '../../pack.ts';
import { runPack } from '../../run/run-pack.ts';

const at = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

let dataset: LoadedDataset;
beforeAll(async () => {
  dataset = await readDataset(at('tests/fixtures/cert-unseen/data'));
});

describe('importing the unseen CERT folder', () => {
  it('reports each bad row with file and line, and the headerless file, and keeps the rest', () => {
    // (Each file is named by the path it was read from.)
    const folder = at('tests/fixtures/cert-unseen/data');
    expect(dataset.errors.map((e) => `${e.file}:${e.line} ${e.severity}`)).toEqual([
      `${folder}/device.csv:62 error`,
      `${folder}/http.csv:1 warning`,
      `${folder}/http.csv:730 error`,
      `${folder}/logon.csv:541 error`,
    ]);
    expect(dataset.events.length).toBe(5033);
    expect(dataset.context.directory).toHaveLength(14);
  });

  it('keeps commas inside content, quoted or not', () => {
    const byId = (id: string) => dataset.events.find((e) => e['event.id'] === id);
    expect(byId('{RAWC-FILE0000-00000004}')?.['content']).toBe('notes, with, commas');
    expect(dataset.events.some((e) => e['content'] === '"quote, revised" tender pricing')).toBe(true);
  });

  it('turns the answer folder into the five CERT scenarios', () => {
    expect(dataset.context.scenarios.map((s) => s.id)).toEqual([
      'cert-r5.2-1',
      'cert-r5.2-2',
      'cert-r5.2-3',
      'cert-r5.2-4',
      'cert-r5.2-5',
    ]);
  });
});

describe('the default pack on the unseen CERT folder', () => {
  let result: ReturnType<typeof runPack>;
  beforeAll(async () => {
    const compiled = compilePack(await readPackFiles(at('policies/default')));
    expect(compiled.errors).toEqual([]);
    result = runPack(compiled.pack, dataset.events, dataset.context);
  });

  it('detects all five scenarios', () => {
    const missed = Object.entries(result.metrics.scenarios)
      .filter(([, m]) => !m.detected)
      .map(([id]) => id);
    expect(missed).toEqual([]);
  });

  it('alerts on a step before the damaging one where the scenario has one', () => {
    for (const id of ['cert-r5.2-1', 'cert-r5.2-2', 'cert-r5.2-3', 'cert-r5.2-4'])
      expect(result.metrics.scenarios[id]?.first_detected_step, id).toBe(1);
  });

  it('stays precise on the benign look-alikes', () => {
    expect(result.metrics.overall.precision).toBeGreaterThanOrEqual(0.8);
  });
});

describe('the same story in r4.2 columns (padded dates, domain-prefixed accounts, no activity)', () => {
  let r42: LoadedDataset;
  let result: ReturnType<typeof runPack>;
  beforeAll(async () => {
    r42 = await readDataset(at('tests/fixtures/cert-unseen/data-r4.2'));
    const compiled = compilePack(await readPackFiles(at('policies/default')));
    result = runPack(compiled.pack, r42.events, r42.context);
  });

  it('imports it, reporting the bad row and the headerless file', () => {
    const folder = at('tests/fixtures/cert-unseen/data-r4.2');
    expect(r42.errors.map((e) => `${e.file}:${e.line} ${e.severity}: ${e.message}`)).toEqual([
      `${folder}/email.csv:159 error: the mail has no recipient`,
      `${folder}/http.csv:1 warning: http.csv has no header; read as id,date,user,pc,url,content`,
    ]);
    expect(r42.context.manifest.description).toContain('r4.2');
    expect(r42.events.find((e) => e['event.id'] === '{RAWC-HTTP0000-00000006}')?.['content']).toBe(
      'scores, fixtures, tables',
    );
    expect(r42.events.find((e) => e['event.category'] === 'authentication')?.['user.name']).toMatch(
      /^[A-Z]{3}\d{4}$/,
    );
  });

  it('detects all five scenarios there too', () => {
    expect(r42.context.scenarios.map((s) => s.id)).toEqual([
      'cert-r4.2-1',
      'cert-r4.2-2',
      'cert-r4.2-3',
      'cert-r4.2-4',
      'cert-r4.2-5',
    ]);
    const missed = Object.entries(result.metrics.scenarios)
      .filter(([, m]) => !m.detected)
      .map(([id]) => id);
    expect(missed).toEqual([]);
    expect(result.metrics.overall.precision).toBeGreaterThanOrEqual(0.8);
  });
});
