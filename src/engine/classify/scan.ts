// The content scan. One shared pre-filter pass over the text serves every classifier: an
// Aho–Corasick automaton finds every keyword, dictionary word and regex trigger literal (only when
// one of the terms the classifiers asked about is in the text: `triggerGate`), and one loop finds
// the runs of digits. Precise regular expressions then run only in windows around
// those candidates. Each primary match must pass its validator; supporting evidence within the
// proximity window raises it to the pattern's confidence; the highest-confidence pattern that
// holds wins; exclusions, the allow-list, entropy and the count range drop the rest.
import type { ContentSpan } from '../types.ts';
import { confidenceLevel } from './confidence.ts';
import type { CompiledSet } from './compile.ts';
import { shannonEntropy } from './entropy.ts';
import { compileKeywordAutomaton, isWholeWord, isWordChar, type KeywordHit } from './keyword-automaton.ts';
import { maskValue } from './mask.ts';
import { NON_ASCII, triggerGate } from './trigger-gate.ts';
import {
  normaliseValue,
  type CompiledClassifier,
  type CompiledPattern,
  type KeywordPattern,
  type RegexPattern,
} from './model.ts';

interface DigitRun {
  start: number;
  end: number;
  digits: number;
}

interface Evidence {
  start: number;
  end: number;
  /** What makes two items distinct: the keyword, or the text a supporting regex matched. */
  key: string;
  /** How the item is reported: the keyword, or "supporting pattern" for a regex match, whose text
   * (an expiry date next to a card) must not be shown in clear where the match is explained. */
  label: string;
}

type Primary = Omit<Candidate, 'confidence' | 'supporting'>;

interface Candidate {
  start: number;
  end: number;
  value: string;
  confidence: number;
  pattern: CompiledPattern;
  keyword?: string;
  supporting: string[];
}

/** Extra characters around a window so look-arounds and \b see their real neighbours. */
const WINDOW_MARGIN = 32;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const NEXT_DIGIT = /\d/g;

/** The characters regex-trigger.ts allows between two digits of one run. */
function isRunSeparator(code: number): boolean {
  return code === 32 || code === 45 || code === 46 || code === 47; // ' ' '-' '.' '/'
}

/**
 * Maximal runs of digits with at most one separator (' ', '-', '.', '/') between two digits: what
 * `/\d(?:[ \-./]?\d)*\/g` finds, read in one pass. (That expression overflowed V8's backtracking
 * stack on ~8 million digits in a row, so a card written after them was never looked at.)
 */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  const length = text.length;
  let at = 0;
  for (;;) {
    // The regular-expression engine skips to the next digit far faster than a loop in script.
    NEXT_DIGIT.lastIndex = at;
    if (!NEXT_DIGIT.test(text)) break;
    at = NEXT_DIGIT.lastIndex - 1;
    const start = at;
    let digits = 1;
    at++;
    for (;;) {
      if (at < length && isDigit(text.charCodeAt(at))) {
        digits++;
        at++;
      } else if (at + 1 < length && isRunSeparator(text.charCodeAt(at)) && isDigit(text.charCodeAt(at + 1))) {
        digits++;
        at += 2;
      } else break;
    }
    runs.push({ start, end: at, digits });
  }
  return runs;
}

function firstAtOrAfter(items: readonly { start: number }[], position: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((items[mid] as { start: number }).start < position) low = mid + 1;
    else high = mid;
  }
  return low;
}

const NO_HITS: readonly KeywordHit[] = [];
const NO_PRIMARIES: readonly Primary[] = [];
/** What `scan` returns for a text without spans: shared, so frozen (callers only read spans). */
const NO_SPANS = Object.freeze([]) as unknown as ContentSpan[];

/** Look-alikes of the separators numbers are written with: no-break, the typographic spaces from
 * en space to hair space (thin and narrow ones group digits in French and German text), the
 * ideographic space; Unicode hyphens, every dash from figure dash to horizontal bar (word
 * processors turn a typed `-` into an en or em dash), minus, full-width hyphen-minus. */
const SPACE_LIKE = /[\u00a0\u2002-\u200a\u202f\u205f\u3000]/g;
const HYPHEN_LIKE = /[\u2010-\u2015\u2212\uff0d]/g;
/** Digits of other scripts and widths: Arabic-Indic, Eastern Arabic-Indic, full-width. */
const OTHER_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g;
/** Characters that show as nothing: soft hyphen, zero-width space, joiners, word joiner, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const INVISIBLE_ALL = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Any of the above: most texts hold none, and are read as they are after this one test. */
const NEEDS_FOLDING =
  /[\u00a0\u2002-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212\uff0d\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\u00ad\u200b-\u200d\u2060\ufeff]/;

