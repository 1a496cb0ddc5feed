// A pack: YAML files → loaded documents → compiled rules, classifiers, correlations, access
// policies and tests. Compiled once; the result holds closures, so each worker compiles its own
// copy from the same files.
import type { CompiledRule } from './compile/rule.ts';
import { compileRule, ruleIdOf } from './compile/rule.ts';
import { correlationKey } from './correlate/compile.ts';
import { RuleIndex } from './evaluate/rule-index.ts';
import { loadPack, type PositionedDocument } from './load/load-pack.ts';
import {
  compileAccessPolicies,
  compileClassifiers,
  compileCorrelations,
  type CompiledAccess,
  type CompiledClassifiers,
  type CompiledCorrelations,
} from './run/integrations.ts';
import type { Diagnostic, DocumentKind, PackFile } from './types.ts';
import { unknownReferences, validateTest } from './testing/validate-tests.ts';
import { diagnosticAt } from './validate/diagnostic.ts';
import { checkReferenceNames } from './validate/reference-names.ts';

export interface CompiledPack {
  documents: PositionedDocument[];
  rules: CompiledRule[];
  classifiers: CompiledClassifiers;
  correlations: CompiledCorrelations;
  access: CompiledAccess;
  tests: PositionedDocument[];
  index: RuleIndex;
  /** Every field some rule names: the run checks which of them the data ever carries. */
  referencedFields: string[];
}

export interface PackCompilation {
  pack: CompiledPack;
  /** Diagnostics of severity error; the pack still holds everything that compiled. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
  counts: Record<DocumentKind, number>;
}

function split(diagnostics: Diagnostic[], errors: Diagnostic[], warnings: Diagnostic[]): void {
  for (const d of diagnostics) (d.severity === 'warning' ? warnings : errors).push(d);
}

export function compilePack(files: readonly PackFile[]): PackCompilation {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const loaded = loadPack(files);
  split(loaded.errors, errors, warnings);
  const documents = loaded.documents;
  const counts: Record<DocumentKind, number> = { rule: 0, classifier: 0, correlation: 0, access: 0, test: 0 };
  for (const doc of documents) counts[doc.kind]++;

  const classifierResult = compileClassifiers(documents.filter((d) => d.kind === 'classifier'));
  split(classifierResult.errors, errors, warnings);
  const classifierIds =
    classifierResult.classifiers.ids.length > 0 || counts.classifier === 0
      ? new Set(classifierResult.classifiers.ids)
      : undefined;

  const rules: CompiledRule[] = [];
  const seenIds = new Map<string, PositionedDocument>();
  for (const doc of documents) {
    if (doc.kind !== 'rule') continue;
    let id = ruleIdOf(doc.data);
    const titleOnly = doc.data.id === undefined && doc.data.name === undefined;
    if (titleOnly && seenIds.has(id)) {
      // Sigma asks no title to be unique: a second rule known only by its title gets its own key.
      let n = 2;
      while (seenIds.has(`${id} (${n})`)) n++;
      const key = `${id} (${n})`;
      warnings.push(
        diagnosticAt(
          doc,
          ['title'],
          `another rule without id has the title "${id}": this one is "${key}" in alerts and tests`,
          'give each rule an id',
          'warning',
        ),
      );
      id = key;
    }
    const earlier = seenIds.get(id);
    if (id && earlier) {
      errors.push(
        diagnosticAt(
          doc,
          ['id'],
          `rule id "${id}" is already used in ${earlier.file}`,
          'give each rule its own id',
        ),
      );
      // Its other errors are still worth reporting; the rule itself is left out.
      const duplicate = compileRule(doc, classifierIds);
      for (const item of duplicate.errors) errors.push(item);
      for (const item of duplicate.warnings) warnings.push(item);
      continue;
    }
    seenIds.set(id, doc);
    const result = compileRule(doc, classifierIds);
    for (const item of result.errors) errors.push(item);
    for (const item of result.warnings) warnings.push(item);
    if (result.rule) {
      rules.push(result.rule.id === id ? result.rule : { ...result.rule, id });
      const truth = result.rule.fields.filter((field) => field.startsWith('labels.'));
      if (truth.length > 0)
        warnings.push(
          diagnosticAt(
            doc,
            ['detection'],
            `rule "${id}" reads ${truth.join(', ')}: the dataset's ground truth, which no real log holds, so its alerts are right by construction and its precision and recall say nothing (exercise-score hides labels from rules)`,
            'match what the events show, not their labels',
            'warning',
          ),
        );
    }
  }

  // Ids and names that two documents claim would make references ambiguous (Sigma: names are unique).
  split(checkReferenceNames(documents), errors, warnings);
  const ruleIds = new Set(rules.map((r) => r.id));
  const ruleNames = new Map<string, string>();
  for (const doc of documents) {
    if (doc.kind === 'rule' && typeof doc.data.name === 'string')
      ruleNames.set(doc.data.name, ruleIdOf(doc.data));
  }
  const correlationResult = compileCorrelations(documents, ruleIds, ruleNames);
  split(correlationResult.errors, errors, warnings);
  const accessResult = compileAccessPolicies(documents.filter((d) => d.kind === 'access'));
  split(accessResult.errors, errors, warnings);

  // A test naming a rule, correlation or classifier the pack lacks could never pass: located here,
  // where `validate` reports it, not only when `test` runs it.
  const testable = new Set<string>([...seenIds.keys(), ...ruleNames.keys()]);
  for (const doc of documents)
    if (doc.kind === 'correlation') {
      testable.add(correlationKey(doc));
      for (const key of ['id', 'name', 'title'])
        if (typeof doc.data[key] === 'string') testable.add(doc.data[key] as string);
    }
  const classifierNames = new Set(classifierResult.classifiers.ids);
  for (const doc of documents) {
    if (doc.kind !== 'test') continue;
    const { test, errors: problems } = validateTest(doc);
    for (const item of problems) errors.push(item);
    if (test) for (const item of unknownReferences(doc, test, testable, classifierNames)) errors.push(item);
  }

  const referencedFields = new Set<string>();
  for (const rule of rules) for (const field of rule.fields) referencedFields.add(field);

  return {
    pack: {
      documents,
      rules,
      classifiers: classifierResult.classifiers,
      correlations: correlationResult.correlations,
      access: accessResult.access,
      tests: documents.filter((d) => d.kind === 'test'),
      index: new RuleIndex(rules),
      referencedFields: [...referencedFields].sort(),
    },
    errors,
    warnings,
    counts,
  };
}
