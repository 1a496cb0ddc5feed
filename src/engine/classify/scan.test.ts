// Classifier semantics: validators gate primary matches, supporting evidence within the proximity
// window raises confidence, the highest-confidence pattern wins, exclusions and the allow-list
// drop matches, count range, entropy, masking, and the pre-filter's windows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../load/load-pack.ts';
import { compileClassifiers } from './index.ts';
import { classifierText, findDigitRuns } from './scan.ts';

function compile(yaml: string, file = 'pack/classifiers.yml') {
  const loaded = loadPack([{ name: file, text: yaml }]);
  expect(loaded.errors).toEqual([]);
  return compileClassifiers(loaded.documents.filter((d) => d.kind === 'classifier'));
}

function classifiers(yaml: string) {
  const { classifiers: compiled, errors } = compile(yaml);
  expect(errors).toEqual([]);
  return compiled;
}

const CARD = `
kind: classifier
id: card
name: Card
patterns:
  - name: with keyword
    confidence: high
    regex: '\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b'
    validator: luhn
    supporting: { keywords: [visa, card number] }
  - name: checksum only
    confidence: medium
    regex: '\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b'
    validator: luhn
`;

describe('primary element, validator and supporting evidence', () => {
  const card = classifiers(CARD);

  it('finds a Luhn-valid number at medium confidence without evidence, and says what decided it', () => {
    const [span, ...rest] = card.scan('order ref 4111 1111 1111 1111 shipped', 'content');
    expect(rest).toEqual([]);
    expect(span).toMatchObject({
      classifier: 'card',
      field: 'content',
      start: 10,
      end: 29,
      confidence: 75,
      level: 'medium',
      masked: '4111…1111',
      decidedBy: { pattern: 'checksum only', validator: 'luhn' },
    });
  });

  it('raises to high confidence with a keyword nearby and lists the evidence', () => {
    const [span] = card.scan('Visa 4111 1111 1111 1111', 'content');
    expect(span).toMatchObject({ confidence: 85, level: 'high', decidedBy: { pattern: 'with keyword' } });
    expect(span?.decidedBy.supporting).toEqual(['visa']);
  });

  it('drops a number that fails the checksum', () => {
    expect(card.scan('Visa 4111 1111 1111 1112', 'content')).toEqual([]);
  });

  it('counts keywords only as whole words', () => {
    expect(card.scan('visas 4111 1111 1111 1111', 'content')[0]?.level).toBe('medium');
  });

  it('uses a 300-character window: evidence 300 characters away counts, 301 does not', () => {
    const number = '4111111111111111';
    // "visa" then a gap: the keyword starts exactly 300 characters before the number.
    const at300 = 'visa' + ' '.repeat(296) + number;
    const at301 = 'visa' + ' '.repeat(297) + number;
    expect(card.scan(at300, 'content')[0]?.level).toBe('high');
    expect(card.scan(at301, 'content')[0]?.level).toBe('medium');
    // After the number: the keyword must end within 300 characters of the number's end.
    const after300 = number + ' '.repeat(296) + 'visa';
    const after301 = number + ' '.repeat(297) + 'visa';
    expect(card.scan(after300, 'content')[0]?.level).toBe('high');
    expect(card.scan(after301, 'content')[0]?.level).toBe('medium');
  });

  it('honours a pattern proximity and min_matches', () => {
    const strict = classifiers(`
kind: classifier
id: routing
name: Routing
patterns:
  - confidence: 90
    regex: '\\b\\d{9}\\b'
    validator: aba
    proximity: 20
    supporting: { keywords: [routing, bank, account], min_matches: 2 }
`);
    expect(strict.scan('routing 021000021 bank', 'content')[0]).toMatchObject({
      confidence: 90,
      level: 'high',
    });
    // One keyword only, twice: distinct evidence is what counts.
    expect(strict.scan('routing 021000021 routing', 'content')).toEqual([]);
    // Second keyword beyond the 20-character window.
    expect(strict.scan(`routing 021000021 ${' '.repeat(20)}bank`, 'content')).toEqual([]);
  });

  it('reports every number in a text, each once, ordered by offset', () => {
    const spans = card.scan('4111111111111111, 5555 5555 5555 4444 and 4012-8888-8888-1881', 'content');
    expect(spans.map((s) => s.masked)).toEqual(['4111…1111', '5555…4444', '4012…1881']);
    expect(spans.map((s) => s.start)).toEqual([0, 18, 42]);
  });

  it('scans only the classifiers asked for', () => {
    expect(card.scan('Visa 4111 1111 1111 1111', 'content', new Set(['other']))).toEqual([]);
  });
});