function isInvisible(code: number): boolean {
  return code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

function asciiDigit(digit: string): string {
  const code = digit.charCodeAt(0);
  const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
  return String.fromCharCode(48 + code - zero);
}

/**
 * The text as classifiers read it: separator look-alikes become the ASCII space and hyphen their
 * patterns are written with, and digits of other scripts or widths ASCII digits, one character for
 * one. Characters that show as nothing (a zero-width space between the digits of a card, a soft
 * hyphen in an IBAN: the easy ways around a pattern) are left out; then `at[i]` is the offset in
 * `text` of the read text's character i, so spans are reported in the text's own offsets.
 */
export function classifierText(text: string): { text: string; at?: Int32Array } {
  if (!NEEDS_FOLDING.test(text)) return { text };
  const same = text.replace(SPACE_LIKE, ' ').replace(HYPHEN_LIKE, '-').replace(OTHER_DIGITS, asciiDigit);
  if (!INVISIBLE.test(same)) return { text: same };
  const at = new Int32Array(same.length + 1);
  let read = 0;
  for (let i = 0; i < same.length; i++) if (!isInvisible(same.charCodeAt(i))) at[read++] = i;
  at[read] = same.length;
  const kept = same.replace(INVISIBLE_ALL, '');
  return { text: kept, at: at.subarray(0, read + 1) };
}

/** Spans found in the text classifiers read, in the offsets of the text as given. */
function inSource(state: ScanState, spans: ContentSpan[]): ContentSpan[] {
  const at = state.at;
  if (!at || spans.length === 0) return spans;
  return spans.map((span) => ({
    ...span,
    start: at[span.start] as number,
    end: (at[span.end - 1] as number) + 1,
  }));
}

class ScanState {
  /** What the classifiers read (`classifierText` of `source`). */
  readonly text: string;
  /** Offsets in `source` of `text`'s characters, when `text` left invisible characters out. */
  readonly at: Int32Array | undefined;
  /**
   * The text holds none of the terms the patterns of the classifiers in `gatedFor` are found by
   * (`triggerGate`): no trigger literal, keyword or evidence-led term of theirs is
   * looked for in it. Set by each scan for the classifiers it reads.
   */
  noTerms = false;
  gatedFor: readonly CompiledClassifier[] | undefined;
  /** Every term's hits: one pass of the automaton, made when a term is first asked for. */
  private found: KeywordHit[] | undefined;
  /** Term → its hits (a few per text: a map, not an array as long as the term table). */
  private hitsByTerm: Map<number, KeywordHit[]> | undefined;
  private runs: DigitRun[] | undefined;
  private ascii: boolean | undefined;
  private evidence: Map<CompiledPattern, Evidence[]> | undefined;
  private wholeWord: Map<KeywordHit, boolean> | undefined;

  constructor(
    readonly source: string,
    readonly scanner: ClassifierScanner,
  ) {
    // Every character classifiers fold is outside ASCII: an ASCII text is read as it is.
    if (!NON_ASCII.test(source)) {
      this.text = source;
      this.at = undefined;
      this.ascii = true;
    } else {
      const { text, at } = classifierText(source);
      this.text = text;
      this.at = at;
    }
  }

  /** Whether the text is all ASCII: a case-blind regular expression then finds what the automaton does. */
  isAscii(): boolean {
    return (this.ascii ??= !NON_ASCII.test(this.text));
  }

  /** Every hit of every term of the scanner's table, in the order the automaton finds them. */
  hits(): readonly KeywordHit[] {
    if (this.found === undefined) {
      this.found = this.scanner.automaton.searchText(this.text);
      const byTerm = (this.hitsByTerm = new Map());
      for (const hit of this.found) {
        const list = byTerm.get(hit.term);
        if (list) list.push(hit);
        else byTerm.set(hit.term, [hit]);
      }
    }
    return this.found;
  }

  hitsOf(term: number): readonly KeywordHit[] {
    if (this.found === undefined) this.hits();
    return this.hitsByTerm?.get(term) ?? NO_HITS;
  }

  digitRuns(): DigitRun[] {
    return (this.runs ??= findDigitRuns(this.text));
  }

  isWhole(hit: KeywordHit): boolean {
    this.wholeWord ??= new Map();
    let whole = this.wholeWord.get(hit);
    if (whole === undefined) {
      whole = isWholeWord(this.text, hit.start, hit.end);
      this.wholeWord.set(hit, whole);
    }
    return whole;
  }

  /** Every supporting-evidence item of a pattern in the whole text, ordered by start. */
  evidenceFor(pattern: CompiledPattern): Evidence[] {
    this.evidence ??= new Map();
    let items = this.evidence.get(pattern);
    if (items) return items;
    items = [];
    const supporting = pattern.supporting;
    if (supporting) {
      for (const term of supporting.terms) {
        for (const hit of this.hitsOf(term)) {
          if (this.isWhole(hit)) {
            const key = this.scanner.terms[term] as string;
            items.push({ start: hit.start, end: hit.end, key, label: key });
          }
        }
      }
      for (const regex of supporting.regexes) {
        regex.lastIndex = 0;
        for (let m = regex.exec(this.text); m; m = regex.exec(this.text)) {
          if (m[0] === '') {
            regex.lastIndex++;
            continue;
          }
          items.push({
            start: m.index,
            end: m.index + m[0].length,
            key: m[0].toLowerCase(),
            label: 'supporting pattern',
          });
        }
      }
      // "routing number" holds "routing": evidence inside a longer piece of evidence is not counted
      // again ("ABA routing number" is "aba routing" and "routing number", two items).
      items.sort((a, b) => a.start - b.start || b.end - a.end);
      const kept: Evidence[] = [];
      let reach = -1;
      for (const item of items) {
        if (item.end <= reach) continue;
        kept.push(item);
        reach = item.end;
      }
      items = kept;
    }
    this.evidence.set(pattern, items);
    return items;
  }
}

const NO_WINDOWS: readonly [number, number][] = [];

/** The window around one candidate, widened to whole words (or whole lines for an anchored regex). */
function windowAround(state: ScanState, start: number, end: number, reach: number, anchored: boolean) {
  const text = state.text;
  const length = text.length;
  let from = Math.max(0, start - reach - WINDOW_MARGIN);
  let to = Math.min(length, end + reach + WINDOW_MARGIN);
  if (anchored) {
    from = text.lastIndexOf('\n', from) + 1;
    const newline = text.indexOf('\n', to);
    to = newline < 0 ? length : newline;
  } else {
    // Never cut a word in two: \b at the window's edge must mean what it means in the text.
    while (from > 0 && isWordChar(text, from - 1)) from--;
    while (to < length && isWordChar(text, to)) to++;
  }
  return [from, to] as [number, number];
}

/** Where a pattern's regex must run: windows ordered and merged, or null for the whole text. */
function windowsFor(pattern: RegexPattern, state: ScanState): readonly [number, number][] | null {
  const length = state.text.length;
  const trigger = pattern.trigger;
  if (!state.scanner.prefilter) return null;
  const supporting = pattern.supporting;
  // A primary with nothing to pre-filter on (eight capital letters for a BIC) but required
  // keyword evidence: the evidence is the trigger, reached across the proximity window.
  const byEvidence =
    trigger.kind === 'always' && supporting && supporting.regexes.length === 0 && supporting.terms.length > 0;
  if (trigger.kind === 'always' && !byEvidence) return null;
  const reach = byEvidence ? pattern.maxLength + pattern.proximity : pattern.maxLength;
  // The candidates are counted first: most texts have none, or so many that the whole text wins.
  const terms = byEvidence ? supporting.terms : trigger.kind === 'literals' ? pattern.triggerTerms : null;
  if (terms && state.noTerms) return NO_WINDOWS;
  const minDigits = trigger.kind === 'digits' ? trigger.min : Infinity;
  let count = 0;
  if (terms) for (const term of terms) count += state.hitsOf(term).length;
  else if (minDigits !== Infinity) for (const run of state.digitRuns()) if (run.digits >= minDigits) count++;
  if (count === 0) return NO_WINDOWS;
  if (reach === Infinity) return null;
  // Candidates everywhere (a two-digit trigger in a table of numbers): one pass over the whole text
  // costs less than many small windows.
  if (count * (2 * (reach + WINDOW_MARGIN) + 8) >= length / 2) return null;
  const anchored = pattern.anchored;
  if (anchored && !pattern.regex.multiline) return null;
  const windows: [number, number][] = [];
  if (terms) {
    for (const term of terms)
      for (const hit of state.hitsOf(term))
        windows.push(windowAround(state, hit.start, hit.end, reach, anchored));
  } else {
    for (const run of state.digitRuns())
      if (run.digits >= minDigits) windows.push(windowAround(state, run.start, run.end, reach, anchored));
  }
  windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push(window);
  }
  return merged;
}

