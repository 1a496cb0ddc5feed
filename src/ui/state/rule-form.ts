// Form views for the common edits of a pack file: a rule's level, response severity and action,
// the numeric comparisons of its detection (`|gt`, `|gte`, `|lt`, `|lte`, classifier `min_count`),
// a correlation's condition numbers and timespan, a classifier's match counts and confidences.
// Pure: text in, text out. An edit replaces only the characters of the one value it changes, so
// comments, key order, quoting and layout elsewhere in the file stay exactly as written. Every
// document of a multi-document file (`---`) is listed and editable.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Scalar } from 'yaml';
import { RESPONSE_ACTIONS, SEVERITIES } from '../../engine/types.ts';
import { parseTimespan, TIMESPAN_HINT } from '../../engine/correlate/timespan.ts';

export type SettingKind = 'level' | 'severity' | 'action' | 'threshold' | 'count' | 'confidence' | 'timespan';
export type PathKey = string | number;

export interface FormSetting {
  /** Unique within the file: the document index and the path. */
  id: string;
  doc: number;
  path: PathKey[];
  kind: SettingKind;
  /** What the input is called, e.g. "night: @timestamp|hour at least". */
  label: string;
  /** The value as written (numbers stay numbers). */
  value: string | number;
  /** For selects: the allowed values. */
  options?: readonly string[];
}

export interface FormDocument {
  index: number;
  kind: 'rule' | 'correlation' | 'classifier';
  /** The document's title (or name, or id), for the fieldset legend. */
  title: string;
  settings: FormSetting[];
}

export interface RuleForm {
  documents: FormDocument[];
  /** Set when the file does not parse: the form is empty until the YAML is fixed. */
  error?: string;
}

export type ApplyResult = { ok: true; text: string } | { ok: false; error: string };

export const CONFIDENCE_WORDS = ['low', 'medium', 'high'] as const;

const COMPARISONS: Record<string, string> = {
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  eq: 'equal to',
  neq: 'not equal to',
};
const DETECTION_OPS = new Set(['gt', 'gte', 'lt', 'lte']);

function scalarAt(doc: Document, path: PathKey[]): Scalar | null {
  const node = doc.getIn(path, true);
  return isScalar(node) ? node : null;
}

function str(doc: Document, key: string): string {
  const v = doc.get(key);
  return typeof v === 'string' ? v : '';
}

function describe(doc: Document): FormDocument['kind'] | null {
  if (!isMap(doc.contents)) return null;
  if (doc.get('kind') === 'classifier') return 'classifier';
  if (doc.has('correlation')) return 'correlation';
  if (doc.has('detection')) return 'rule';
  return null;
}

function settingsOf(doc: Document, index: number, kind: FormDocument['kind']): FormSetting[] {
  const out: FormSetting[] = [];
  const add = (path: PathKey[], k: SettingKind, label: string, options?: readonly string[]) => {
    const node = scalarAt(doc, path);
    if (!node) return;
    const value = node.value;
    if (k === 'threshold' || k === 'count') {
      if (typeof value !== 'number') return;
    } else if (k === 'confidence') {
      if (typeof value !== 'number' && typeof value !== 'string') return;
    } else if (typeof value !== 'string') return;
    out.push({ id: `${index}:${path.join('.')}`, doc: index, path, kind: k, label, value, options });
  };

  if (kind === 'rule' || kind === 'correlation') {
    add(['level'], 'level', 'Level', SEVERITIES);
    add(['response', 'severity'], 'severity', 'Response severity', SEVERITIES);
    add(['response', 'action'], 'action', 'Response action', RESPONSE_ACTIONS);
  }
  if (kind === 'rule') {
    // Content matchers (`content:` in our rules, or inline in `detection`) name a classifier.
    for (const section of ['detection', 'content']) {
      const block = doc.get(section, true);
      if (!isMap(block)) continue;
      for (const pair of block.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!name || name === 'condition') continue;
        const visit = (node: unknown, path: PathKey[]) => {
          if (!isMap(node)) return;
          const isMatcher = node.has('classifier');
          for (const item of node.items) {
            if (!isScalar(item.key)) continue;
            const key = String(item.key.value);
            const at = [...path, key];
            if (isMatcher && key === 'min_count')
              add(at, 'count', `${name}: ${String(node.get('classifier'))} at least (matches)`);
            else if (isMatcher && key === 'min_confidence')
              add(at, 'confidence', `${name}: ${String(node.get('classifier'))} minimum confidence`);
            else if (!isMatcher) {
              const parts = key.split('|');
              const op = parts[parts.length - 1] ?? '';
              if (parts.length > 1 && DETECTION_OPS.has(op)) {
                add(at, 'threshold', `${name}: ${parts.slice(0, -1).join('|')} ${COMPARISONS[op]}`);
              }
            }
          }
        };
        const value = pair.value;
        if (isMap(value)) visit(value, [section, name]);
        else if (isSeq(value)) value.items.forEach((item, i) => visit(item, [section, name, i]));
      }
    }
  }
  if (kind === 'correlation') {
    add(['correlation', 'timespan'], 'timespan', 'Time window');
    const condition = doc.getIn(['correlation', 'condition'], true);
    if (isMap(condition)) {
      const field = condition.get('field');
      for (const item of condition.items) {
        const op = isScalar(item.key) ? String(item.key.value) : '';
        if (!(op in COMPARISONS)) continue;
        const what = typeof field === 'string' ? `distinct ${field}` : 'count';
        add(['correlation', 'condition', op], 'count', `Condition: ${what} ${COMPARISONS[op]}`);
      }
    }
  }
  if (kind === 'classifier') {
    add(['min_count'], 'count', 'Minimum matches in a text');
    add(['max_count'], 'count', 'Maximum matches in a text');
    const patterns = doc.get('patterns', true);
    if (isSeq(patterns)) {
      patterns.items.forEach((p, i) => {
        if (!isMap(p)) return;
        const name = p.get('name');
        add(
          ['patterns', i, 'confidence'],
          'confidence',
          `Pattern ${typeof name === 'string' ? `"${name}"` : i + 1} confidence`,
        );
      });
    }
  }
  return out;
}

