// Regression test of the default policy pack against its targets (issue 5): on the classroom
// dataset every scenario is detected, before its final damaging step where an earlier step left
// logs; overall precision ≥ 0.8 and at most 2 false-positive alerts per 1,000 benign events. The
// pack's rules must also catch the five published CERT scenarios in the CERT-layout fixtures.
// Loaded exactly as `evaluate --pack policies/default --data <dataset>` loads them.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackFiles } from '../../src/cli/pack-files.ts';
import { readDataset } from '../../src/cli/read-dataset.ts';
import { compilePack, type CompiledPack } from '../../src/engine/pack.ts';
import { runPack } from '../../src/engine/run/run-pack.ts';
import type { DatasetContext, DirectoryUser, ScenarioTruth } from '../../src/engine/types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const at = (path: string) => `${root}${path}`;

let pack: CompiledPack;

beforeAll(async () => {
  const compiled = compilePack(await readPackFiles(at('policies/default')));
  expect(compiled.errors.map((e) => `${e.file}:${e.line} ${e.message}`)).toEqual([]);
  pack = compiled.pack;
});

/** The last step that does the harm, and whether an earlier step leaves anything in IT's logs. */
function finalDamagingStep(truth: ScenarioTruth): { step: number; earlierLogged: boolean } {
  const damaging = truth.steps.filter((s) => s.damaging).map((s) => s.step);
  const step = Math.max(...damaging);
  const earlierLogged = truth.steps.some(
    (s) => s.step < step && (s as { seen_by?: string }).seen_by !== 'security',
  );
  return { step, earlierLogged };
}

describe('default pack on the classroom dataset', () => {
  let result: ReturnType<typeof runPack>;
  let scenarios: ScenarioTruth[];

  beforeAll(async () => {
    const dataset = await readDataset(at('sample-data/classroom'));
    expect(dataset.errors).toEqual([]);
    scenarios = dataset.context.scenarios;
    result = runPack(pack, dataset.events, dataset.context);
  });

  it('has ground truth for at least 12 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(result.metrics.scenarios).sort()).toEqual(scenarios.map((s) => s.id).sort());
  });

  it('detects every scenario', () => {
    const missed = Object.entries(result.metrics.scenarios)
      .filter(([, m]) => !m.detected)
      .map(([id]) => id);
    expect(missed).toEqual([]);
  });

  it('alerts before the final damaging step wherever an earlier step left logs', () => {
    const late: string[] = [];
    for (const truth of scenarios) {
      const { step, earlierLogged } = finalDamagingStep(truth);
      const first = result.metrics.scenarios[truth.id]?.first_detected_step ?? null;
      if (earlierLogged && (first === null || first >= step))
        late.push(`${truth.id}: first alert at step ${String(first)}, final damaging step ${step}`);
    }
    expect(late).toEqual([]);
  });

  it('keeps overall precision at 0.8 or better', () => {
    expect(result.metrics.overall.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('raises at most 2 false-positive alerts per 1,000 benign events', () => {
    const { false_positive_alerts, benign_events } = result.metrics.overall;
    expect(benign_events).toBeGreaterThan(10_000);
    expect((false_positive_alerts / benign_events) * 1000).toBeLessThanOrEqual(2);
  });

  it('lets the access policies decide: denied accesses by insiders become alerts', () => {
    const byRule = (id: string) => result.alerts.filter((a) => a.rule === id).map((a) => a.user);
    // an HR specialist opening executive pay, and an export of VIP records nobody is entitled to
    expect(byRule('restricted-read-denied')).toContain('wvogel');
    expect(byRule('db-export-denied')).toContain('sbauer');
  });
});

describe('default pack on the CERT-layout fixtures', () => {
  for (const release of ['r4.2', 'r6']) {
    it(`detects the five published CERT scenarios in ${release}`, async () => {
      const dataset = await readDataset(at(`sample-data/cert-fixture/${release}`));
      expect(dataset.errors).toEqual([]);
      const result = runPack(pack, dataset.events, dataset.context);
      const scenarios = Object.entries(result.metrics.scenarios);
      expect(scenarios).toHaveLength(5);
      expect(scenarios.filter(([, m]) => !m.detected).map(([id]) => id)).toEqual([]);
      expect(result.metrics.overall.precision).toBeGreaterThanOrEqual(0.8);
    });
  }
});

// Logs imported without a directory: no account is "unknown to the directory", since there is none.
describe('default pack on logons without a directory', () => {
  const users = ['alice', 'bob', 'carol'];
  const logons = users.flatMap((user, u) =>
    [8, 13, 22].map((hour) => ({
      '@timestamp': `2026-03-0${u + 2}T${String(hour).padStart(2, '0')}:05:00Z`,
      'event.category': 'authentication',
      'event.action': 'logon',
      'event.outcome': 'success',
      'user.name': user,
      'host.name': `ws-${user}`,
    })),
  );

  const contextWith = (directory: DirectoryUser[]): DatasetContext => ({
    manifest: { id: 'imported', title: 'Imported logons' },
    directory,
    resources: [],
    entitlements: [],
    scenarios: [],
  });

  it('raises no unknown-account alert and names the rule unmatchable, with the field it lacks', () => {
    const result = runPack(pack, logons, contextWith([]));
    expect(result.alerts.filter((a) => a.rule === 'logon-unknown-account')).toEqual([]);
    const named = result.unmatchable.find((u) => u.rule === 'logon-unknown-account');
    expect(named?.reason).toContain('user.in_directory');
  });

  it('with a directory, flags the logons of the account it does not list, and only those', () => {
    const directory = users.slice(0, 2).map((name) => ({ name, department: 'sales' }));
    const result = runPack(pack, logons, contextWith(directory));
    const flagged = result.alerts.filter((a) => a.rule === 'logon-unknown-account');
    expect(flagged).toHaveLength(3);
    expect(new Set(flagged.map((a) => a.user))).toEqual(new Set(['carol']));
  });
});

// The classroom's events imported as bare logs: no directory, no catalogue, no entitlements.
describe('default pack on the classroom events without their directory', () => {
  const FACT_RULES = [
    'restricted-read-denied',
    'restricted-read-after-hours',
    'db-export-denied',
    'logon-unknown-account',
  ];

  it('raises no alert that only says the directory is missing; with it, those rules fire', async () => {
    const dataset = await readDataset(at('sample-data/classroom'));
    const count = (result: ReturnType<typeof runPack>) =>
      result.alerts.filter((a) => FACT_RULES.includes(a.rule)).length;
    const bare = runPack(pack, dataset.events, {
      ...dataset.context,
      directory: [],
      resources: [],
      entitlements: [],
    });
    expect(bare.alerts.filter((a) => FACT_RULES.includes(a.rule)).map((a) => a.rule)).toEqual([]);
    // The same events with the directory: the denials and the unknown account are real findings.
    expect(count(runPack(pack, dataset.events, dataset.context))).toBeGreaterThan(0);
  });
});