function regexPrimaries(pattern: RegexPattern, state: ScanState): readonly Primary[] {
  let found: Primary[] | undefined;
  const regex = pattern.regex;
  const windows = windowsFor(pattern, state);
  const count = windows === null ? 1 : windows.length;
  const length = state.text.length;
  for (let w = 0; w < count; w++) {
    const from = windows === null ? 0 : (windows[w] as [number, number])[0];
    const to = windows === null ? length : (windows[w] as [number, number])[1];
    const slice = from === 0 && to === length ? state.text : state.text.slice(from, to);
    regex.lastIndex = 0;
    for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
      if (m[0] === '') {
        regex.lastIndex++;
        continue;
      }
      // A named group `value` marks the sensitive part when the regex also matches its context.
      const group = m.indices?.groups?.value;
      const value = m.groups?.value ?? m[0];
      const validator = pattern.validator;
      if (validator && !validator(value)) {
        const fitted = pattern.fit?.(value);
        if (fitted === undefined || !validator(fitted)) {
          // A reading that fails its check does not hide one starting inside it: `4026 4111 1111
          // 1111 1111` is not a card from its first group, but is from its second.
          regex.lastIndex = m.index + 1;
          continue;
        }
      }
      const start = from + (group ? group[0] : m.index);
      (found ??= []).push({ start, end: start + value.length, value, pattern });
    }
  }
  return found ?? NO_PRIMARIES;
}

