// Correlation documents → CompiledCorrelation. Follows the Sigma correlation specification v2.1
// (type, rules by id or name, group-by, timespan, condition, aliases, generate) and adds our
// baseline types, which reuse those keys and add a few of their own (see
// docs/behaviour-and-access.md).
import type { Diagnostic, LoadedDocument } from '../types.ts';
import { isConditionOperator } from './condition.ts';
import { closest, documentError } from './diagnostic.ts';
import { checkKeys } from './keys.ts';
import { setField } from '../event/join.ts';
import {
  BASELINE_TYPES,
  SIGMA_CORRELATION_TYPES,
  type BaselineSettings,
  type BaselineType,
  type CompiledCorrelation,
  type CorrelationType,
  type MetricCondition,
} from './model.ts';
import { compileResponse } from './response.ts';
import { parseTimespan, TIMESPAN_HINT } from './timespan.ts';

const ALL_TYPES: readonly string[] = [...SIGMA_CORRELATION_TYPES, ...BASELINE_TYPES];
/** Types whose metric is a count: their thresholds are whole numbers (the schema's "integer"). */
const COUNT_TYPES: ReadonlySet<string> = new Set([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
]);
const FIELD_TYPES: ReadonlySet<string> = new Set([
  'value_count',
  'value_sum',
  'value_avg',
  'value_percentile',
]);
const DAY_MS = 86_400_000;

/** How other documents may name a correlation: by id, by name (and by title when it has neither). */
export function correlationKey(doc: LoadedDocument): string {
  const { id, name, title } = doc.data;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof name === 'string' && name !== '') return name;
  if (typeof title === 'string' && title !== '') return title;
  return `${doc.file}#${doc.index}`;
}

export interface ReferenceTable {
  ruleIds: ReadonlySet<string>;
  ruleNames: ReadonlyMap<string, string>;
  /** id or name of a correlation → its key. */
  correlations: ReadonlyMap<string, string>;
}