describe('confidence numbers and levels', () => {
  it('maps low/medium/high to 65/75/85 and reports numbers in between at the level below', () => {
    const levels = classifiers(`
kind: classifier
id: words
name: Words
patterns:
  - { confidence: low, keywords: [alpha] }
  - { confidence: medium, keywords: [beta] }
  - { confidence: high, keywords: [gamma] }
  - { confidence: 80, keywords: [delta] }
  - { confidence: 60, keywords: [epsilon] }
`);
    const spans = levels.scan('alpha beta gamma delta epsilon', 'content');
    expect(spans.map((s) => [s.confidence, s.level])).toEqual([
      [65, 'low'],
      [75, 'medium'],
      [85, 'high'],
      [80, 'medium'],
      [60, 'low'],
    ]);
    expect(spans[0]?.decidedBy.keyword).toBe('alpha');
  });
});

describe('exclusions, allow-list, count range and entropy', () => {
  const yaml = (extra: string) => `
kind: classifier
id: ssn
name: SSN
patterns:
  - confidence: high
    regex: '\\b\\d{3}-\\d{2}-\\d{4}\\b'
    validator: us-ssn
mask: shape
${extra}`;

  it('drops excluded values whatever their separators, excluded patterns and excluded keywords', () => {
    const ssn = classifiers(
      yaml(`exclusions:
  values: ['078051120']
  regex: '987-65-432\\d'
`),
    );
    const spans = ssn.scan('078-05-1120 987-65-4321 536-22-1847', 'content');
    expect(spans.map((s) => s.masked)).toEqual(['***-**-1847']);
  });

  it('drops allow-listed values', () => {
    const ssn = classifiers(yaml(`allow: ['536-22-1847']`));
    expect(ssn.scan('536-22-1847 412-67-3390', 'content').map((s) => s.start)).toEqual([12]);
  });

  it('counts a text only when it holds between min_count and max_count matches', () => {
    const ssn = classifiers(yaml('min_count: 2\nmax_count: 3'));
    const one = '536-22-1847';
    const many = (n: number) => Array.from({ length: n }, () => one).join(' ');
    expect(ssn.scan(many(1), 'content')).toHaveLength(0);
    expect(ssn.scan(many(2), 'content')).toHaveLength(2);
    expect(ssn.scan(many(3), 'content')).toHaveLength(3);
    expect(ssn.scan(many(4), 'content')).toHaveLength(0);
  });

  it('keeps only random-looking secrets when entropy is set, and drops placeholder keywords', () => {
    const secret = classifiers(`
kind: classifier
id: secret
name: Secret
patterns:
  - confidence: medium
    flags: i
    regex: 'secret\\s?=\\s?(?<value>[A-Za-z0-9]{12,64})'
exclusions: { keywords: [example] }
entropy: 3.5
mask: { style: ellipsis, keep_start: 2, keep_end: 2 }
`);
    const text = 'secret=aaaaaaaabbbbbbbb SECRET = q8Zr3kP9xVb2Lm7T secret=myEXAMPLEkey1234';
    const spans = secret.scan(text, 'content');
    expect(spans).toHaveLength(1);
    // The named group `value` is the span, not the `secret =` around it.
    expect(text.slice(spans[0]?.start, spans[0]?.end)).toBe('q8Zr3kP9xVb2Lm7T');
    expect(spans[0]?.masked).toBe('q8…7T');
  });
});