function keywordPrimaries(pattern: KeywordPattern, state: ScanState): readonly Primary[] {
  if (state.noTerms) return NO_PRIMARIES;
  const found: Primary[] = [];
  const add = (hit: KeywordHit) => {
    if (!state.isWhole(hit)) return;
    const value = state.text.slice(hit.start, hit.end);
    const keyword = state.scanner.terms[hit.term] as string;
    found.push({ start: hit.start, end: hit.end, value, pattern, keyword });
  };
  // A dictionary of thousands of terms against a short text: walk the hits, not the terms.
  const hits = state.hits();
  if (pattern.terms.length > hits.length) {
    for (const hit of hits) if (pattern.termSet.has(hit.term)) add(hit);
  } else {
    for (const term of pattern.terms) for (const hit of state.hitsOf(term)) add(hit);
  }
  return found;
}

function excluded(classifier: CompiledClassifier, value: string): boolean {
  const normal = normaliseValue(value);
  if (classifier.allow.has(normal) || classifier.excludeValues.has(normal)) return true;
  if (classifier.excludeRegexes.some((regex) => regex.test(value))) return true;
  if (classifier.excludeKeywords.length > 0) {
    const lower = value.toLowerCase();
    if (classifier.excludeKeywords.some((keyword) => lower.includes(keyword))) return true;
  }
  return classifier.entropy !== undefined && shannonEntropy(value) < classifier.entropy;
}

/** Distinct evidence entirely inside [from, to), outside the primary match itself: how many
 * distinct items, and their distinct labels (what is reported). */
function evidenceIn(
  items: Evidence[],
  from: number,
  to: number,
  start: number,
  end: number,
): { count: number; labels: string[] } {
  const keys = new Set<string>();
  const labels = new Set<string>();
  for (let i = firstAtOrAfter(items, from); i < items.length; i++) {
    const item = items[i] as Evidence;
    if (item.start >= to) break;
    if (item.end > to) continue;
    if (item.start < end && item.end > start) continue;
    keys.add(item.key);
    labels.add(item.label);
  }
  return { count: keys.size, labels: [...labels] };
}