export function compileCorrelation(
  doc: LoadedDocument,
  refs: ReferenceTable,
  errors: Diagnostic[],
): CompiledCorrelation | null {
  const data = doc.data;
  const before = errors.length;
  const block = data.correlation;
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    errors.push(documentError(doc, ['correlation'], 'a correlation document needs a `correlation` map'));
    return null;
  }
  const c = block as Record<string, unknown>;
  const at = (...path: (string | number)[]) => ['correlation', ...path];

  const type = c.type;
  if (typeof type !== 'string' || !ALL_TYPES.includes(type)) {
    const guess = typeof type === 'string' ? closest(type, ALL_TYPES) : null;
    errors.push(
      documentError(
        doc,
        at('type'),
        type === undefined ? '`correlation.type` is missing' : `unknown correlation type "${String(type)}"`,
        guess ? `did you mean "${guess}"?` : `one of ${ALL_TYPES.join(', ')}`,
      ),
    );
    return null;
  }
  const correlationType = type as CorrelationType;
  const isBaseline = (BASELINE_TYPES as readonly string[]).includes(type);
  checkKeys(doc, correlationType, c, errors);

  // Sigma: title is mandatory for correlations as for rules (and a rule without one is an error).
  if (typeof data.title !== 'string' || data.title.trim() === '') {
    errors.push(
      documentError(
        doc,
        ['title'],
        data.title === undefined ? 'a correlation needs a "title"' : '`title` must be a non-empty text',
        'e.g. title: Many failed logons by one user',
      ),
    );
  }
  const title = typeof data.title === 'string' ? data.title : correlationKey(doc);
  const compiled: CompiledCorrelation = {
    key: correlationKey(doc),
    title,
    file: doc.file,
    type: correlationType,
    rules: [],
    generate: false,
    groupBy: [],
    aliases: {},
    timespanMs: 0,
    timespan: '',
    condition: { criteria: [], fields: [] },
    response: compileResponse(doc, data.response, ['response'], data.level, errors),
  };
  if (typeof data.id === 'string') compiled.id = data.id;
  if (typeof data.name === 'string') compiled.name = data.name;
  if (typeof data.description === 'string') compiled.description = data.description;

  const resolve = (ref: unknown, path: (string | number)[]): string | null => {
    if (typeof ref !== 'string' || ref === '') {
      errors.push(documentError(doc, path, 'a rule reference must be a rule id or name'));
      return null;
    }
    if (refs.ruleIds.has(ref)) return ref;
    const byName = refs.ruleNames.get(ref);
    if (byName !== undefined) return byName;
    const correlation = refs.correlations.get(ref);
    if (correlation !== undefined) return correlation;
    const guess = closest(ref, [...refs.ruleIds, ...refs.ruleNames.keys(), ...refs.correlations.keys()]);
    errors.push(
      documentError(
        doc,
        path,
        `"${ref}" is neither the id nor the name of a rule or correlation in this pack`,
        guess ? `did you mean "${guess}"?` : undefined,
      ),
    );
    return null;
  };

  // rules (a single string is accepted, as pySigma does)
  const rawRules = typeof c.rules === 'string' ? [c.rules] : c.rules;
  if (Array.isArray(rawRules) && rawRules.length === 0 && correlationType !== 'sequence') {
    errors.push(
      documentError(
        doc,
        at('rules'),
        '`rules` is empty: with no rule to read, the correlation could never fire',
        'list the ids or names of the rules to correlate',
      ),
    );
  } else if (Array.isArray(rawRules)) {
    rawRules.forEach((ref, i) => {
      const key = resolve(ref, at('rules', i));
      if (key === null) return;
      if (!compiled.rules.includes(key)) compiled.rules.push(key);
      // A rule named twice counts once: `temporal` of [x, x] is x alone, which the author did not mean.
      else
        errors.push(
          documentError(
            doc,
            at('rules', i),
            `"${String(ref)}" is listed twice in rules; it counts once`,
            'name each rule once (a temporal correlation of one rule fires on every match)',
            'warning',
          ),
        );
    });
  } else if (rawRules !== undefined) {
    errors.push(documentError(doc, at('rules'), '`rules` must be a list of rule ids or names'));
  } else if (correlationType !== 'sequence') {
    errors.push(
      documentError(
        doc,
        at('rules'),
        '`correlation.rules` is missing',
        'list the ids or names of the rules to correlate',
      ),
    );
  }

  // The specification puts `generate` at the top level (next to `level`); `correlation.generate`
  // is accepted too. Both at once must agree.
  const generates: { path: (string | number)[]; value: boolean }[] = [];
  for (const path of [['generate'], at('generate')]) {
    const value = path.length === 1 ? data.generate : c.generate;
    if (value === undefined) continue;
    if (typeof value === 'boolean') generates.push({ path, value });
    else errors.push(documentError(doc, path, '`generate` must be true or false'));
  }
  if (generates.length === 2 && generates[0]!.value !== generates[1]!.value) {
    errors.push(
      documentError(
        doc,
        ['generate'],
        `\`generate: ${String(generates[0]!.value)}\` contradicts \`correlation.generate: ${String(generates[1]!.value)}\``,
        'write generate once, at the top level as the Sigma specification does',
      ),
    );
  } else if (generates.length > 0) compiled.generate = generates[0]!.value;

  const groupBy = typeof c['group-by'] === 'string' ? [c['group-by']] : c['group-by'];
  if (Array.isArray(groupBy) && groupBy.every((g) => typeof g === 'string')) {
    compiled.groupBy = [];
    (groupBy as string[]).forEach((field, i) => {
      if (!compiled.groupBy.includes(field)) compiled.groupBy.push(field);
      else
        errors.push(
          documentError(
            doc,
            at('group-by', i),
            `"${field}" is listed twice in group-by; it counts once`,
            'name each field once',
            'warning',
          ),
        );
    });
  } else if (groupBy !== undefined) {
    errors.push(documentError(doc, at('group-by'), '`group-by` must be a list of field names'));
  } else if (isBaseline) {
    // Behaviour is about people: baselines group by the acting user unless told otherwise.
    compiled.groupBy = ['user.name'];
  }
  if (!isBaseline && compiled.groupBy.length === 0 && (groupBy === undefined || Array.isArray(groupBy))) {
    // The specification marks group-by mandatory (its schema requires it for every type); without
    // it every event of the referenced rules, whoever and wherever, is counted as one group.
    errors.push(
      documentError(
        doc,
        groupBy === undefined ? ['correlation'] : at('group-by'),
        groupBy === undefined
          ? '`correlation.group-by` is missing: all events are counted together, as one group'
          : '`group-by` is empty: all events are counted together, as one group',
        'group by the entity the events must share, e.g. group-by: [user.name]',
        'warning',
      ),
    );
  }
  if (
    (correlationType === 'peer_deviation' || correlationType === 'cumulative_exfiltration') &&
    groupBy !== undefined &&
    !(compiled.groupBy.length === 1 && compiled.groupBy[0] === 'user.name')
  ) {
    // Peers are users of the directory (same department, role, …): what is compared is a user.
    errors.push(
      documentError(
        doc,
        at('group-by'),
        `a ${correlationType} correlation compares each user with their directory peers, so it groups by user.name only`,
        'remove `group-by` (or write [user.name]); for other groupings use user_deviation or a Sigma correlation',
      ),
    );
  }

  if (c.aliases !== undefined) {
    if (typeof c.aliases !== 'object' || c.aliases === null || Array.isArray(c.aliases)) {
      errors.push(documentError(doc, at('aliases'), '`aliases` must map alias → (rule name → field)'));
    } else {
      for (const [alias, mapping] of Object.entries(c.aliases as Record<string, unknown>)) {
        if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
          errors.push(
            documentError(doc, at('aliases', alias), `alias "${alias}" must map rule names to fields`),
          );
          continue;
        }
        const resolved: Record<string, string> = {};
        for (const [ref, field] of Object.entries(mapping as Record<string, unknown>)) {
          const key = resolve(ref, at('aliases', alias, ref));
          if (key === null) continue;
          // (a sequence's rules come from its steps, resolved later)
          if (correlationType !== 'sequence' && !compiled.rules.includes(key)) {
            errors.push(
              documentError(
                doc,
                at('aliases', alias, ref),
                `alias "${alias}" maps "${ref}", which is not in this correlation's \`rules\``,
                'map only the rules the correlation lists, or add it to `rules`',
              ),
            );
            continue;
          }
          if (typeof field !== 'string') {
            errors.push(
              documentError(doc, at('aliases', alias, ref), 'an alias maps a rule to a field name'),
            );
            continue;
          }
          setField(resolved, key, field);
        }
        setField(compiled.aliases, alias, resolved);
      }
    }
  }

  const timespanDefault = defaultTimespan(correlationType);
  if (c.timespan !== undefined) {
    const ms = parseTimespan(c.timespan);
    if (ms === null) {
      errors.push(
        documentError(
          doc,
          at('timespan'),
          `\`timespan\` "${String(c.timespan)}" is not valid`,
          TIMESPAN_HINT,
        ),
      );
    } else {
      compiled.timespanMs = ms;
      compiled.timespan = String(c.timespan).trim();
    }
  } else if (timespanDefault !== null) {
    compiled.timespan = timespanDefault;
    compiled.timespanMs = parseTimespan(timespanDefault) ?? 0;
  } else {
    errors.push(documentError(doc, at('timespan'), '`correlation.timespan` is missing', TIMESPAN_HINT));
  }

  compiled.condition = compileCondition(
    doc,
    correlationType,
    c.condition,
    compiled.rules.length,
    errors,
    Array.isArray(rawRules) && rawRules.length === 0,
  );

  if (isBaseline) {
    const baseline = compileBaseline(doc, correlationType as BaselineType, c, resolve, errors);
    compiled.baseline = baseline;
    if (correlationType === 'sequence') {
      for (const step of baseline.steps) {
        for (const rule of step.rules) if (!compiled.rules.includes(rule)) compiled.rules.push(rule);
      }
    }
  }
  return errors.length === before || errors.slice(before).every((e) => e.severity === 'warning')
    ? compiled
    : null;
}

