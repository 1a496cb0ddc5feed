// The seams to the modules other engineers own. Everything the rule engine needs from classifiers,
// correlations, access policies and scoring passes through this one file, so wiring a module that
// arrives later is an edit here and nowhere else.
//
// LEAD: classify/ did not exist when this was written; the function marked FALLBACK below stands
// in for it with the agreed signature. Replace it with
//   export { compileClassifiers, type CompiledClassifiers } from '../classify/index.ts';
// once the module lands.
import type { ContentSpan, Diagnostic, LoadedDocument, RuleMatch } from '../types.ts';
export {
  compileCorrelations,
  referencedRules,
  runCorrelations,
  type CompiledCorrelations,
} from '../correlate/index.ts';

/** What `src/engine/classify/index.ts` exposes (agreed interface). */
export interface CompiledClassifiers {
  ids: string[];
  scan(text: string, field: string, only?: ReadonlySet<string>): ContentSpan[];
}

/** FALLBACK for `compileClassifiers` from '../classify/index.ts'. */
export function compileClassifiers(docs: LoadedDocument[]): {
  classifiers: CompiledClassifiers;
  errors: Diagnostic[];
} {
  const errors: Diagnostic[] = docs
    .filter((doc) => doc.kind === 'classifier')
    .slice(0, 1)
    .map((doc) => ({
      ...doc.locate([]),
      severity: 'warning' as const,
      message: 'classifiers are not available in this build: content matchers never match',
    }));
  return { classifiers: { ids: [], scan: () => [] }, errors };
}

export { compileAccessPolicies, decideAccess, type CompiledAccess } from '../access/index.ts';
export { computeMetrics, computeRisk, type Metrics, type RiskTimeline } from '../score/index.ts';

export type { RuleMatch };
