import { describe, it, expect } from 'vitest';
import { diagnosticRange, ruleIdOffset } from './pack-check.ts';

describe('editor underlines', () => {
  const text = 'title: x\ndetection:\n  selection:\n    file.name|endswit: .zip\n';

  it('underline the token a diagnostic points at', () => {
    const { from, to } = diagnosticRange(text, { line: 4, column: 5 });
    expect(text.slice(from, to)).toBe('file.name|endswit');
  });

  it('a position past the end is clamped into the text', () => {
    const r = diagnosticRange(text, { line: 99, column: 99 });
    expect(r.from).toBeLessThanOrEqual(text.length);
    expect(r.to).toBeGreaterThanOrEqual(r.from);
  });
});

describe('opening the editor at a rule', () => {
  const text = [
    'title: A',
    'id: rule-a',
    'detection: { selection: { id: rule-b }, condition: selection }',
    '---',
    'title: B',
    "id: 'rule-b' # the second",
    '',
  ].join('\n');
  it('finds the id line of the document that defines the rule, not a field that names it', () => {
    expect(ruleIdOffset(text, 'rule-b')).toBe(text.indexOf("id: 'rule-b'"));
    expect(ruleIdOffset(text, 'rule-a')).toBe(text.indexOf('id: rule-a'));
  });
  it('a rule the file does not define, or only a prefix of one, is not found', () => {
    expect(ruleIdOffset(text, 'rule')).toBeNull();
    expect(ruleIdOffset(text, 'rule-.')).toBeNull();
  });
});
