// Scoring a run: metrics against ground truth, and per-user risk over time.
export { computeMetrics } from './metrics.ts';
export type { Metrics, RuleMetrics, ScenarioMetrics } from './metrics.ts';
export { computeRisk, HR_FACTORS, SEVERITY_POINTS } from './risk.ts';
export type { RiskPoint, RiskTimeline, UserRisk } from './risk.ts';
