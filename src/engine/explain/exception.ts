// "How to silence this false positive": for an alert none of whose events carries a ground-truth label,
// the exceptions (`filter_fp_1: { field: value }` and `condition: <old> and not filter_fp_1`) that
// would silence it, each checked against the labelled dataset by running the pack again with the
// exception in place: how many false-positive alerts it silences and how many true-positive alerts
// it would lose. Candidates are selections on one field of an event of the alert — the value itself,
// a path or domain suffix (`endswith`), a directory prefix (`startswith`), a directory or catalogue
// fact joined into the event (`user.department`, …) — added to the rule that matched that event (for
// a correlation, the detection rule it counts). Only those that lose no true positive are proposed,
// best first: the most false positives silenced, then one on the event's own fields before one on a
// directory fact, then the narrowest (fewest events of the dataset matched by the filter).
import type { CompiledPack } from '../pack.ts';
import type { Alert, DatasetContext, EngineEvent, EventValue, RuleMatch } from '../types.ts';
import { compileFieldItem, type FieldItem } from '../compile/field-item.ts';
import { ruleIdOf } from '../compile/rule.ts';
import { makeJoiner } from '../event/join.ts';
import { evaluateShard, mergeShards } from '../run/index.ts';

export type ExceptionForm = 'value' | 'suffix' | 'prefix' | 'directory';

export interface ExceptionCandidate {
  /** The detection rule the exception goes into, and its file. */
  rule: string;
  file: string;
  field: string;
  /** The item as it would be written in the rule (`file.path|endswith`). */
  key: string;
  /** The value as it would be written in the rule (wildcards escaped). */
  value: string | number | boolean;
  form: ExceptionForm;
  /** False-positive alerts of the run this exception silences (this one included). */
  falsePositivesSilenced: number;
  /** True-positive alerts (some event labelled) it would silence too. */
  truePositivesLost: number;
  /** Events of the whole dataset the filter matches, whatever the rule: the smaller, the narrower. */
  eventsMatched: number;
  /** True when it silences every alert of the alert's rule: disabling the rule would do the same. */
  silencesRule: boolean;
  /** True when it removes every match of the rule it goes into: that rule would never fire again. */
  disablesRule: boolean;
  /** The selection to add and the new condition(s), ready to paste under `detection:`. */
  filter: {
    name: string;
    selection: Record<string, string | number | boolean>;
    condition: string | string[];
  };
  yaml: string;
}

export interface ExceptionAnswer {
  /** The alert's rule (or correlation). */
  rule: string;
  title: string;
  file: string;
  /** Its alerts in a run of the pack over the dataset: false positives and true positives. */
  falsePositives: number;
  truePositives: number;
  /** Exceptions that lose no true positive, best first. */
  proposals: ExceptionCandidate[];
  /** The best exceptions that would lose true positives, for comparison (fewest lost first). */
  rejected: ExceptionCandidate[];
  /** Distinct exceptions checked by running the pack again. */
  checked: number;
  /** Why nothing can be proposed. */
  note?: string;
}

export interface ExceptionOptions {
  /** At most this many proposals (default 5) and rejected candidates (default 3). */
  limit?: number;
  rejectedLimit?: number;
  /** At most this many distinct exceptions are checked by a new run (default 80). */
  maxChecks?: number;
}

/** Fields that name one event or one moment, or carry the answer: no exception should use them. */
const SKIPPED =
  /^(event\.id|@timestamp|timestamp|event\.created|event\.ingested|labels\..*|access\.reason|content)$/;
/** Longer values are message bodies and documents: an exception on their text is not a policy. */
const LONGEST_VALUE = 200;
const FORM_ORDER: Record<ExceptionForm, number> = { value: 0, directory: 1, suffix: 2, prefix: 3 };

/** A Sigma string that matches `text` literally: wildcards and the backslashes before them escaped. */
export function sigmaLiteral(text: string): string {
  return text.replace(/\\(?=[*?\\])/g, '\\\\').replace(/[*?]/g, (c) => `\\${c}`);
}

function scalars(value: EventValue | undefined): (string | number | boolean)[] {
  const all = Array.isArray(value) ? value : [value];
  return all.filter(
    (v): v is string | number | boolean =>
      (typeof v === 'string' && v !== '' && v.length <= LONGEST_VALUE) ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      typeof v === 'boolean',
  );
}

/** Trailing parts of a path (`\report.xlsx`, `\Desktop\report.xlsx`) and its directories. */
function pathForms(text: string): { suffixes: string[]; prefixes: string[] } {
  const parts = text.split(/(?=[\\/])/);
  if (parts.length < 2) return { suffixes: [], prefixes: [] };
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) suffixes.push(parts.slice(i).join(''));
  for (let i = 1; i < parts.length; i++) prefixes.push(`${parts.slice(0, i).join('')}${parts[i]?.[0] ?? ''}`);
  const dot = text.lastIndexOf('.');
  if (dot > Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1) suffixes.push(text.slice(dot));
  return { suffixes, prefixes };
}

