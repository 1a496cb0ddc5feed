// Scenario YAML → a validated Scenario, or located diagnostics (file, line, column, path) a trainer
// can act on. Pure: text in, value out; the command line and the app both call it.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import * as v from 'valibot';
import type { Diagnostic, Result, SourceLocation } from '../types.ts';
import {
  ActorSchema,
  EventTemplateSchema,
  LookalikeSchema,
  ScenarioSchema,
  StepSchema,
  type EventTemplate,
  type Scenario,
} from './schema.ts';
import {
  checkPlaceholder,
  knownPlaceholderNames,
  MAX_CONTENT_ROWS,
  parseTemplate,
  ROW_PLACEHOLDERS,
  strayOpening,
} from './template.ts';
import { entryOffset, parseDuration, parseTimeOfDay } from './offset.ts';
import { EVENT_ACTIONS, GENERATED_FIELDS } from './event-vocabulary.ts';
import { closestName } from './closest-name.ts';

type Path = (string | number)[];

class Locator {
  readonly lines = new LineCounter();
  doc: Document.Parsed | undefined;
  constructor(readonly file: string) {}

  /** Position of the node at `path`, falling back to the nearest existing parent. */
  at(path: Path): SourceLocation {
    const dotted = path.join('.');
    for (let length = path.length; length >= 0; length--) {
      const node = this.doc?.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) {
        const { line, col } = this.lines.linePos(node.range[0]);
        return { file: this.file, line, column: col, path: dotted };
      }
    }
    return { file: this.file, line: 1, column: 1, path: dotted };
  }

  /** Position of a mapping key (for unknown keys, the key itself is what is wrong). */
  key(path: Path): SourceLocation {
    const parent = this.doc?.getIn(path.slice(0, -1), true) as { items?: { key: unknown }[] } | undefined;
    const wanted = path[path.length - 1];
    const pair = parent?.items?.find(
      (item) => isNode(item.key) && (item.key as { value?: unknown }).value === wanted,
    );
    if (pair && isNode(pair.key) && pair.key.range) {
      const { line, col } = this.lines.linePos(pair.key.range[0]);
      return { file: this.file, line, column: col, path: path.join('.') };
    }
    return this.at(path);
  }
}

/** Keys allowed at a path, for "did you mean" on unknown keys. */
function allowedKeys(parent: Path): string[] {
  const shape = parent.map((p) => (typeof p === 'number' ? '#' : p)).join('/');
  const table: Record<string, object> = {
    '': ScenarioSchema.entries,
    'steps/#': StepSchema.entries,
    'steps/#/events/#': EventTemplateSchema.entries,
    'benign_lookalikes/#': LookalikeSchema.entries,
    'benign_lookalikes/#/events/#': EventTemplateSchema.entries,
    'benign_lookalikes/#/who': { department: 1, role: 1 },
    'playbook/#': { action: 1, owner: 1 },
    lesson: { kind: 1, text: 1 },
  };
  if (/^actors\/[^/]+$/.test(shape)) return Object.keys(ActorSchema.entries);
  return Object.keys(table[shape] ?? {});
}

/** How a type valibot names is said in a message. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  Array: 'a list',
  Object: 'a mapping (key: value)',
};

/**
 * An issue's message in plain words: valibot's own ("Invalid value: Expected >=1 but received -3")
 * becomes "must be at least 1, found -3"; a message the schema gives (`at most 10000 repeats`)
 * is kept.
 */
function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const found = issue.received === undefined ? '' : `, found ${issue.received}`;
  const requirement = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case 'min_value':
      return `must be at least ${String(requirement)}${found}`;
    case 'max_value':
      return `must be at most ${String(requirement)}${found}`;
    case 'integer':
      return `must be a whole number${found}`;
    case 'min_length':
      return `must have at least ${String(requirement)} item(s)${found}`;
  }
  if (issue.kind === 'schema' && issue.expected) {
    const types = issue.expected
      .replace(/[()]/g, '')
      .split('|')
      .map((t) => t.trim());
    if (types.every((t) => TYPE_WORDS[t] !== undefined))
      return `must be ${types.map((t) => TYPE_WORDS[t]).join(' or ')}${found}`;
  }
  return issue.message;
}

