// YAML text → documents that remember where every key came from. Never throws: a file that is not
// YAML, or a document of no known kind, becomes a located Diagnostic and the rest still loads.
import { LineCounter, parseAllDocuments, isMap, type Node } from 'yaml';
import type { Diagnostic, LoadedDocument, PackFile, SourceLocation } from '../types.ts';
import { detectKind } from './document-kind.ts';
import { makeLocator, type Locator } from './locate.ts';
import { lossyNodes } from './lossy-nodes.ts';

/** A loaded document that can also point at the start of a value (conditions, patterns). */
export interface PositionedDocument extends LoadedDocument {
  locateValue(path: readonly (string | number)[]): SourceLocation;
  /** The source character at a location (to tell a quoted scalar from a plain one). */
  sourceAt?(location: SourceLocation): string | undefined;
}

export interface LoadedPack {
  documents: PositionedDocument[];
  errors: Diagnostic[];
}

function located(file: string, lineCounter: LineCounter, offset: number, message: string): Diagnostic {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col, path: '', severity: 'error', message };
}

/** The first line of a YAML error: the library appends a code frame we print our own way. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Where a YAML error shows: the library places some (a key indented wrong) at the start of their
 * line; the user looks for the first character written there, past the indentation.
 */
function pastIndentation(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] !== '\n') return offset;
  let at = offset;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return text[at] === '\n' || text[at] === '\r' || at >= text.length ? offset : at;
}

const TOO_DEEP = 'nested too deeply (lists or maps inside one another beyond what can be read)';

/** Whether an error (or its message) is the JavaScript stack running out: YAML nested too deeply. */
function isStackOverflow(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof RangeError || /maximum call stack size exceeded|too much recursion/i.test(message);
}

/** What a thrown error says, without the library's `RangeError:` / `ReferenceError:` prefix. */
function errorText(error: unknown): string {
  if (isStackOverflow(error)) return TOO_DEEP;
  return firstLine(error instanceof Error ? error.message : String(error));
}

/**
 * The source line of a 1-based line number, from the offsets of the file's line starts (found once
 * per file, on first use): looking a line up costs a binary search, not a split of the whole file
 * per document (a file of 10,000 rules would be read 10,000 times).
 */
function lineReader(text: string): (line: number) => string | undefined {
  let starts: number[] | undefined;
  return (line) => {
    if (starts === undefined) {
      starts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    }
    const start = starts[line - 1];
    if (start === undefined) return undefined;
    const next = starts[line];
    return text.slice(start, next === undefined ? text.length : next - 1);
  };
}

/**
 * YAML's line breaks are CRLF, LF and a lone CR (YAML 1.2, 5.4), which the parser would not take
 * for one: each lone CR becomes an LF, one character for one, so offsets are the file's own.
 */
function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** What the YAML library says but does not stop for, in the user's words where they differ. */
function yamlWarning(message: string): { message: string; severity: Diagnostic['severity'] } {
  const tag = /^Unresolved tag: (.*)$/.exec(message);
  // The value would be read as plain text, which is not what a tag (`!!js/function`) asked for.
  if (tag) {
    const name = tag[1]?.replace(/^tag:yaml\.org,2002:/, '!!');
    return { message: `unknown YAML tag ${name}: remove it (policy YAML takes no tags)`, severity: 'error' };
  }
  return { message: `YAML: ${message}`, severity: 'warning' };
}

/** A document's own data (before any merge) and where its keys are written. */
interface Part {
  data: Record<string, unknown>;
  locator: Locator;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * pySigma's `deep_dict_update(dest, src)`: every key of `src` is written into `dest`, maps merged
 * key by key, anything else (a list, a scalar) replacing what `dest` held.
 */
function deepUpdate(dest: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(src)) {
    const held = dest[key];
    dest[key] = isPlainMap(value) ? deepUpdate(isPlainMap(held) ? held : {}, value) : structuredClone(value);
  }
  return dest;
}

/** How many steps of a path exist in the data. */
function depthIn(data: unknown, path: readonly (string | number)[]): number {
  let node = data;
  let depth = 0;
  for (const step of path) {
    if (isPlainMap(node) && Object.hasOwn(node, String(step))) node = node[String(step)];
    else if (Array.isArray(node) && typeof step === 'number' && step < node.length) node = node[step];
    else break;
    depth++;
  }
  return depth;
}

/**
 * The locator of a document merged from several (a rule collection): each path is looked up in the
 * part that holds most of it, the part whose value the merge kept (the first) on a tie.
 */
function mergedLocator(parts: readonly Part[]): Locator {
  const pick = (path: readonly (string | number)[]): Locator => {
    let best = parts[0]!;
    let bestDepth = depthIn(best.data, path);
    for (const part of parts.slice(1)) {
      const depth = depthIn(part.data, path);
      if (depth > bestDepth) [best, bestDepth] = [part, depth];
    }
    return best.locator;
  };
  return {
    locate: (path) => pick(path).locate(path),
    locateValue: (path) => pick(path).locateValue(path),
  };
}