/** `@example.com` of an address; `.example.com` and wider of a host name (two labels at least). */
function domainSuffixes(text: string): string[] {
  if (/\s|[\\/]/.test(text)) return [];
  const at = text.lastIndexOf('@');
  const host = at >= 0 ? text.slice(at + 1) : text;
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '') || /^[\d.]+$/.test(host)) return [];
  const out = at > 0 ? [`@${host}`] : [];
  for (let i = 1; i <= labels.length - 2; i++) out.push(`.${labels.slice(i).join('.')}`);
  return out;
}

interface Candidate {
  rule: string;
  field: string;
  key: string;
  value: string | number | boolean;
  form: ExceptionForm;
  item: FieldItem;
}

function candidatesOf(rule: string, event: EngineEvent, seen: Set<string>): Candidate[] {
  const out: Candidate[] = [];
  const add = (field: string, modifier: string, value: string | number | boolean, form: ExceptionForm) => {
    const key = modifier ? `${field}|${modifier}` : field;
    const written = typeof value === 'string' ? sigmaLiteral(value) : value;
    const id = `${rule}\u0000${key}\u0000${String(written)}`;
    if (seen.has(id)) return;
    seen.add(id);
    const item = compileFieldItem(key, written).item;
    // Every candidate must match the event it comes from; one that does not is dropped here.
    if (item && item.test(event)) out.push({ rule, field, key, value: written, form, item });
  };
  for (const [field, raw] of Object.entries(event)) {
    if (SKIPPED.test(field)) continue;
    const fact = /^(user|resource)\./.test(field);
    for (const value of scalars(raw)) {
      add(field, '', value, fact ? 'directory' : 'value');
      if (typeof value !== 'string' || fact) continue;
      // A URL is not a path: its exact value (and its host, in a field of its own) will do.
      const { suffixes, prefixes } = value.includes('://')
        ? { suffixes: [], prefixes: [] }
        : pathForms(value);
      for (const s of suffixes) add(field, 'endswith', s, 'suffix');
      for (const p of prefixes) add(field, 'startswith', p, 'prefix');
      for (const s of domainSuffixes(value)) add(field, 'endswith', s, 'suffix');
    }
  }
  return out;
}

function isPlainCondition(text: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(text.trim());
}