describe('masking', () => {
  it('never shows the whole value, in each style', () => {
    const masked = classifiers(`
kind: classifier
id: a
name: A
patterns: [{ confidence: high, regex: '\\bA\\d{8}\\b' }]
mask: stars
---
kind: classifier
id: b
name: B
patterns: [{ confidence: high, regex: '\\bB\\d{3}-\\d{4}\\b' }]
mask: shape
---
kind: classifier
id: c
name: C
patterns: [{ confidence: high, regex: '\\b[a-z.]+@corp\\.test\\b' }]
mask: email
---
kind: classifier
id: d
name: D
patterns: [{ confidence: high, regex: 'KEY-\\d{4}' }]
mask: redact
`);
    const spans = masked.scan('A12345678 B123-4567 jane.doe@corp.test KEY-1234', 'content');
    expect(spans.map((s) => s.masked)).toEqual(['A1*****78', '****-4567', 'j***@corp.test', '[REDACTED]']);
  });
});

describe('shared pre-filter', () => {
  it('finds the same matches as running every regex over the whole text', () => {
    const yaml = `
kind: classifier
id: iban
name: IBAN
patterns: [{ confidence: high, regex: '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b', validator: iban }]
---
kind: classifier
id: key
name: Key
patterns: [{ confidence: high, regex: '-----BEGIN (?:RSA )?PRIVATE KEY-----' }]
---
kind: classifier
id: ssn
name: SSN
patterns: [{ confidence: high, regex: '(?<!\\d)\\d{3}-\\d{2}-\\d{4}(?!\\d)', validator: us-ssn }]
`;
    const compiled = classifiers(yaml);
    const filler = 'lorem ipsum dolor sit amet 12 34 '.repeat(40);
    const text = `${filler}DE89 3704 0044 0532 0130 00 ${filler}-----BEGIN RSA PRIVATE KEY-----${filler}536-22-1847 ${filler}`;
    const spans = compiled.scan(text, 'content');
    const whole = (source: string, flags = 'g') => [...text.matchAll(new RegExp(source, flags))].length;
    // Control: the regexes themselves, run over the whole text, find exactly these three.
    expect(whole('-----BEGIN (?:RSA )?PRIVATE KEY-----') + whole('(?<!\\d)\\d{3}-\\d{2}-\\d{4}(?!\\d)')).toBe(
      2,
    );
    expect(spans.map((s) => [s.classifier, text.slice(s.start, s.end)])).toEqual([
      ['iban', 'DE89 3704 0044 0532 0130 00'],
      ['key', '-----BEGIN RSA PRIVATE KEY-----'],
      ['ssn', '536-22-1847'],
    ]);
  });
});

describe('look-arounds that read far from the match', () => {
  it('see as far as they reach, not only the pre-filter window around a candidate', () => {
    const compiled = classifiers(`
kind: classifier
id: pin
name: PIN after a marker
patterns:
  - { name: behind, confidence: high, regex: '(?<=secret: .{0,400})\\d{6}' }
---
kind: classifier
id: code
name: Code before a marker
patterns:
  - { name: ahead, confidence: high, regex: '\\b\\d{5}\\b(?=.{0,400}pin code)' }
`);
    const text = `secret: ${'x '.repeat(150)}123456 and 54321 ${'y '.repeat(150)}pin code`;
    expect(compiled.scan(text, 'content').map((s) => [s.classifier, text.slice(s.start, s.end)])).toEqual([
      ['pin', '123456'],
      ['code', '54321'],
    ]);
  });
});