/** Sigma v1 rule collections (`action: global`, `reset`, `repeat`), as pySigma reads them. */
const COLLECTION_ACTIONS = ['global', 'reset', 'repeat'] as const;

export function loadFile(file: PackFile): LoadedPack {
  const documents: PositionedDocument[] = [];
  const errors: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const text = withLineFeeds(file.text);
  const lineAt = lineReader(text);
  let parsed;
  try {
    // `merge`: YAML 1.1's `<<` merge keys, which Sigma's own tools (PyYAML) read. `logLevel`: what
    // the library would print to the console is reported here, located, instead.
    parsed = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      logLevel: 'error',
    });
  } catch (error) {
    errors.push(located(file.name, lineCounter, 0, `not readable as YAML: ${errorText(error)}`));
    return { documents, errors };
  }
  if (!Array.isArray(parsed)) return { documents, errors };
  // A rule collection: the `action: global` document's keys go into every later document of the
  // file (until `action: reset`); `action: repeat` is the previous document with its keys written
  // over. pySigma's SigmaCollection.from_dicts; the Sigma 1.0 specification's "Rule Collections".
  let globalPart: Part | undefined;
  let previous: { data: Record<string, unknown>; parts: Part[] } | undefined;
  parsed.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const message = isStackOverflow(error.message) ? TOO_DEEP : firstLine(error.message);
        const at = pastIndentation(text, error.pos[0]);
        errors.push(located(file.name, lineCounter, at, `YAML syntax error: ${message}`));
      }
      return;
    }
    for (const warning of doc.warnings) {
      const { message, severity } = yamlWarning(firstLine(warning.message));
      errors.push({ ...located(file.name, lineCounter, warning.pos[0], message), severity });
    }
    for (const lossy of lossyNodes(doc)) {
      const where = located(file.name, lineCounter, lossy.offset, lossy.message);
      errors.push({ ...where, path: lossy.path, suggestion: lossy.suggestion });
    }
    const root = doc.contents as Node | null;
    const start = doc.range[0];
    // `---` at the end of a file, or a comment-only document: nothing to load, nothing wrong.
    if (root === null || root === undefined) return;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      errors.push(located(file.name, lineCounter, start, `YAML error: ${errorText(error)}`));
      return;
    }
    if (data === null || data === undefined) return;
    if (!isMap(root) || typeof data !== 'object' || Array.isArray(data)) {
      errors.push(
        located(
          file.name,
          lineCounter,
          root.range?.[0] ?? start,
          'a policy document must be a map of keys (e.g. "title:", "detection:")',
        ),
      );
      return;
    }
    let locator: Locator = makeLocator(file.name, root, lineCounter, start);
    let record = data as Record<string, unknown>;
    const action = 'kind' in record ? undefined : record.action;
    if (typeof action === 'string') {
      if (!(COLLECTION_ACTIONS as readonly string[]).includes(action)) {
        errors.push({
          ...locator.locateValue(['action']),
          severity: 'error',
          message: `unknown Sigma collection action "${action}": expected one of ${COLLECTION_ACTIONS.join(', ')}`,
        });
        return;
      }
      const { action: _action, ...own } = record;
      if (action === 'global') {
        globalPart = { data: own, locator };
        previous = { data: own, parts: [globalPart] };
        return;
      }
      if (action === 'reset') {
        globalPart = undefined;
        return;
      }
      // repeat
      const parts = [{ data: own, locator }, ...(previous?.parts ?? [])];
      record = deepUpdate(structuredClone(previous?.data ?? {}), own);
      locator = mergedLocator(parts);
      previous = { data: record, parts };
    } else if (globalPart !== undefined && !('kind' in record)) {
      // Our own documents (`kind:`) are not Sigma: a collection's shared keys stay out of them.
      const parts = [globalPart, { data: record, locator }];
      record = deepUpdate(structuredClone(record), globalPart.data);
      locator = mergedLocator(parts);
      previous = { data: record, parts };
    } else {
      previous = { data: record, parts: [{ data: record, locator }] };
    }
    const kind = detectKind(record);
    if (!kind.ok) {
      const where = locator.locate(kind.path);
      errors.push({
        ...where,
        severity: 'error',
        message: kind.message,
        ...(kind.suggestion ? { suggestion: kind.suggestion } : {}),
      });
      return;
    }
    documents.push({
      file: file.name,
      index,
      kind: kind.kind,
      data: record,
      locate: locator.locate,
      locateValue: locator.locateValue,
      sourceAt: (location) => lineAt(location.line)?.[location.column - 1],
    });
  });
  return { documents, errors };
}

/** All documents of a pack, in file order then document order. */
export function loadPack(files: readonly PackFile[]): LoadedPack {
  const documents: PositionedDocument[] = [];
  const errors: Diagnostic[] = [];
  for (const file of files) {
    const loaded = loadFile(file);
    for (const item of loaded.documents) documents.push(item);
    for (const item of loaded.errors) errors.push(item);
  }
  return { documents, errors };
}
