import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RESPONSE_ACTIONS } from '../../engine/types.ts';
import { applySetting, readForm, type FormSetting } from './rule-form.ts';

const read = (name: string) => readFileSync(join(process.cwd(), 'policies/default', name), 'utf8');

function settings(text: string): FormSetting[] {
  return readForm(text).documents.flatMap((d) => d.settings);
}

function find(text: string, pick: (s: FormSetting) => boolean): FormSetting {
  const found = settings(text).find(pick);
  if (!found) throw new Error('setting not found');
  return found;
}

/** The lines that differ between two texts of the same line count. */
function changedLines(before: string, after: string): { line: number; before: string; after: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [{ line: i + 1, before: line, after: b[i] ?? '' }]));
}

function apply(text: string, setting: FormSetting, raw: string): string {
  const result = applySetting(text, setting.id, raw);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe('rule form: reading the common settings', () => {
  it('lists level, response severity and action of every rule document of a multi-document file', () => {
    const text = read('rules/leakage-removable-media.yml');
    const form = readForm(text);
    const docCount = parseAllDocuments(text).length;
    expect(form.documents.length).toBe(docCount);
    const first = form.documents[0];
    expect(first?.title).toBe('Removable-media write by a departing user');
    const byKind = Object.fromEntries(
      first?.settings.filter((s) => s.path.length <= 2).map((s) => [s.kind, s.value]) ?? [],
    );
    expect(byKind).toMatchObject({ level: 'high', severity: 'high', action: 'block' });
    expect(first?.settings.find((s) => s.kind === 'action')?.options).toEqual(RESPONSE_ACTIONS);
  });

  it('lists the numeric comparisons of a detection with their selection, field and operator', () => {
    const text = read('rules/leakage-removable-media.yml');
    const night = find(text, (s) => s.doc === 0 && s.kind === 'threshold');
    expect(night.path).toEqual(['detection', 'night', 0, '@timestamp|hour|gte']);
    expect(night.label).toBe('night: @timestamp|hour at least');
    expect(night.value).toBe(20);
    const database = find(read('rules/leakage-database.yml'), (s) => s.kind === 'threshold');
    expect(database.label).toMatch(/database\.rows at least$/);
    expect(typeof database.value).toBe('number');
  });

  it("lists a classifier matcher's minimum count and confidence", () => {
    const text = read('rules/leakage-print.yml');
    const count = find(text, (s) => s.kind === 'count' && s.path.at(-1) === 'min_count');
    expect(count.label).toMatch(/credit-card-number at least/);
    expect(count.value).toBe(3);
    const confidence = find(text, (s) => s.kind === 'confidence');
    expect(confidence.value).toBe('high');
  });

  it("lists a correlation's timespan and condition numbers", () => {
    const text = read('correlations/leakage-correlations.yml');
    const doc = readForm(text).documents.find((d) => d.title === 'Bulk reading of confidential files');
    const timespan = doc?.settings.find((s) => s.kind === 'timespan');
    const condition = doc?.settings.find((s) => s.kind === 'count');
    expect(timespan?.value).toBe('10m');
    expect(condition?.label).toBe('Condition: count at least');
    expect(condition?.value).toBe(5);
    expect(doc?.kind).toBe('correlation');
  });

  it("lists a classifier's pattern confidences", () => {
    const text = read('classifiers/identity.yml');
    const ssn = readForm(text).documents.find((d) => d.title === 'US Social Security number');
    expect(ssn?.kind).toBe('classifier');
    expect(ssn?.settings.map((s) => s.value)).toEqual(['high', 'medium', 'low']);
  });

  it('gives an empty form for a file without such settings', () => {
    expect(readForm(read('tests/leakage-print.yml')).documents).toEqual([]);
    expect(readForm('title: x\nid: y\n').documents).toEqual([]);
    expect(readForm('').documents).toEqual([]);
  });

  it('gives a clear error, not a form, for a file that does not parse', () => {
    const form = readForm('title: x\ndetection: [unclosed\n');
    expect(form.documents).toEqual([]);
    expect(form.error).toMatch(/does not parse/);
  });
});

describe('rule form: applying one change', () => {
  it('changes a threshold and nothing else, comments included', () => {
    const text = read('rules/leakage-removable-media.yml');
    const night = find(text, (s) => s.doc === 0 && s.kind === 'threshold');
    const after = apply(text, night, '21');
    const changed = changedLines(text, after);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.before).toContain("'@timestamp|hour|gte': 20");
    expect(changed[0]?.after).toBe(changed[0]?.before.replace(': 20', ': 21'));
    expect(find(after, (s) => s.id === night.id).value).toBe(21);
    expect(after).toContain('# a departing user may still copy a public deck');
  });

  it('changes an action in a later document of the file only', () => {
    const text = read('rules/leakage-removable-media.yml');
    const action = find(text, (s) => s.doc === 1 && s.kind === 'action');
    expect(action.value).toBe('warn');
    const after = apply(text, action, 'block');
    const changed = changedLines(text, after);
    expect(changed).toEqual([{ line: changed[0]?.line, before: '  action: warn', after: '  action: block' }]);
    const docs = parseAllDocuments(after);
    expect(Array.isArray(docs) && docs[1]?.getIn(['response', 'action'])).toBe('block');
    expect(Array.isArray(docs) && docs[0]?.getIn(['response', 'action'])).toBe('block');
  });

  it('changes a level, a correlation timespan and a condition count in place', () => {
    const rule = read('rules/leakage-print.yml');
    const level = find(rule, (s) => s.kind === 'level');
    const lowered = apply(rule, level, 'low');
    expect(changedLines(rule, lowered)).toEqual([
      { line: expect.any(Number), before: `level: ${level.value}`, after: 'level: low' },
    ]);

    const corr = read('correlations/leakage-correlations.yml');
    const span = find(corr, (s) => s.kind === 'timespan' && s.value === '10m');
    const wider = apply(corr, span, '30m');
    expect(changedLines(corr, wider).map((c) => c.after.trim())).toEqual(['timespan: 30m']);
    const count = find(wider, (s) => s.doc === span.doc && s.kind === 'count');
    const fewer = apply(wider, count, '3');
    expect(changedLines(wider, fewer).map((c) => c.after.trim())).toEqual(['gte: 3']);
  });

  it('keeps the quoting of a quoted value', () => {
    const text = "title: t\ndetection:\n  s:\n    x: 1\n  condition: s\nlevel: 'high' # keep\n";
    const level = find(text, (s) => s.kind === 'level');
    expect(apply(text, level, 'medium')).toBe(text.replace("'high'", "'medium'"));
  });

  it('refuses bad values with a message that names the setting, and leaves the text alone', () => {
    const rule = read('rules/leakage-print.yml');
    const threshold = find(rule, (s) => s.kind === 'threshold');
    const action = find(rule, (s) => s.kind === 'action');
    const count = find(rule, (s) => s.kind === 'count');
    const cases: [FormSetting, string, RegExp][] = [
      [threshold, 'twenty', /is not a number/],
      [threshold, '', /is not a number/],
      [threshold, '30', /hour of the day/],
      [action, 'delete', /must be one of audit, warn, block, quarantine/],
      [count, '-1', /whole number, 0 or more/],
      [count, '1.5', /whole number/],
      [count, '0', /at least 1/],
      [find(rule, (s) => s.kind === 'confidence'), 'very', /low, medium, high or a whole number/],
    ];
    for (const [setting, raw, message] of cases) {
      const result = applySetting(rule, setting.id, raw);
      expect(result.ok, `${setting.label} = ${raw}`).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(message);
        expect(result.error).toContain(setting.label);
      }
    }
    const corr = read('correlations/leakage-correlations.yml');
    const span = find(corr, (s) => s.kind === 'timespan');
    const bad = applySetting(corr, span.id, '7 days');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/30s, 5m, 2h or 14d/);
    const negative = applySetting(corr, find(corr, (s) => s.kind === 'count').id, '-2');
    expect(negative.ok).toBe(false);
  });

  it('rewrites every listed setting of every default-pack file to its own value without changing a byte', () => {
    const files = readdirSync(join(process.cwd(), 'policies/default'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.yml'));
    let seen = 0;
    for (const file of files) {
      const text = read(file);
      for (const s of settings(text)) {
        expect(applySetting(text, s.id, String(s.value)), `${file} ${s.id}`).toEqual({ ok: true, text });
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(files.length);
  });

  it('refuses a setting that is no longer in the text', () => {
    const result = applySetting('title: x\n', '0:level', 'high');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/no longer in the file/) });
  });
});