function schemaDiagnostics(issues: readonly v.BaseIssue<unknown>[], where: Locator): Diagnostic[] {
  return issues.map((issue) => {
    const path: Path = (issue.path ?? []).map((item) => item.key as string | number);
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      const key = String(path[path.length - 1]);
      const suggestion = closestName(key, allowedKeys(path.slice(0, -1)));
      return {
        ...where.key(path),
        severity: 'error',
        message: `unknown key "${key}"`,
        ...(suggestion ? { suggestion: `did you mean "${suggestion}"?` } : {}),
      };
    }
    let message = plainMessage(issue);
    const options = (issue.expected ?? '')
      .replace(/^\(|\)$/g, '')
      .split('|')
      .map((o) => o.trim().replaceAll('"', ''));
    if (issue.type === 'picklist') message = `must be one of ${options.join(', ')}`;
    else if (issue.received === 'undefined') message = `missing required key "${path[path.length - 1]}"`;
    const diagnostic: Diagnostic = { ...where.at(path), severity: 'error', message };
    if (issue.type === 'picklist' && typeof issue.input === 'string') {
      const suggestion = closestName(issue.input, options);
      if (suggestion) diagnostic.suggestion = `did you mean "${suggestion}"?`;
    }
    return diagnostic;
  });
}

/**
 * Rows all repeats of one event template may write between them: about 110 MB of CSV, generated in
 * seconds. (Each placeholder holds at most `MAX_CONTENT_ROWS` ; `repeat` at most 10,000.)
 */
const MAX_TEMPLATE_ROWS = 1_000_000;

/**
 * Rows the `{{customer_rows}}`/`{{payroll_rows}}` of one event's fields write (defaults 20, 12);
 * 0 when one of them asks for more than it may.
 */
function contentRows(fields: Record<string, unknown>): number {
  let rows = 0;
  for (const [text] of stringsIn(fields, [])) {
    for (const part of parseTemplate(text)) {
      if (typeof part === 'string' || !ROW_PLACEHOLDERS.includes(part.name)) continue;
      const count =
        part.argument !== undefined && /^\d+$/.test(part.argument) ? Number(part.argument) : undefined;
      // A placeholder over its own limit is reported by itself; once is enough.
      if (count !== undefined && count > MAX_CONTENT_ROWS) return 0;
      rows += count ?? (part.name === 'customer_rows' ? 20 : 12);
    }
  }
  return rows;
}

/** Every string inside a value, with its path (templates may nest lists, directory facts objects). */
function* stringsIn(value: unknown, path: Path): Generator<[string, Path]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* stringsIn(item, [...path, i]);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...path, key]);
}

