// Maps a path inside a parsed document back to a line and column, so that every later stage
// (schema, modifiers, condition) can point at the exact key or list item it complains about.
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../types.ts';
import { formatPath } from '../validate/diagnostic.ts';

type Step = string | number;

interface Found {
  /** Offset of the key (for map entries) or of the item (for list items). */
  offset: number;
  /** Offset of the value node itself, when there is one. */
  valueOffset: number;
}

function keyText(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

/** Walks the YAML node tree along the path; stops at the nearest existing parent. */
function walk(root: Node | null | undefined, path: readonly Step[], fallback: number): Found {
  let found: Found = { offset: root?.range?.[0] ?? fallback, valueOffset: root?.range?.[0] ?? fallback };
  let node: unknown = root;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(step));
      if (!pair) break;
      const keyOffset = (pair.key as Node | null)?.range?.[0] ?? found.offset;
      const value = pair.value as Node | null;
      found = { offset: keyOffset, valueOffset: value?.range?.[0] ?? keyOffset };
      node = value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      const offset = item.range?.[0] ?? found.offset;
      found = { offset, valueOffset: offset };
      node = item;
    } else {
      break;
    }
  }
  return found;
}

export interface Locator {
  /** Where the key (or list item) of a path sits. */
  locate(path: readonly Step[]): SourceLocation;
  /** Where the value of a path starts: a condition's text, a regular expression. */
  locateValue(path: readonly Step[]): SourceLocation;
}

export function makeLocator(
  file: string,
  root: Node | null | undefined,
  lineCounter: LineCounter,
  documentStart: number,
): Locator {
  const at = (offset: number, path: readonly Step[]): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, path: formatPath(path) };
  };
  return {
    locate: (path) => at(walk(root, path, documentStart).offset, path),
    locateValue: (path) => at(walk(root, path, documentStart).valueOffset, path),
  };
}