/** The highest-confidence candidates that do not overlap one another (longer first on ties). */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort(
    (a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken: Candidate[] = [];
  for (const candidate of candidates) {
    const at = firstAtOrAfter(taken, candidate.start);
    const before = taken[at - 1];
    const after = taken[at];
    if (before && before.end > candidate.start) continue;
    if (after && after.start < candidate.end) continue;
    taken.splice(at, 0, candidate);
  }
  return taken;
}

function scanClassifier(classifier: CompiledClassifier, state: ScanState, field: string): ContentSpan[] {
  let candidates: Candidate[] | undefined;
  for (const pattern of classifier.patterns) {
    const primaries =
      pattern.kind === 'regex' ? regexPrimaries(pattern, state) : keywordPrimaries(pattern, state);
    for (const found of primaries) {
      let primary = found;
      if (pattern.validator && !pattern.validator(primary.value)) {
        // A match that runs past its value (an IBAN followed by a currency): its leading part.
        const fitted = pattern.fit?.(primary.value);
        if (fitted === undefined || !pattern.validator(fitted)) continue;
        primary = { ...primary, value: fitted, end: primary.start + fitted.length };
      }
      if (excluded(classifier, primary.value)) continue;
      let supporting: string[] = [];
      if (pattern.supporting) {
        const from = primary.start - pattern.proximity;
        const to = primary.end + pattern.proximity;
        const evidence = evidenceIn(state.evidenceFor(pattern), from, to, primary.start, primary.end);
        if (evidence.count < pattern.supporting.minMatches) continue;
        supporting = evidence.labels;
      }
      (candidates ??= []).push({ ...primary, confidence: pattern.confidence, supporting });
    }
  }
  // Most texts hold nothing a classifier asked about looks for: nothing is allocated for them.
  if (candidates === undefined) return NO_SPANS;
  const kept = resolveOverlaps(candidates);
  if (classifier.minCount !== undefined && kept.length < classifier.minCount) return [];
  if (classifier.maxCount !== undefined && kept.length > classifier.maxCount) return [];
  return kept.map((c) => ({
    classifier: classifier.id,
    field,
    start: c.start,
    end: c.end,
    confidence: c.confidence,
    level: confidenceLevel(c.confidence),
    masked: maskValue(c.value, classifier.mask),
    decidedBy: {
      pattern: c.pattern.name,
      ...(c.keyword !== undefined ? { keyword: c.keyword } : {}),
      ...(c.pattern.validatorName !== undefined ? { validator: c.pattern.validatorName } : {}),
      ...(c.supporting.length > 0 ? { supporting: c.supporting } : {}),
    },
  }));
}

export class ClassifierScanner {
  readonly automaton;
  readonly terms: readonly string[];
  readonly ids: string[];
  private readonly classifiers: CompiledClassifier[];

  /**
   * @param prefilter false runs every regex over the whole text: the reference the pre-filtered
   *   scan must agree with (tests), never needed otherwise.
   */
  constructor(
    set: CompiledSet,
    readonly prefilter = true,
  ) {
    this.classifiers = set.classifiers;
    this.terms = set.terms.terms;
    this.automaton = compileKeywordAutomaton(this.terms);
    this.ids = set.classifiers.map((c) => c.id);
  }

  /** Per list of classifiers read together (`scope` of `scan`): its `triggerGate`. */
  private readonly gates = new WeakMap<readonly CompiledClassifier[], RegExp | null>();

  private classifiersOf(only: ReadonlySet<string> | undefined): CompiledClassifier[] {
    if (!only) return this.classifiers;
    let known = this.activeFor.get(only);
    if (!known) this.activeFor.set(only, (known = this.classifiers.filter((c) => only.has(c.id))));
    return known;
  }

  /** The pre-filter pass of the last text scanned: a caller asking classifier by classifier about
   * one text (the evaluator does, per rule) walks the automaton once. It depends on the text only. */
  private last: ScanState | undefined;

  /** The classifiers of each `only` set asked for: the evaluator asks with the same few sets, which
   * nobody changes once built (a set is read once). */
  private readonly activeFor = new WeakMap<ReadonlySet<string>, CompiledClassifier[]>();

  /**
   * The spans of the classifiers in `only` (all without it) in `text`. `scope`, when given, names
   * every classifier the caller may ask about this text, `only`'s among them (the evaluator asks
   * one classifier at a time, of the few a rule needs): the terms they are found by are then looked
   * for once, and the automaton runs only if one is there.
   */
  scan(text: string, field: string, only?: ReadonlySet<string>, scope?: ReadonlySet<string>): ContentSpan[] {
    const active = this.classifiersOf(only);
    if (active.length === 0 || text.length === 0) return NO_SPANS;
    const state = this.last?.source === text ? this.last : (this.last = new ScanState(text, this));
    const gated = scope !== undefined && this.prefilter ? this.classifiersOf(scope) : undefined;
    if (gated === undefined || !active.every((classifier) => gated.includes(classifier))) {
      state.noTerms = false;
      state.gatedFor = undefined;
    } else if (state.gatedFor !== gated) {
      let gate = this.gates.get(gated);
      if (gate === undefined) this.gates.set(gated, (gate = triggerGate(gated, this.terms)));
      state.gatedFor = gated;
      state.noTerms = gate !== null && state.isAscii() && !gate.test(state.text);
    }
    // One classifier's spans never overlap and come ordered by start: already in the order below.
    if (active.length === 1)
      return inSource(state, scanClassifier(active[0] as CompiledClassifier, state, field));
    const spans: ContentSpan[] = [];
    for (const classifier of active)
      for (const span of scanClassifier(classifier, state, field)) spans.push(span);
    return inSource(
      state,
      spans.sort((a, b) => a.start - b.start || a.classifier.localeCompare(b.classifier)),
    );
  }
}
