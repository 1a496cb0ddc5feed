// The bench's naive design interprets the rules' YAML per event (tests/bench/naive-interpreter.ts):
// its answer must be the engine's, or the benchmark would compare two different computations.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackFiles } from '../../src/cli/pack-files.ts';
import { readDataset } from '../../src/cli/read-dataset.ts';
import { readScenarios } from '../../src/cli/scenario-files.ts';
import { compilePack, type CompiledPack } from '../../src/engine/pack.ts';
import { evaluateShard } from '../../src/engine/run/index.ts';
import type { DatasetContext, EngineEvent, RuleMatch } from '../../src/engine/types.ts';
import { benchDatasetOf } from '../bench/bench-dataset.ts';
import { naiveEvaluate } from '../bench/naive.ts';
import { interpretEvaluate } from '../bench/naive-interpreter.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

const pairs = (matches: readonly RuleMatch[]) => matches.map((m) => `${m.rule} ${m.eventId}`).sort();

const EMPTY_CONTEXT: DatasetContext = {
  manifest: { id: 'tiny', title: 'Tiny' },
  entitlements: [],
  scenarios: [],
  directory: [],
  resources: [],
};

describe('the interpreted naive design on the default pack', () => {
  let pack: CompiledPack;

  beforeAll(async () => {
    const compiled = compilePack(await readPackFiles(`${root}policies/default`));
    expect(compiled.errors).toEqual([]);
    pack = compiled.pack;
  });

  it('matches what the engine and the compiled naive design match on the bench data', () => {
    const { events, context } = benchDatasetOf(readScenarios(), 15_000);
    const interpreted = pairs(interpretEvaluate(pack, events, context));
    expect(interpreted.length).toBeGreaterThan(100);
    expect(interpreted).toEqual(pairs(naiveEvaluate(pack, events, context)));
    expect(interpreted).toEqual(pairs(evaluateShard(pack, events, context).matches));
  });

  it('matches what the engine matches on the classroom sample', async () => {
    const dataset = await readDataset(`${root}sample-data/classroom`);
    expect(dataset.errors).toEqual([]);
    const interpreted = pairs(interpretEvaluate(pack, dataset.events, dataset.context));
    expect(interpreted.length).toBeGreaterThan(100);
    expect(interpreted).toEqual(pairs(evaluateShard(pack, dataset.events, dataset.context).matches));
  });
});

/** One rule, the events it is tried on: the interpreter and the engine must pick the same ones. */
const CASES: { name: string; detection: string; events: EngineEvent[] }[] = [
  {
    name: 'wildcards * and ? match any run and one character; \\* is a plain star',
    detection: `
  selection:
    file.path: ['C:\\\\*\\\\evil?.exe', 'plain\\*star']
  condition: selection`,
    events: [
      { 'file.path': 'C:\\Users\\x\\EVIL1.exe' },
      { 'file.path': 'C:\\evil12.exe' },
      { 'file.path': 'D:\\evil1.exe' },
      { 'file.path': 'plain*star' },
      { 'file.path': 'plainXstar' },
    ],
  },
  {
    name: 'contains|all needs every value; startswith and endswith anchor one end',
    detection: `
  selection:
    content|contains|all: [alpha, beta]
  prefix:
    file.name|startswith: rep
  suffix:
    file.name|endswith: .XLSX
  condition: selection or (prefix and suffix)`,
    events: [
      { content: 'ALPHA then beta', 'file.name': 'x' },
      { content: 'alpha only', 'file.name': 'x' },
      { content: 'none', 'file.name': 'report.xlsx' },
      { content: 'none', 'file.name': 'areport.xlsx' },
      { 'file.name': ['other', 'Rep.xlsx'] },
    ],
  },
  {
    name: 'keywords search the values of every field',
    detection: `
  keywords:
    - secret
    - '*confidential?'
  condition: keywords`,
    events: [
      { 'event.action': 'x', 'file.name': 'TopSecret.doc' },
      { 'file.name': 'confidentialX' },
      { 'file.name': 'public', tags: ['a', 'my secret'] },
      { 'file.name': 'public' },
    ],
  },
  {
    name: 'fieldref compares two fields of the same event',
    detection: `
  selection:
    erp.created_by|fieldref: user.name
  condition: selection`,
    events: [
      { 'erp.created_by': 'Ann', 'user.name': 'ann' },
      { 'erp.created_by': 'bob', 'user.name': 'ann' },
      { 'erp.created_by': 'bob' },
    ],
  },
  {
    name: 'null matches an absent or empty field; exists tests presence',
    detection: `
  empty:
    ticket.id: null
  present:
    email.from|exists: true
  condition: empty and present`,
    events: [
      { 'email.from': 'a' },
      { 'email.from': 'a', 'ticket.id': '' },
      { 'email.from': 'a', 'ticket.id': 'T1' },
      {},
    ],
  },
  {
    name: 'not, 1 of x*, all of them; re with i; cidr; gte; hour',
    detection: `
  sel_a:
    src.ip|cidr: 10.0.0.0/8
  sel_b:
    process.command_line|re|i: '^powershell .*-enc'
  _filter:
    database.rows|gte: 1000
  late:
    '@timestamp|hour|gte': 20
  condition: (1 of sel_* and not _filter) or all of them`,
    events: [
      { 'src.ip': '10.1.2.3', 'database.rows': 5 },
      { 'src.ip': '11.1.2.3', 'process.command_line': 'PowerShell x -enc AAA' },
      { 'src.ip': '10.1.2.3', 'database.rows': 5000 },
      {
        'src.ip': '10.1.2.3',
        'process.command_line': 'powershell -enc',
        'database.rows': '5000',
        '@timestamp': '2026-03-02T21:00:00Z',
      },
      { 'src.ip': '10.1.2.3', 'database.rows': 5000, '@timestamp': '2026-03-02T21:00:00Z' },
    ],
  },
];

describe('the interpreter and the engine agree on each construct', () => {
  for (const { name, detection, events } of CASES) {
    it(name, () => {
      const text = `title: case\nid: case\ndetection:${detection}\nlevel: low\n`;
      const { pack, errors } = compilePack([{ name: 'case.yml', text }]);
      expect(errors).toEqual([]);
      const numbered = events.map((event, index) => ({ ...event, 'event.id': `e${index}` }));
      const interpreted = pairs(interpretEvaluate(pack, numbered, EMPTY_CONTEXT));
      expect(interpreted).toEqual(pairs(evaluateShard(pack, numbered, EMPTY_CONTEXT).matches));
      expect(interpreted.length).toBeGreaterThan(0);
      expect(interpreted.length).toBeLessThan(events.length);
    });
  }

  it('refuses a modifier it does not interpret, naming the rule', () => {
    const text = `title: case\nid: encoded\ndetection:\n  selection:\n    cmd|base64: abc\n  condition: selection\n`;
    const { pack, errors } = compilePack([{ name: 'case.yml', text }]);
    expect(errors).toEqual([]);
    expect(() => interpretEvaluate(pack, [{ cmd: 'x' }], EMPTY_CONTEXT)).toThrow(
      /rule "encoded" uses the modifier "base64"/,
    );
  });
});
