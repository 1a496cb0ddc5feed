// YAML text → documents that remember where every key came from. Never throws: a file that is not
// YAML, or a document of no known kind, becomes a located Diagnostic and the rest still loads.
import { LineCounter, parseAllDocuments, isMap, type Node } from 'yaml';
import type { Diagnostic, LoadedDocument, PackFile, SourceLocation } from '../types.ts';
import { detectKind } from './document-kind.ts';
import { makeLocator } from './locate.ts';

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

export function loadFile(file: PackFile): LoadedPack {
  const documents: PositionedDocument[] = [];
  const errors: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const lineAt = lineReader(file.text);
  let parsed;
  try {
    parsed = parseAllDocuments(file.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    errors.push(located(file.name, lineCounter, 0, `not readable as YAML: ${errorText(error)}`));
    return { documents, errors };
  }
  if (!Array.isArray(parsed)) return { documents, errors };
  parsed.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const message = isStackOverflow(error.message) ? TOO_DEEP : firstLine(error.message);
        errors.push(located(file.name, lineCounter, error.pos[0], `YAML syntax error: ${message}`));
      }
      return;
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
    const locator = makeLocator(file.name, root, lineCounter, start);
    const record = data as Record<string, unknown>;
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
