// Keywords (values with no field) are a full-text search: an implicit `contains` applies only when
// no modifier already says how the value matches (`re`, `startswith`, encodings with their own
// `contains`…), as pySigma backends do.
import { describe, expect, it } from 'vitest';
import { compileRuleText, ruleMatches } from './rule-fixture.ts';

const keywordRule = (key: string, value: unknown): string =>
  `title: t\ndetection:\n  keywords:\n    ${JSON.stringify(key)}: ${JSON.stringify(value)}\n  condition: keywords\n`;

const compiles = (yaml: string): string[] => compileRuleText(yaml).errors.map((e) => e.message);

/** Little-endian UTF-16 of a text, Base64-encoded, as a log would carry a PowerShell -enc payload. */
const wideBase64 = (text: string): string => {
  let binary = '';
  for (const char of text) binary += String.fromCharCode(char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8);
  return btoa(binary);
};

describe('keywords with modifiers', () => {
  it('|re is a regular expression searched in every field value', () => {
    const rule = keywordRule('|re', 'ev[0-9]l');
    expect(compiles(rule)).toEqual([]);
    expect(ruleMatches(rule, { a: 'x', msg: 'an ev1l thing' })).toBe(true);
    expect(ruleMatches(rule, { msg: 'an EV1L thing' })).toBe(false); // regexes are case-sensitive
    expect(ruleMatches(rule, { msg: 'evil' })).toBe(false);
    expect(ruleMatches(keywordRule('|re', '^ev1l$'), { msg: 'an ev1l thing' })).toBe(false);
    expect(ruleMatches(keywordRule('|re', '^ev1l$'), { a: 'no', msg: 'ev1l' })).toBe(true);
  });

  it('|startswith and |endswith: some field value starts (ends) with the keyword', () => {
    const starts = keywordRule('|startswith', 'ev1l');
    const ends = keywordRule('|endswith', 'ev1l');
    expect(compiles(starts)).toEqual([]);
    expect(compiles(ends)).toEqual([]);
    expect(ruleMatches(starts, { a: 'x', msg: 'EV1L thing' })).toBe(true);
    expect(ruleMatches(starts, { msg: 'an ev1l thing' })).toBe(false);
    expect(ruleMatches(ends, { msg: 'an ev1l' })).toBe(true);
    expect(ruleMatches(ends, { msg: 'an ev1l thing' })).toBe(false);
  });

  it('|base64 is searched encoded, anywhere in a value', () => {
    const rule = keywordRule('|base64', 'ev1l');
    expect(compiles(rule)).toEqual([]);
    expect(ruleMatches(rule, { msg: `payload ${btoa('ev1l')} end` })).toBe(true);
    expect(ruleMatches(rule, { msg: 'ev1l' })).toBe(false);
  });

  it('|base64offset|contains and |wide|base64offset|contains work as for a field', () => {
    const rule = keywordRule('|base64offset|contains', 'ev1l');
    expect(compiles(rule)).toEqual([]);
    for (const prefix of ['', 'x', 'xy', 'xyz'])
      expect(ruleMatches(rule, { cmd: `powershell ${btoa(`${prefix}ev1l payload`)}` })).toBe(true);
    expect(ruleMatches(rule, { cmd: btoa('harmless') })).toBe(false);

    const wide = keywordRule('|wide|base64offset|contains', 'ev1l');
    expect(compiles(wide)).toEqual([]);
    for (const prefix of ['', 'x', 'xy'])
      expect(ruleMatches(wide, { cmd: `powershell -enc ${wideBase64(`${prefix}ev1l payload`)}` })).toBe(true);
    expect(ruleMatches(wide, { cmd: `powershell -enc ${btoa('ev1l payload')}` })).toBe(false);
  });

  it('modifiers that do not place the value keep the implicit contains', () => {
    expect(ruleMatches(keywordRule('|cased', 'Ev1l'), { msg: 'an Ev1l thing' })).toBe(true);
    expect(ruleMatches(keywordRule('|cased', 'Ev1l'), { msg: 'an ev1l thing' })).toBe(false);
    expect(ruleMatches(keywordRule('|windash', '-enc'), { msg: 'ps /enc abc' })).toBe(true);
    expect(ruleMatches(keywordRule('|contains', 'ev1l'), { msg: 'an EV1L thing' })).toBe(true);
    expect(ruleMatches(keywordRule('|cidr', '10.0.0.0/8'), { ip: '10.1.2.3' })).toBe(true);
    expect(ruleMatches(keywordRule('|cidr', '10.0.0.0/8'), { ip: '11.1.2.3' })).toBe(false);
  });
});

describe('keywords refuse what needs a field', () => {
  it('exists, fieldref, comparisons and neq say so', () => {
    for (const [key, value] of [
      ['|exists', true],
      ['|fieldref', 'user.name'],
      ['|gt', 5],
      ['|neq', 'x'],
    ] as const) {
      const name = key.slice(1);
      expect(compiles(keywordRule(key, value)).join('; ')).toContain(`"${name}" needs a field`);
    }
  });
});

describe('numeric keywords', () => {
  const rule = 'title: t\ndetection:\n  keywords:\n    - 4625\n  condition: keywords\n';

  it('are found inside text, as their string form is', () => {
    expect(ruleMatches(rule, { Text: 'failed 4625 logon' })).toBe(true);
    expect(ruleMatches(rule, { Text: 'failed 462 logon' })).toBe(false);
  });

  it('still match a field holding the number', () => {
    expect(ruleMatches(rule, { Code: 4625 })).toBe(true);
    expect(ruleMatches(rule, { Code: 4626 })).toBe(false);
  });
});