function defaultTimespan(type: CorrelationType): string | null {
  switch (type) {
    case 'first_seen':
    case 'off_hours':
    case 'user_deviation':
    case 'peer_deviation':
      return '1d';
    case 'sequence':
      return '7d';
    case 'cumulative_exfiltration':
      return '30d';
    default:
      return null;
  }
}

function compileCondition(
  doc: LoadedDocument,
  type: CorrelationType,
  raw: unknown,
  ruleCount: number,
  errors: Diagnostic[],
  noRules = false,
): MetricCondition {
  const condition: MetricCondition = { criteria: [], fields: [] };
  const path = ['correlation', 'condition'];
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  const sigma = (SIGMA_CORRELATION_TYPES as readonly string[]).includes(type);
  if (raw === undefined) {
    // Sigma: a temporal correlation without condition needs every referenced rule.
    if (temporal) condition.criteria.push({ op: 'gte', value: ruleCount });
    else if (sigma)
      errors.push(
        documentError(
          doc,
          path,
          `a ${type} correlation needs a \`condition\``,
          'e.g. condition: { gte: 10 }',
        ),
      );
    return condition;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(documentError(doc, path, '`condition` must be a map such as { gte: 10 }'));
    return condition;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (isConditionOperator(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push(documentError(doc, [...path, key], `\`${key}\` must be a number`));
        continue;
      }
      if (COUNT_TYPES.has(type) && !Number.isInteger(value)) {
        errors.push(
          documentError(
            doc,
            [...path, key],
            `\`${key}: ${value}\` is not a whole number, but ${type} compares a count`,
            `e.g. ${key}: ${Math.ceil(value)}`,
          ),
        );
      }
      condition.criteria.push({ op: key, value });
    } else if (key === 'field') {
      const fields = typeof value === 'string' ? [value] : value;
      if (Array.isArray(fields) && fields.length > 0 && fields.every((f) => typeof f === 'string')) {
        condition.fields = fields as string[];
      } else {
        errors.push(documentError(doc, [...path, key], '`field` must be a field name or a list of them'));
      }
    } else if (key === 'percentile') {
      if (typeof value === 'number' && value >= 0 && value <= 100) condition.percentile = value;
      else errors.push(documentError(doc, [...path, key], '`percentile` must be a number from 0 to 100'));
    } else {
      const guess = closest(key, ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'field', 'percentile']);
      errors.push(
        documentError(
          doc,
          [...path, key],
          `unknown condition key "${key}"`,
          guess ? `did you mean "${guess}"?` : 'use gt, gte, lt, lte, eq, neq, field',
        ),
      );
    }
  }
  if (sigma && condition.criteria.length === 0) {
    errors.push(
      documentError(doc, path, 'the condition names no comparison', 'add one of gt, gte, lt, lte, eq, neq'),
    );
  } else if (!satisfiable(condition)) {
    errors.push(
      documentError(
        doc,
        path,
        `no count or value can meet ${describeCriteria(condition)}: the correlation could never fire`,
      ),
    );
  } else if (sigma && !noRules) {
    const domain = metricDomain(type, ruleCount);
    if (domain && !satisfiable(condition, domain))
      errors.push(documentError(doc, path, domain.why(condition)));
  }
  if (sigma && !FIELD_TYPES.has(type) && condition.fields.length > 0) {
    // event_count and the temporal types count events or rules: `field` would be ignored silently.
    errors.push(
      documentError(
        doc,
        [...path, 'field'],
        `\`field\` has no effect on type ${type}, which counts ${type === 'event_count' ? 'events' : 'rules'}, not values: it is ignored`,
        type === 'event_count' ? 'remove it, or use value_count to count distinct values' : 'remove it',
        'warning',
      ),
    );
    condition.fields = [];
  }
  if (FIELD_TYPES.has(type) && condition.fields.length === 0) {
    errors.push(documentError(doc, path, `a ${type} correlation needs \`field\` in its condition`));
  }
  if (type === 'value_percentile' && condition.percentile === undefined) {
    errors.push(
      documentError(
        doc,
        path,
        'a value_percentile correlation needs `percentile` (0–100) in its condition',
        'e.g. condition: { field: file.size, percentile: 95, gt: 1000000 }',
      ),
    );
  }
  return condition;
}

