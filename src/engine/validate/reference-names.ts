// Correlations reference rules and other correlations by id or by `name` (Sigma: "`name` is a per
// correlation unique human-readable name"), so ids and names share one namespace: a string claimed
// by two documents would make a reference resolve to one of them arbitrarily. Each such clash is
// an error on the later document, naming the earlier one's place.
//
// Two documents with the same key (id, else name, else title) are reported where keys are checked
// (a rule id used twice, a correlation defined twice, a correlation with a rule's id), not here.
import type { Diagnostic, LoadedDocument } from '../types.ts';
import { diagnosticAt } from './diagnostic.ts';

type Attribute = 'id' | 'name';

interface Claim {
  doc: LoadedDocument;
  attribute: Attribute;
  isKey: boolean;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What a rule or correlation is called in alerts and references: its id, else name, else title. */
function keyOf(doc: LoadedDocument): string | undefined {
  return text(doc.data.id) ?? text(doc.data.name) ?? text(doc.data.title);
}

function describe(doc: LoadedDocument): string {
  const title = typeof doc.data.title === 'string' ? ` "${doc.data.title}"` : '';
  return `${doc.kind}${title}`;
}

export function checkReferenceNames(documents: readonly LoadedDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const claims = new Map<string, Claim>();
  for (const doc of documents) {
    if (doc.kind !== 'rule' && doc.kind !== 'correlation') continue;
    const key = keyOf(doc);
    for (const attribute of ['id', 'name'] as const) {
      const value =
        attribute === 'id'
          ? text(doc.data.id)
          : typeof doc.data.name === 'string'
            ? text(doc.data.name)
            : undefined;
      if (value === undefined) continue;
      const earlier = claims.get(value);
      if (!earlier) {
        claims.set(value, { doc, attribute, isKey: value === key });
        continue;
      }
      if (earlier.doc === doc) continue; // its own id and name are equal
      if (earlier.isKey && value === key) continue; // a duplicate key: reported where keys are checked
      const where = earlier.doc.locate([earlier.attribute]);
      diagnostics.push(
        diagnosticAt(
          doc,
          [attribute],
          `${attribute} "${value}" is already the ${earlier.attribute} of ${describe(earlier.doc)} (${where.file}:${where.line}): a correlation naming "${value}" could mean either`,
          'give each rule and correlation a name of its own: ids and names share one namespace',
        ),
      );
    }
  }
  return diagnostics;
}
