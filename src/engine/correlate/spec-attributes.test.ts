// Attributes the Sigma correlation specification makes mandatory or types strictly: a correlation
// that leaves them out or mistypes them is told so instead of running with a silent default.
import { describe, expect, it } from 'vitest';
import { compileCorrelations, referencedRules } from './index.ts';
import { loadTestDocuments } from './test-documents.ts';

const RULES = new Set(['rule-a', 'rule-b']);

const compile = (yaml: string) => compileCorrelations(loadTestDocuments(yaml, 'c.yml'), RULES, new Map());
const diagnostics = (yaml: string) =>
  compile(yaml).errors.map((e) => ({ path: e.path, severity: e.severity, message: e.message }));

const doc = (correlation: string, top = 'title: t\nid: t\n') =>
  `${top}correlation:\n${correlation
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
const EVENT_COUNT = `
type: event_count
rules: [rule-a]
group-by: [user.name]
timespan: 5m
condition: { gte: 3 }
`;

describe('generate at the top level (where the specification puts it)', () => {
  it('means what correlation.generate means', () => {
    const { correlations, errors } = compile(`${doc(EVENT_COUNT)}generate: true\n`);
    expect(errors).toEqual([]);
    expect(correlations.correlations[0]!.generate).toBe(true);
    expect([...referencedRules(correlations)]).toEqual([]);
  });

  it('agrees with correlation.generate when both are given, and is an error when they differ', () => {
    expect(compile(`${doc(`${EVENT_COUNT}generate: true`)}generate: true\n`).errors).toEqual([]);
    expect(diagnostics(`${doc(`${EVENT_COUNT}generate: false`)}generate: true\n`)).toEqual([
      expect.objectContaining({
        path: 'generate',
        severity: 'error',
        message: expect.stringMatching(/contradicts/),
      }),
    ]);
  });

  it('must be true or false', () => {
    expect(diagnostics(`${doc(EVENT_COUNT)}generate: "yes"\n`)).toEqual([
      expect.objectContaining({ path: 'generate', severity: 'error' }),
    ]);
  });
});

describe('mandatory and strictly typed attributes', () => {
  it('a correlation without title is an error, as a rule without title is', () => {
    expect(diagnostics(doc(EVENT_COUNT, 'id: t\n'))).toEqual([
      { path: 'title', severity: 'error', message: 'a correlation needs a "title"' },
    ]);
  });

  it('a count threshold must be a whole number; a value_avg threshold need not be', () => {
    expect(diagnostics(doc(EVENT_COUNT.replace('gte: 3', 'gte: 2.5')))).toEqual([
      expect.objectContaining({ path: 'correlation.condition.gte', severity: 'error' }),
    ]);
    expect(
      diagnostics(
        doc(
          EVENT_COUNT.replace('type: event_count', 'type: temporal')
            .replace('[rule-a]', '[rule-a, rule-b]')
            .replace('gte: 3', 'gt: 1.5'),
        ),
      ),
    ).toEqual([expect.objectContaining({ path: 'correlation.condition.gt', severity: 'error' })]);
    const avg = EVENT_COUNT.replace('type: event_count', 'type: value_avg').replace(
      'gte: 3',
      'field: file.size, gte: 2.5',
    );
    expect(diagnostics(doc(avg))).toEqual([]);
  });

  it.each(['event_count', 'temporal', 'temporal_ordered'])(
    '`field` on %s is a warning: it is ignored',
    (type) => {
      const yaml = doc(
        EVENT_COUNT.replace('type: event_count', `type: ${type}`)
          .replace('rules: [rule-a]', 'rules: [rule-a, rule-b]')
          .replace('gte: 3', 'field: host.name, gte: 2'),
      );
      const { correlations, errors } = compile(yaml);
      expect(errors.map((e) => [e.path, e.severity])).toEqual([['correlation.condition.field', 'warning']]);
      expect(correlations.correlations[0]!.condition.fields).toEqual([]);
    },
  );

  it('an alias that maps a rule not in `rules` is an error', () => {
    const yaml = doc(`${EVENT_COUNT}aliases:\n  ip: { rule-a: source.ip, rule-b: destination.ip }`);
    expect(diagnostics(yaml)).toEqual([
      expect.objectContaining({
        path: 'correlation.aliases.ip.rule-b',
        severity: 'error',
        message: expect.stringMatching(/not in this correlation's `rules`/),
      }),
    ]);
  });

  it('a field listed twice in group-by is a warning and counts once', () => {
    const { correlations, errors } = compile(
      doc(EVENT_COUNT.replace('[user.name]', '[user.name, user.name]')),
    );
    expect(errors.map((e) => [e.path, e.severity])).toEqual([['correlation.group-by.1', 'warning']]);
    expect(correlations.correlations[0]!.groupBy).toEqual(['user.name']);
  });

  it('a missing or empty group-by (mandatory in the specification) is a warning; baselines default it', () => {
    expect(diagnostics(doc(EVENT_COUNT.replace('group-by: [user.name]\n', '')))).toEqual([
      expect.objectContaining({
        path: 'correlation',
        severity: 'warning',
        message: expect.stringMatching(/missing/),
      }),
    ]);
    expect(diagnostics(doc(EVENT_COUNT.replace('[user.name]', '[]')))).toEqual([
      expect.objectContaining({ path: 'correlation.group-by', severity: 'warning' }),
    ]);
    expect(diagnostics(doc('type: first_seen\nrules: [rule-a]\nfield: host.name'))).toEqual([]);
  });
});
