// The seams to the modules other engineers own. Everything the rule engine needs from classifiers,
// correlations, access policies and scoring passes through this one file, so wiring a module that
// arrives later is an edit here and nowhere else.
//
// LEAD: classify/, access/ and score/ did not exist when this was written; the functions marked
// FALLBACK below stand in for them with the agreed signatures. Replace each FALLBACK body with the
// import named in its comment once the module lands.
import type { Alert, ContentSpan, DatasetContext, Diagnostic, EngineEvent, LoadedDocument, RuleMatch, TruthTally } from '../types.ts';
export { compileCorrelations, referencedRules, runCorrelations, type CompiledCorrelations } from '../correlate/index.ts';

/** What `src/engine/classify/index.ts` exposes (agreed interface). */
export interface CompiledClassifiers {
  ids: string[];
  scan(text: string, field: string, only?: ReadonlySet<string>): ContentSpan[];
}

/** FALLBACK for `compileClassifiers` from '../classify/index.ts'. */
export function compileClassifiers(docs: LoadedDocument[]): { classifiers: CompiledClassifiers; errors: Diagnostic[] } {
  const errors: Diagnostic[] = docs
    .filter((doc) => doc.kind === 'classifier')
    .slice(0, 1)
    .map((doc) => ({ ...doc.locate([]), severity: 'warning' as const, message: 'classifiers are not available in this build: content matchers never match' }));
  return { classifiers: { ids: [], scan: () => [] }, errors };
}

/** Opaque to the rule engine. */
export type CompiledAccess = unknown;

/** FALLBACK for `compileAccessPolicies` from '../access/index.ts'. */
export function compileAccessPolicies(_docs: LoadedDocument[]): { access: CompiledAccess; errors: Diagnostic[] } {
  return { access: null, errors: [] };
}

/** FALLBACK for `decideAccess` from '../access/index.ts'. */
export function decideAccess(_access: CompiledAccess, _event: EngineEvent): { decision: 'allow' | 'deny'; reason: string } | null {
  return null;
}

export type Metrics = Record<string, unknown>;
export type RiskTimeline = unknown;

/** FALLBACK for `computeMetrics` from '../score/index.ts': counts only, no ground-truth scoring. */
export function computeMetrics(alerts: Alert[], truth: TruthTally, _ctx: DatasetContext): Metrics {
  return { alerts: alerts.length, labelledEvents: truth.labelled.length, benignEvents: truth.benignEvents };
}

/** FALLBACK for `computeRisk` from '../score/index.ts'. */
export function computeRisk(_alerts: Alert[], _ctx: DatasetContext): RiskTimeline {
  return [];
}

export type { RuleMatch };
