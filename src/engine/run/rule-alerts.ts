// Rule matches → alerts: one per matching event, carrying the rule's response (action, severity,
// owner, category, playbook) and the explanation of what matched.
import type { CompiledRule } from '../compile/rule.ts';
import type { Alert, RuleMatch } from '../types.ts';

export function ruleAlert(rule: CompiledRule, match: RuleMatch): Alert {
  const stamp = match.event['@timestamp'];
  const alert: Alert = {
    rule: rule.id,
    title: rule.title,
    kind: 'rule',
    events: [match.eventId],
    user: match.user,
    timestamp: typeof stamp === 'string' ? stamp : new Date(match.time).toISOString(),
    severity: rule.response.severity,
    action: rule.response.action,
    explanation: match.explanation,
  };
  if (rule.response.owner) alert.owner = rule.response.owner;
  if (rule.response.category) alert.category = rule.response.category;
  if (rule.response.playbook) alert.playbook = rule.response.playbook;
  return alert;
}
