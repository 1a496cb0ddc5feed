// Separation of duties: one person must not do every action of a pair on the same object —
// create a vendor and approve a payment to it (erp.vendor_id), submit and approve the same expense
// (erp.object_id). Found in the logs (sod_conflicts) and, before anything happens, in what IAM
// granted (sod_toxic_grants: one person holds both duties).
import type { DatasetContext, EngineEvent } from '../types.ts';
import { texts } from './decide.ts';
import type { SeparationOfDuty } from './model.ts';
import type { AccessFinding } from './report-model.ts';
import { cmp } from './unused-rights.ts';

/** sod id → object value → user → action → event ids */
export type DutyLog = Map<string, Map<string, Map<string, Map<string, string[]>>>>;

export function recordDuty(
  log: DutyLog,
  duties: readonly SeparationOfDuty[],
  event: EngineEvent,
  eventId: string,
): void {
  const action = event['event.action'];
  const user = event['user.name'];
  if (typeof action !== 'string' || typeof user !== 'string') return;
  for (const duty of duties) {
    if (!duty.actions.includes(action)) continue;
    if (
      Object.entries(duty.exclude).some(([field, values]) =>
        texts(event[field]).some((v) => values.includes(v)),
      )
    )
      continue;
    for (const object of texts(event[duty.object])) {
      let objects = log.get(duty.id);
      if (!objects) log.set(duty.id, (objects = new Map()));
      let users = objects.get(object);
      if (!users) objects.set(object, (users = new Map()));
      let actions = users.get(user);
      if (!actions) users.set(user, (actions = new Map()));
      const ids = actions.get(action) ?? [];
      ids.push(eventId);
      actions.set(action, ids);
    }
  }
}

export function sodConflicts(log: DutyLog, duties: readonly SeparationOfDuty[]): AccessFinding[] {
  const findings: AccessFinding[] = [];
  for (const duty of duties) {
    const objects = log.get(duty.id);
    if (!objects) continue;
    for (const [object, users] of [...objects.entries()].sort(([a], [b]) => cmp(a, b))) {
      for (const [user, actions] of [...users.entries()].sort(([a], [b]) => cmp(a, b))) {
        if (!duty.actions.every((a) => actions.has(a))) continue;
        const evidence = duty.actions.flatMap((a) => actions.get(a) ?? []);
        const did = duty.actions.map((a) => `${a} (${(actions.get(a) ?? []).join(', ')})`).join(' and ');
        findings.push({
          user,
          resource: `${duty.object}=${object}`,
          evidence,
          text:
            `${user} did both ${did} on ${duty.object} ${object}, which "${duty.title}" forbids: ` +
            `hold or review the transaction, and give one of these duties to someone else.`,
          separation: duty.id,
          actions: duty.actions,
          severity: duty.response.severity,
          owner: duty.response.owner ?? null,
          category: duty.response.category ?? null,
        });
      }
    }
  }
  return findings;
}

export function sodToxicGrants(ctx: DatasetContext, duties: readonly SeparationOfDuty[]): AccessFinding[] {
  const byUser = new Map<string, Map<string, Set<string>>>(); // user → action → resources
  for (const grant of ctx.entitlements) {
    let actions = byUser.get(grant.user);
    if (!actions) byUser.set(grant.user, (actions = new Map()));
    for (const action of grant.actions) {
      const resources = actions.get(action) ?? new Set();
      resources.add(grant.resource);
      actions.set(action, resources);
    }
  }
  const findings: AccessFinding[] = [];
  for (const duty of duties) {
    for (const [user, actions] of [...byUser.entries()].sort(([a], [b]) => cmp(a, b))) {
      if (!duty.actions.every((a) => actions.has(a))) continue;
      const resources = [...new Set(duty.actions.flatMap((a) => [...(actions.get(a) ?? [])]))].sort();
      findings.push({
        user,
        resource: resources.join(', '),
        evidence: [],
        text:
          `${user} is granted both ${duty.actions.join(' and ')} (on ${resources.join(', ')}), the pair "${duty.title}" ` +
          `keeps apart: remove one of the rights or put a second approver in the process.`,
        separation: duty.id,
        actions: duty.actions,
      });
    }
  }
  return findings;
}