function semanticDiagnostics(scenario: Scenario, file: string, where: Locator): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const error = (path: Path, message: string, suggestion?: string) =>
    errors.push({ ...where.at(path), severity: 'error', message, ...(suggestion ? { suggestion } : {}) });
  const warning = (path: Path, message: string, suggestion?: string) =>
    errors.push({ ...where.at(path), severity: 'warning', message, ...(suggestion ? { suggestion } : {}) });

  const base = file
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.ya?ml$/, '');
  if (base && base !== scenario.id && /\.ya?ml$/.test(file))
    warning(
      ['id'],
      `the id "${scenario.id}" differs from the file name "${base}"`,
      `rename the file to ${scenario.id}.yml`,
    );

  const actorKeys = Object.keys(scenario.actors);
  const insiders = actorKeys.filter((key) => scenario.actors[key]?.insider);
  if (insiders.length !== 1)
    error(
      ['actors'],
      `exactly one actor must be the insider (found ${insiders.length}${insiders.length > 1 ? `: ${insiders.join(', ')}` : ''})`,
      insiders.length > 1 ? 'keep `insider: true` on one of them' : 'add `insider: true` to one actor',
    );

  scenario.steps.forEach((step, i) => {
    if (step.step !== i + 1)
      error(['steps', i, 'step'], `steps are numbered 1, 2, 3… in order; expected ${i + 1}`);
  });
  if (!scenario.steps.some((step) => step.damaging))
    error(['steps'], 'no step is marked `damaging: true`', 'mark the step that does the harm');

  const checkTiming = (entry: { at?: string; day?: number; time?: string }, path: Path) => {
    if (entry.at !== undefined && (entry.day !== undefined || entry.time !== undefined))
      error([...path, 'at'], 'use either `at` or `day`/`time`, not both');
    if (entry.at !== undefined && (parseDuration(entry.at) === null || entry.at.startsWith('-')))
      error(
        [...path, 'at'],
        `"${entry.at}" is not an offset such as P2DT21H40M`,
        'write days, hours and minutes: P2DT21H40M',
      );
    if (entry.time !== undefined && parseTimeOfDay(entry.time) === null)
      error([...path, 'time'], `"${entry.time}" is not a time of day such as "21:40"`);
    if (entry.at === undefined && entry.day === undefined)
      error(path, 'missing time: give `at` (P2DT21H40M) or `day` and `time`');
  };

  const checkEvents = (events: EventTemplate[], path: Path, copies = 1) => {
    events.forEach((event, j) => {
      const at: Path = [...path, j];
      const rows = contentRows(event.fields) * (event.repeat ?? 1) * copies;
      if (rows > MAX_TEMPLATE_ROWS)
        error(
          [...at, event.repeat !== undefined ? 'repeat' : 'fields'],
          `this event writes ${rows.toLocaleString('en-US')} rows of {{customer_rows}}/{{payroll_rows}} with its repeats; at most ${MAX_TEMPLATE_ROWS.toLocaleString('en-US')}`,
          'fewer repeats or fewer rows: a scenario is a story, not a load test',
        );
      if (event.actor !== undefined && !actorKeys.includes(event.actor)) {
        const suggestion = closestName(event.actor, actorKeys);
        error(
          [...at, 'actor'],
          `unknown actor "${event.actor}"`,
          suggestion ? `did you mean "${suggestion}"?` : undefined,
        );
      }
      for (const key of ['after', 'every'] as const) {
        const text = event[key];
        if (text !== undefined && (parseDuration(text) === null || text.startsWith('-')))
          error([...at, key], `"${text}" is not a duration such as PT5M`);
      }
      const category = event.fields['event.category'];
      const action = event.fields['event.action'];
      if (typeof category !== 'string') error([...at, 'fields'], 'an event needs `event.category`');
      else if (!EVENT_ACTIONS[category]) {
        const suggestion = closestName(category, Object.keys(EVENT_ACTIONS));
        error(
          [...at, 'fields', 'event.category'],
          `unknown event.category "${category}"`,
          suggestion ? `did you mean "${suggestion}"?` : undefined,
        );
      } else if (typeof action !== 'string') error([...at, 'fields'], 'an event needs `event.action`');
      else if (!EVENT_ACTIONS[category]?.includes(action)) {
        const suggestion = closestName(action, EVENT_ACTIONS[category] ?? []);
        warning(
          [...at, 'fields', 'event.action'],
          `"${action}" is not an action of ${category} in docs/data-model.md`,
          suggestion ? `did you mean "${suggestion}"?` : undefined,
        );
      }
      for (const field of GENERATED_FIELDS)
        if (field in event.fields)
          error([...at, 'fields', field], `\`${field}\` is set by the generator; remove it`);
    });
  };

  scenario.steps.forEach((step, i) => {
    checkTiming(step, ['steps', i]);
    checkEvents(step.events, ['steps', i, 'events']);
    // Steps are played in order: one written before the step ahead of it is moved after it.
    const previous = scenario.steps[i - 1];
    if (previous && entryOffset(step) < entryOffset(previous))
      warning(
        ['steps', i, step.at !== undefined ? 'at' : 'day'],
        `step ${step.step} is written before step ${previous.step}; steps are played in order, so it will come after it`,
        'give the steps times in the order they happen',
      );
  });
  scenario.benign_lookalikes.forEach((lookalike, i) => {
    checkTiming(lookalike, ['benign_lookalikes', i]);
    if (lookalike.every !== undefined && parseDuration(lookalike.every) === null)
      error(['benign_lookalikes', i, 'every'], `"${lookalike.every}" is not a duration such as P1D`);
    checkEvents(lookalike.events, ['benign_lookalikes', i, 'events'], lookalike.repeat ?? 1);
  });

  const known = knownPlaceholderNames(actorKeys);
  const templated: [unknown, Path][] = [
    [scenario.steps, ['steps']],
    [scenario.benign_lookalikes, ['benign_lookalikes']],
    ...actorKeys.map((key): [unknown, Path] => [
      scenario.actors[key]?.directory,
      ['actors', key, 'directory'],
    ]),
  ];
  for (const [value, root] of templated) {
    for (const [text, path] of stringsIn(value, root)) {
      for (const part of parseTemplate(text)) {
        if (typeof part === 'string') {
          const stray = strayOpening(part);
          if (stray) error(path, stray);
          continue;
        }
        const problem = checkPlaceholder(part, actorKeys);
        if (problem) {
          const suggestion = closestName(part.name, known);
          error(
            path,
            problem,
            suggestion && suggestion !== part.name ? `did you mean {{${suggestion}}}?` : undefined,
          );
        }
      }
    }
  }
  return errors;
}

/** Parses and validates one scenario file. Warnings ride along with a valid scenario. */
export function loadScenario(text: string, file: string): Result<Scenario> {
  const where = new Locator(file);
  const doc = parseDocument(text, { lineCounter: where.lines, prettyErrors: false, uniqueKeys: true });
  where.doc = doc;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((problem) => {
        const { line, col } = where.lines.linePos(problem.pos[0]);
        return {
          file,
          line,
          column: col,
          path: '',
          severity: 'error',
          message: problem.message.split('\n')[0] ?? 'invalid YAML',
        };
      }),
    };
  }
  const parsed = v.safeParse(ScenarioSchema, doc.toJS());
  if (!parsed.success) return { ok: false, errors: schemaDiagnostics(parsed.issues, where) };
  const diagnostics = semanticDiagnostics(parsed.output, file, where);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: parsed.output, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}
