// Test helper: YAML text → LoadedDocument, as the pack loader gives them (kind from the keys, a
// working `locate`). Lets the correlation and access tests stand on their own.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { DocumentKind, LoadedDocument, RuleMatch, EngineEvent } from '../types.ts';

export function loadTestDocuments(text: string, file = 'test.yml'): LoadedDocument[] {
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter }).map((doc, index) => {
    const data = (doc.toJS() ?? {}) as Record<string, unknown>;
    const kind: DocumentKind =
      typeof data.kind === 'string'
        ? (data.kind as DocumentKind)
        : data.correlation !== undefined
          ? 'correlation'
          : data.entitlements !== undefined
            ? 'access'
            : 'rule';
    return {
      file,
      index,
      kind,
      data,
      locate(path) {
        let node: unknown = doc.contents;
        let found = node as Node | null;
        for (const part of path) {
          if (isMap(node)) node = node.get(part, true);
          else if (isSeq(node)) node = node.get(Number(part), true);
          else break;
          if (node && typeof node === 'object' && 'range' in node) found = node as Node;
        }
        const offset = found?.range?.[0] ?? 0;
        const { line, col } = lineCounter.linePos(offset);
        return { file, line, column: col, path: path.join('.') };
      },
    };
  });
}

let counter = 0;

/** A rule match as the scan produces it, with `@timestamp` as epoch time. */
export function match(rule: string, at: string, fields: EngineEvent = {}, eventId?: string): RuleMatch {
  const user = typeof fields['user.name'] === 'string' ? fields['user.name'] : null;
  const id = eventId ?? `e${++counter}`;
  return {
    rule,
    eventId: id,
    time: Date.parse(at),
    user,
    event: { 'event.id': id, '@timestamp': at, ...fields },
    explanation: {},
  };
}
