// What a YAML document says that its JavaScript value would not keep: a key that is a list or map
// (an object's keys are text, so it would become the text "[ a, b ]"), and a plain integer too
// large for a number to hold exactly (a 20-digit account number would silently become another).
// Each is a located error; the document still loads, so its other problems are reported too.
import { isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import { formatPath } from '../validate/diagnostic.ts';

export interface LossyNode {
  /** Offset of the node in the file's text. */
  offset: number;
  /** Where it sits in the document, as users read it (`detection.sel.card`). */
  path: string;
  message: string;
  suggestion: string;
}

/** A plain integer as YAML 1.2's core schema reads one: decimal, 0x hexadecimal or 0o octal. */
const PLAIN_INTEGER = /^[-+]?(?:\d+|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** The path of the node `visit` is at, from its ancestors (only built when there is a problem). */
function pathOf(ancestors: readonly unknown[], node: unknown): string {
  const steps: (string | number)[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isPair(parent) && parent.value === child && isScalar(parent.key))
      steps.push(String(parent.key.value));
    else if (isSeq(parent)) steps.push(parent.items.indexOf(child as Node));
  }
  return formatPath(steps);
}

export function lossyNodes(document: Document.Parsed): LossyNode[] {
  const found: LossyNode[] = [];
  visit(document, {
    Pair(_, pair, ancestors) {
      if (!isCollection(pair.key)) return;
      found.push({
        offset: pair.key.range?.[0] ?? 0,
        path: pathOf(ancestors, pair),
        message: `a key must be text, not a ${isMap(pair.key) ? 'map' : 'list'}`,
        suggestion: 'write the key as plain text',
      });
    },
    Scalar(_, scalar, ancestors) {
      const { value, source } = scalar as { value: unknown; source?: string };
      if (typeof value !== 'number' || Number.isSafeInteger(value) || scalar.type !== 'PLAIN') return;
      if (typeof source !== 'string' || !PLAIN_INTEGER.test(source)) return;
      const written = source.length > 30 ? `${source.slice(0, 20)}… (${source.length} digits)` : source;
      found.push({
        offset: scalar.range?.[0] ?? 0,
        path: pathOf(ancestors, scalar),
        message: `the integer ${written} is too large to hold exactly: it would be read as ${value}`,
        suggestion: Number.isFinite(value)
          ? `quote it to match it as text, or write it with an exponent (${value.toExponential()}) for a magnitude`
          : 'quote it to match it as text',
      });
    },
  });
  return found;
}