function yamlScalar(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function yamlCondition(text: string): string {
  return /^[A-Za-z0-9_ ()*]+$/.test(text) ? text : JSON.stringify(text);
}

/** An alert survives a new run when an alert of the same rule still covers one of its events. */
function survivors(alerts: readonly Alert[]): (alert: Alert) => boolean {
  const covered = new Map<string, Set<string>>();
  for (const a of alerts) {
    let ids = covered.get(a.rule);
    if (!ids) covered.set(a.rule, (ids = new Set()));
    for (const id of a.events) ids.add(id);
  }
  return (alert) => alert.events.some((id) => covered.get(alert.rule)?.has(id));
}

/** The new condition(s) and the YAML to paste for a filter on `ruleId`; null for an unknown rule. */
function filterText(pack: CompiledPack, ruleId: string) {
  const rule = pack.rules.find((r) => r.id === ruleId);
  const ruleDoc = pack.documents.find(
    (d) => d.kind === 'rule' && d.file === rule?.file && ruleIdOf(d.data) === ruleId,
  );
  if (!rule || !ruleDoc) return null;
  const detection = (ruleDoc.data.detection ?? {}) as Record<string, unknown>;
  const conditions = ([] as unknown[])
    .concat(detection.condition ?? [])
    .filter((c): c is string => typeof c === 'string');
  if (conditions.length === 0) return null;
  let name = 'filter_fp_1';
  for (let n = 2; name in detection; n++) name = `filter_fp_${n}`;
  const updated = conditions.map(
    (c) => `${isPlainCondition(c) ? c.trim() : `(${c.trim()})`} and not ${name}`,
  );
  const condition = updated.length === 1 ? (updated[0] as string) : updated;
  const conditionYaml = Array.isArray(condition)
    ? `condition:\n${condition.map((x) => `  - ${yamlCondition(x)}`).join('\n')}`
    : `condition: ${yamlCondition(condition)}`;
  return { file: rule.file, name, condition, conditionYaml };
}

/**
 * The exceptions that would silence `alert` (its rule and event ids, as in a run of `pack` over
 * `events`), each checked by running the pack again over `events` with the exception in place.
 * Null when a run of the pack over the events raises no such alert.
 */
export function narrowestException(
  pack: CompiledPack,
  alert: Pick<Alert, 'rule' | 'events'>,
  events: readonly EngineEvent[],
  context: DatasetContext,
  options: ExceptionOptions = {},
): ExceptionAnswer | null {
  const shard = evaluateShard(pack, events, context);
  const base = mergeShards(pack, [shard], context).alerts;
  const wanted = new Set(alert.events);
  const target = base.find((a) => a.rule === alert.rule && a.events.some((id) => wanted.has(id)));
  if (!target) return null;
  const labelled = new Set(shard.truth.labelled.map((l) => l.eventId));
  const isTrue = (a: Alert) => a.events.some((id) => labelled.has(id));
  const ofRule = base.filter((a) => a.rule === target.rule);
  const answer: ExceptionAnswer = {
    rule: target.rule,
    title: target.title,
    file: pack.rules.find((r) => r.id === target.rule)?.file ?? '',
    falsePositives: ofRule.filter((a) => !isTrue(a)).length,
    truePositives: ofRule.filter(isTrue).length,
    proposals: [],
    rejected: [],
    checked: 0,
  };
  if (target.kind !== 'rule' && target.kind !== 'correlation')
    return {
      ...answer,
      note: `A ${target.kind} alert comes from no detection rule an exception could go into.`,
    };

  // The matches behind the alert: its own rule's, or for a correlation those of the rules it counts.
  const own = new Set(target.events);
  const behind = shard.matches.filter(
    (m) =>
      own.has(m.eventId) && (target.kind === 'correlation' ? m.rule !== target.rule : m.rule === target.rule),
  );
  const seen = new Set<string>();
  const candidates = behind.flatMap((m) =>
    filterText(pack, m.rule) ? candidatesOf(m.rule, m.event, seen) : [],
  );

  // Candidates that silence the same matches give the same run: each distinct set is run once.
  const groups = new Map<string, { silenced: Set<RuleMatch>; members: Candidate[] }>();
  for (const c of candidates) {
    const silenced = shard.matches.filter((m) => m.rule === c.rule && c.item.test(m.event));
    const signature = `${c.rule}\u0000${silenced.map((m) => m.eventId).join(',')}`;
    const group = groups.get(signature);
    if (group) group.members.push(c);
    else groups.set(signature, { silenced: new Set(silenced), members: [c] });
  }
  const rated: ExceptionCandidate[] = [];
  const texts = new Map<string, ReturnType<typeof filterText>>();
  const ordered = [...groups.values()].sort((a, b) => a.silenced.size - b.silenced.size);
  for (const group of ordered.slice(0, options.maxChecks ?? 80)) {
    const after = mergeShards(
      pack,
      [{ ...shard, matches: shard.matches.filter((m) => !group.silenced.has(m)) }],
      context,
    ).alerts;
    answer.checked++;
    const survives = survivors(after);
    if (survives(target)) continue;
    const lost = base.filter((a) => !survives(a));
    const fp = lost.filter((a) => !isTrue(a)).length;
    const tp = lost.length - fp;
    const silencesRule = ofRule.every((a) => !survives(a));
    const rule = group.members[0]?.rule;
    const disablesRule = group.silenced.size === shard.matches.filter((m) => m.rule === rule).length;
    for (const c of group.members) {
      if (!texts.has(c.rule)) texts.set(c.rule, filterText(pack, c.rule));
      const text = texts.get(c.rule);
      if (!text) continue;
      rated.push({
        rule: c.rule,
        file: text.file,
        field: c.field,
        key: c.key,
        value: c.value,
        form: c.form,
        falsePositivesSilenced: fp,
        truePositivesLost: tp,
        eventsMatched: 0,
        silencesRule,
        disablesRule,
        filter: { name: text.name, selection: { [c.key]: c.value }, condition: text.condition },
        yaml: `${text.name}: { ${c.key}: ${yamlScalar(c.value)} }\n${text.conditionYaml}`,
      });
    }
  }

  // Narrowness: how many events of the dataset (joined, as rules see them) each filter matches.
  const join = makeJoiner(context);
  const items = rated.map((r) => compileFieldItem(r.key, r.value).item);
  for (const raw of events) {
    const event = join(raw);
    for (const [i, item] of items.entries())
      if (item?.test(event)) (rated[i] as ExceptionCandidate).eventsMatched++;
  }

  const narrowness = (a: ExceptionCandidate, b: ExceptionCandidate) =>
    a.eventsMatched - b.eventsMatched ||
    FORM_ORDER[a.form] - FORM_ORDER[b.form] ||
    a.key.localeCompare(b.key) ||
    String(a.value).localeCompare(String(b.value));
  answer.proposals = rated
    .filter((c) => c.truePositivesLost === 0)
    .sort(
      (a, b) =>
        Number(a.disablesRule) - Number(b.disablesRule) ||
        Number(a.silencesRule) - Number(b.silencesRule) ||
        b.falsePositivesSilenced - a.falsePositivesSilenced ||
        // What the event did (where it went, which file) before who did it: an exception on a
        // person's manager or group is an allow-list of people, which a reviewer accepts last.
        Number(a.form === 'directory') - Number(b.form === 'directory') ||
        narrowness(a, b),
    )
    .slice(0, options.limit ?? 5);
  answer.rejected = rated
    .filter((c) => c.truePositivesLost > 0)
    .sort(
      (a, b) =>
        a.truePositivesLost - b.truePositivesLost ||
        b.falsePositivesSilenced - a.falsePositivesSilenced ||
        narrowness(a, b),
    )
    .slice(0, options.rejectedLimit ?? 3);
  if (answer.proposals.length === 0)
    answer.note = rated.length
      ? "Every exception on one field of this alert's events would also silence a true positive."
      : "No exception on one field of this alert's events silences it.";
  return answer;
}