function compileBaseline(
  doc: LoadedDocument,
  type: BaselineType,
  c: Record<string, unknown>,
  resolve: (ref: unknown, path: (string | number)[]) => string | null,
  errors: Diagnostic[],
): BaselineSettings {
  const at = (key: string) => ['correlation', key];
  const settings: BaselineSettings = {
    fields: [],
    learningMs: 14 * DAY_MS,
    historyDays: 30,
    k: 3,
    minValue: 1,
    minHistory: type === 'off_hours' ? 20 : 7,
    peer: 'department',
    minShare: 0.02,
    toleranceHours: 1,
    steps: [],
    link: ['file.name'],
    minSteps: 0,
    exceeds: 'both',
  };
  const number = (key: string, min: number): number | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min) return v;
    errors.push(documentError(doc, at(key), `\`${key}\` must be a number of at least ${min}`));
    return undefined;
  };
  const fields = typeof c.field === 'string' ? [c.field] : c.field;
  if (Array.isArray(fields) && fields.every((f) => typeof f === 'string'))
    settings.fields = fields as string[];
  else if (fields !== undefined)
    errors.push(documentError(doc, at('field'), '`field` must be a field name or a list of them'));
  if (type === 'first_seen' && settings.fields.length === 0) {
    errors.push(
      documentError(
        doc,
        at('field'),
        'first_seen needs `field`: what is remembered (e.g. destination.domain)',
      ),
    );
  }
  if (c.learning !== undefined) {
    const ms = parseTimespan(c.learning);
    if (ms === null)
      errors.push(
        documentError(
          doc,
          at('learning'),
          `\`learning\` "${String(c.learning)}" is not valid`,
          TIMESPAN_HINT,
        ),
      );
    else settings.learningMs = ms;
  }
  if (c.history !== undefined) {
    const ms = typeof c.history === 'number' ? c.history * DAY_MS : parseTimespan(c.history);
    if (ms === null || ms < DAY_MS)
      errors.push(
        documentError(doc, at('history'), '`history` must be a number of days (or a timespan such as 30d)'),
      );
    else settings.historyDays = Math.round(ms / DAY_MS);
  }
  settings.k = number('k', 0) ?? settings.k;
  settings.minValue = number('min-value', 0) ?? settings.minValue;
  settings.minHistory = number('min-history', 0) ?? settings.minHistory;
  settings.minShare = number('min-share', 0) ?? settings.minShare;
  if (type === 'off_hours' && settings.minShare > 1) {
    errors.push(
      documentError(
        doc,
        at('min-share'),
        `\`min-share\` is ${settings.minShare}, but it is a share of the user's activity (0 to 1): no hour could ever be usual`,
        'e.g. min-share: 0.02 (2 %)',
      ),
    );
  }
  settings.toleranceHours = number('tolerance', 0) ?? settings.toleranceHours;
  if (type === 'off_hours' && settings.toleranceHours >= 12) {
    errors.push(
      documentError(
        doc,
        at('tolerance'),
        `\`tolerance\` is ${settings.toleranceHours} hours: every hour of the day is within 12 hours of any usual hour, so nothing could ever be off-hours`,
        'use a few hours at most (default 1)',
      ),
    );
  }
  if (c.peer !== undefined) {
    if (typeof c.peer === 'string' && c.peer !== '') settings.peer = c.peer.replace(/^user\./, '');
    else
      errors.push(
        documentError(doc, at('peer'), '`peer` must be a directory field such as department or role'),
      );
  }
  if (c.exceeds !== undefined) {
    if (c.exceeds === 'both' || c.exceeds === 'either') settings.exceeds = c.exceeds;
    else errors.push(documentError(doc, at('exceeds'), '`exceeds` must be both or either'));
  }
  if (type === 'sequence') {
    const link = typeof c.link === 'string' ? [c.link] : c.link;
    if (Array.isArray(link) && link.length > 0 && link.every((f) => typeof f === 'string'))
      settings.link = link as string[];
    else if (link !== undefined)
      errors.push(documentError(doc, at('link'), '`link` must be a field name or a list of them'));
    if (!Array.isArray(c.steps) || c.steps.length < 2) {
      errors.push(
        documentError(
          doc,
          at('steps'),
          'a sequence needs `steps`: at least two, in order',
          'e.g. steps: [{name: collection, rules: [...]}, {name: exfiltration, rules: [...]}]',
        ),
      );
    } else {
      c.steps.forEach((step: unknown, i: number) => {
        const path = ['correlation', 'steps', i];
        if (typeof step === 'string') {
          const key = resolve(step, path);
          if (key !== null) settings.steps.push({ name: step, rules: [key] });
          return;
        }
        if (typeof step !== 'object' || step === null || Array.isArray(step)) {
          errors.push(documentError(doc, path, 'a step is a rule id or { name, rules }'));
          return;
        }
        const s = step as Record<string, unknown>;
        const refs = typeof s.rules === 'string' ? [s.rules] : s.rules;
        if (!Array.isArray(refs) || refs.length === 0) {
          errors.push(
            documentError(
              doc,
              [...path, 'rules'],
              'a step needs `rules`: the rule ids or names that make it',
            ),
          );
          return;
        }
        const rules = refs
          .map((ref, j) => resolve(ref, [...path, 'rules', j]))
          .filter((r): r is string => r !== null);
        const name = typeof s.name === 'string' ? s.name : `step ${i + 1}`;
        settings.steps.push({ name, rules });
      });
    }
    settings.minSteps = number('min-steps', 1) ?? settings.steps.length;
    if (settings.minSteps > settings.steps.length && settings.steps.length > 0) {
      errors.push(
        documentError(
          doc,
          at('min-steps'),
          `\`min-steps\` is ${settings.minSteps} but the sequence has ${settings.steps.length} steps`,
        ),
      );
    }
  }
  return settings;
}