describe('findDigitRuns', () => {
  // The definition, character by character: a run starts at a digit and goes on through digits,
  // stepping over one separator (' ', '-', '.', '/') only when a digit follows it.
  function reference(text: string) {
    const isDigit = (i: number) => i < text.length && text[i]! >= '0' && text[i]! <= '9';
    const runs: { start: number; end: number; digits: number }[] = [];
    let i = 0;
    while (i < text.length) {
      if (!isDigit(i)) {
        i++;
        continue;
      }
      const start = i;
      let digits = 0;
      let end = i;
      let j = i;
      while (j < text.length) {
        if (isDigit(j)) {
          digits++;
          end = ++j;
        } else if (' -./'.includes(text[j]!) && isDigit(j + 1)) j++;
        else break;
      }
      runs.push({ start, end, digits });
      i = end;
    }
    return runs;
  }

  it('finds the runs of digits a card number, an IBAN or a date is made of', () => {
    expect(findDigitRuns('card 4111 1111-1111.1111, due 2026/03/02 -- 12  34')).toEqual([
      { start: 5, end: 24, digits: 16 },
      { start: 30, end: 40, digits: 8 },
      { start: 44, end: 46, digits: 2 },
      { start: 48, end: 50, digits: 2 },
    ]);
  });

  it('agrees with the definition on any text of digits, separators and letters', () => {
    const text = fc
      .array(fc.constantFrom('1', '0', '9', ' ', '-', '.', '/', '  ', 'a', '٣', '\n', '+'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(findDigitRuns(t)).toEqual(reference(t));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a run of 9 million digits, and a card written after it is still found', () => {
    // The regular expression this replaced overflowed V8's backtracking stack at ~8.4 million.
    const text = `${'1'.repeat(9_000_000)} visa 4111 1111 1111 1111`;
    const runs = findDigitRuns(text);
    expect(runs).toEqual([
      { start: 0, end: 9_000_000, digits: 9_000_000 },
      { start: 9_000_006, end: 9_000_025, digits: 16 },
    ]);
    const spans = classifiers(CARD).scan(text, 'content');
    expect(spans.map((s) => [s.start, s.level])).toEqual([[9_000_006, 'high']]);
  });
});

describe('text written to slip past a pattern', () => {
  const ZWSP = '\u200b';
  it.each([
    ['zero-width spaces between the digits', `visa 4${ZWSP}111 1111 1111 1${ZWSP}111 ok`],
    ['a zero-width joiner and a word joiner', 'visa 4111\u200d1111\u20601111 1111 ok'],
    ['soft hyphens between the groups', 'visa 4111\u00ad1111\u00ad1111\u00ad1111 ok'],
    [
      'full-width digits',
      'visa \uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 ok',
    ],
    [
      'Arabic-Indic digits',
      'visa \u0664\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 ok',
    ],
  ])('%s: the card is found, its span in the text as written', (_, text) => {
    const spans = classifiers(CARD).scan(text, 'content');
    expect(spans).toHaveLength(1);
    const [span] = spans;
    // The span covers the card in the text as given: from its first digit to its last.
    expect(span!.start).toBe(text.indexOf('visa ') + 5);
    expect(span!.end).toBe(text.lastIndexOf(' ok'));
    expect(span!.level).toBe('high');
  });

  it('reads an ordinary text as it is, offsets unchanged', () => {
    expect(classifierText('card 4111 1111')).toEqual({ text: 'card 4111 1111' });
    expect(classifierText('a\u00a0b\u2013c')).toEqual({ text: 'a b-c' });
    // Em dash, horizontal bar, thin and hair spaces, ideographic space, full-width hyphen-minus.
    expect(classifierText('1\u20142\u20153\u20094\u200a5\u30006\uff0d7')).toEqual({ text: '1-2-3 4 5 6-7' });
    const folded = classifierText(`a${ZWSP}b\u00adc`);
    expect(folded.text).toBe('abc');
    expect([...(folded.at ?? [])]).toEqual([0, 2, 4, 5]);
  });
});
