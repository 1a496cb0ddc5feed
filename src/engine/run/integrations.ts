// The seams to the modules other engineers own. Everything the rule engine needs from classifiers,
// correlations, access policies and scoring passes through this one file, so wiring a module that
// arrives later is an edit here and nowhere else.
import type { RuleMatch } from '../types.ts';
export { compileClassifiers, type CompiledClassifiers } from '../classify/index.ts';
export {
  compileCorrelations,
  referencedRules,
  runCorrelations,
  type CompiledCorrelations,
} from '../correlate/index.ts';

export { compileAccessPolicies, decideAccess, decisionFields, type CompiledAccess } from '../access/index.ts';
export { computeMetrics, computeRisk, type Metrics, type RiskTimeline } from '../score/index.ts';

export type { RuleMatch };