function describeCriteria(condition: MetricCondition): string {
  return condition.criteria.map((c) => `${c.op} ${c.value}`).join(' and ');
}

/** The whole numbers a count metric can take in a window that is evaluated, and why. */
interface MetricDomain {
  min: number;
  max: number;
  why(condition: MetricCondition): string;
}

function metricDomain(type: CorrelationType, ruleCount: number): MetricDomain | null {
  const cond = (c: MetricCondition) => describeCriteria(c);
  switch (type) {
    case 'event_count':
      return {
        min: 1,
        max: Infinity,
        why: (c) =>
          `an event_count window always holds at least one event (empty windows are never evaluated: each window starts at a matched event), so ${cond(c)} can never be met`,
      };
    case 'value_count':
      return {
        min: 0,
        max: Infinity,
        why: (c) => `a count of distinct values is never negative, so ${cond(c)} can never be met`,
      };
    case 'temporal':
    case 'temporal_ordered':
      return {
        min: 1,
        max: Math.max(1, ruleCount),
        why: (c) =>
          `a ${type} correlation counts how many of its ${ruleCount} rule(s) matched — at least 1 (empty windows are never evaluated), at most ${ruleCount} — so ${cond(c)} can never be met`,
      };
    default:
      return null;
  }
}

/**
 * Whether some number meets every comparison of the condition (bounds only; `neq` never empties a
 * range). With a domain, only whole numbers from domain.min to domain.max count.
 */
function satisfiable(condition: MetricCondition, domain?: MetricDomain): boolean {
  let low = domain ? domain.min : -Infinity;
  let lowOpen = false;
  let high = domain ? domain.max : Infinity;
  let highOpen = false;
  for (const { op, value } of condition.criteria) {
    if ((op === 'gt' || op === 'gte' || op === 'eq') && (value > low || (value === low && op === 'gt'))) {
      low = value;
      lowOpen = op === 'gt';
    }
    if ((op === 'lt' || op === 'lte' || op === 'eq') && (value < high || (value === high && op === 'lt'))) {
      high = value;
      highOpen = op === 'lt';
    }
  }
  if (domain) {
    const least = lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
    const most = highOpen ? Math.ceil(high) - 1 : Math.floor(high);
    return least <= most;
  }
  return low < high || (low === high && !lowOpen && !highOpen);
}
