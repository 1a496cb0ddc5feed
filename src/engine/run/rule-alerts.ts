// Rule matches → alerts: one per matching event, carrying the rule's response (action, severity,
// owner, category, playbook) and the explanation of what matched.
import type { CompiledRule } from '../compile/rule.ts';
import { isoTime, timeValue } from '../import/event-time.ts';
import type { Alert, RuleMatch } from '../types.ts';

/**
 * The alert's time as every alert writes it (`isoTime`): `2026-03-02T10:00:00+02:00` and an epoch
 * number become `2026-03-02T08:00:00Z`, so alerts of rules and correlations read, and sort, alike.
 * A time no reader understands is kept as written (the run warns of it).
 */
function alertTime(stamp: unknown, time: number): string {
  const readable = Number.isFinite(timeValue(stamp));
  return (readable ? isoTime(time) : undefined) ?? (typeof stamp === 'string' ? stamp : isoTime(0)!);
}

export function ruleAlert(rule: CompiledRule, match: RuleMatch): Alert {
  const alert: Alert = {
    rule: rule.id,
    title: rule.title,
    kind: 'rule',
    events: [match.eventId],
    user: match.user,
    timestamp: alertTime(match.event['@timestamp'], match.time),
    severity: rule.response.severity,
    action: rule.response.action,
    explanation: match.explanation,
  };
  if (rule.response.owner) alert.owner = rule.response.owner;
  if (rule.response.category) alert.category = rule.response.category;
  if (rule.response.playbook) alert.playbook = rule.response.playbook;
  return alert;
}