function parse(text: string): { docs: Document[]; error?: string } {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(docs)) return { docs: [] }; // an empty stream
  const broken = docs.findIndex((d) => d.errors.length > 0);
  if (broken >= 0) {
    const e = docs[broken]?.errors[0];
    return {
      docs,
      error: `The YAML does not parse (document ${broken + 1}): ${e?.message.split('\n')[0] ?? ''}`,
    };
  }
  return { docs };
}

/** The editable settings of one pack file, document by document (documents with none are left out). */
export function readForm(text: string): RuleForm {
  const { docs, error } = parse(text);
  if (error) return { documents: [], error };
  const documents: FormDocument[] = [];
  docs.forEach((doc, index) => {
    const kind = describe(doc);
    if (!kind) return;
    const settings = settingsOf(doc, index, kind);
    if (!settings.length) return;
    const title = str(doc, 'title') || str(doc, 'name') || str(doc, 'id') || `Document ${index + 1}`;
    documents.push({ index, kind, title, settings });
  });
  return { documents };
}

/** Checks a typed value for a setting; returns the YAML value or the problem in words. */
export function checkValue(
  setting: FormSetting,
  raw: string,
): { value: string | number } | { error: string } {
  const input = raw.trim();
  const labelled = setting.label;
  switch (setting.kind) {
    case 'level':
    case 'severity':
    case 'action': {
      const options = setting.options ?? [];
      return options.includes(input)
        ? { value: input }
        : { error: `${labelled} must be one of ${options.join(', ')}; "${input}" is not.` };
    }
    case 'timespan':
      return parseTimespan(input) !== null
        ? { value: input }
        : { error: `${labelled} must be ${TIMESPAN_HINT}; "${input}" is not.` };
    case 'confidence': {
      if ((CONFIDENCE_WORDS as readonly string[]).includes(input)) return { value: input };
      const n = Number(input);
      if (input !== '' && Number.isInteger(n) && n >= 1 && n <= 100) return { value: n };
      return {
        error: `${labelled} must be low, medium, high or a whole number from 1 to 100; "${input}" is not.`,
      };
    }
    case 'count':
    case 'threshold': {
      const n = Number(input);
      if (input === '' || !Number.isFinite(n)) return { error: `${labelled}: "${input}" is not a number.` };
      if (setting.kind === 'count') {
        if (!Number.isInteger(n) || n < 0)
          return { error: `${labelled} must be a whole number, 0 or more; ${input} is not.` };
        // A classifier's counts and a matcher's min_count start at 1 (the schemas say so).
        const last = setting.path[setting.path.length - 1];
        if ((last === 'min_count' || last === 'max_count') && n < 1)
          return { error: `${labelled} must be at least 1.` };
      }
      const field = String(setting.path[setting.path.length - 1] ?? '');
      if (/\|hour\|/.test(field) && !(Number.isInteger(n) && n >= 0 && n <= 24))
        return { error: `${labelled} compares an hour of the day: a whole number from 0 to 24.` };
      return { value: n };
    }
  }
}

function literal(node: Scalar, value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (node.type === 'QUOTE_SINGLE') return `'${value}'`;
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  return value;
}

/**
 * Applies one change: the setting `id` (from readForm on this same text) set to the typed value.
 * Returns the new text, with only that value's characters changed, or the problem in words; a
 * change that would not read back as the value asked for is refused, never written half-done.
 */
export function applySetting(text: string, id: string, raw: string): ApplyResult {
  const form = readForm(text);
  if (form.error) return { ok: false, error: form.error };
  const setting = form.documents.flatMap((d) => d.settings).find((s) => s.id === id);
  if (!setting)
    return { ok: false, error: 'That setting is no longer in the file (the text changed); reopen the form.' };
  const checked = checkValue(setting, raw);
  if ('error' in checked) return { ok: false, error: checked.error };
  const { docs } = parse(text);
  const doc = docs[setting.doc];
  const node = doc ? scalarAt(doc, setting.path) : null;
  const range = node?.range;
  if (!doc || !node || !range) return { ok: false, error: 'That setting could not be found in the file.' };
  const next = text.slice(0, range[0]) + literal(node, checked.value) + text.slice(range[1]);
  const again = parse(next);
  const back = again.docs[setting.doc] ? scalarAt(again.docs[setting.doc] as Document, setting.path) : null;
  if (again.error || !back || back.value !== checked.value || again.docs.length !== docs.length) {
    return {
      ok: false,
      error: `${setting.label} could not be set to "${raw.trim()}" without breaking the file.`,
    };
  }
  return { ok: true, text: next };
}
