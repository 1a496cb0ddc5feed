// Scenario injection: picks who plays each actor (deterministically, insiders never shared between
// scenarios), places the scenario in the period so every step fits, applies its directory facts,
// and expands its steps (labelled) and benign look-alikes (unlabelled) into timed events.
import type { EngineEvent, ScenarioTruth } from '../types.ts';
import type { BenignLookalike, EventTemplate, Scenario, ScenarioActor } from '../scenario/schema.ts';
import { DAY, MINUTE, SECOND, entryOffset, parseDuration } from '../scenario/offset.ts';
import { scenarioTruth } from '../scenario/truth.ts';
import { streamFor, type Random } from './random.ts';
import { AccountNames, isoDate, makeUser, type OrgUser } from './organisation.ts';
import { fillFields, fillValue, type FillContext } from './fill-template.ts';
import { eventHead, type TimedEvent } from './timed-event.ts';

export interface PlannedScenario {
  scenario: Scenario;
  start: number;
  actors: Record<string, OrgUser>;
}

/** Ground truth in dataset.json: the ScenarioTruth plus who played it and when it started. */
export interface InjectedScenarioTruth extends ScenarioTruth {
  cause: string;
  start: string;
  actors: Record<string, string>;
  steps: (ScenarioTruth['steps'][number] & { seen_by: string })[];
}

export function createdActorCount(scenarios: readonly Scenario[]): number {
  return scenarios.reduce((sum, s) => sum + Object.values(s.actors).filter((a) => a.create).length, 0);
}

function employedOn(user: OrgUser, day: string): boolean {
  return user.employment.start <= day && (user.employment.end === null || user.employment.end >= day);
}

function pickActor(
  actor: ScenarioActor,
  users: OrgUser[],
  taken: Set<string>,
  rng: Random,
  exclude: Set<string>,
): OrgUser {
  const free = users.filter((u) => !u.created && !taken.has(u.name) && !exclude.has(u.name));
  const tiers = [
    free.filter((u) => u.role === actor.role && u.department === actor.department),
    free.filter((u) => u.department === actor.department && !u.groups.includes('managers')),
    free.filter((u) => u.department === actor.department),
    users.filter((u) => !u.created && !exclude.has(u.name) && u.role === actor.role),
    free,
    users.filter((u) => !exclude.has(u.name)),
    users,
  ];
  for (const tier of tiers) if (tier.length > 0) return rng.pick(tier);
  throw new Error('the organisation has no users');
}

function mergeFacts(
  target: Record<string, unknown>,
  facts: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(facts)) {
    const current = target[key];
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current)
    )
      mergeFacts(current as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
  return target;
}

/** Merges a scenario's directory facts (already filled) into a user. */
export function applyDirectoryFacts(user: OrgUser, facts: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(facts)) {
    if (key === 'hr' && value && typeof value === 'object')
      user.hr = mergeFacts(user.hr ?? {}, value as Record<string, unknown>);
    else if (key === 'employment' && value && typeof value === 'object') {
      const employment = value as { start?: string; end?: string | null };
      user.employment = {
        start: employment.start ?? user.employment.start,
        end: employment.end === undefined ? user.employment.end : employment.end,
      };
    } else if (key === 'groups' && Array.isArray(value)) user.groups = value.map(String);
    else if (key === 'full_name' && typeof value === 'string') user.full_name = value;
    else user.extra[key] = value;
  }
}

interface Placement {
  start: number;
  /** Maps an offset from the scenario start to an offset that fits the period. */
  fit(offset: number): number;
}

/** How long a step's events run after it starts: the latest `after` plus its repeats. */
function templatesSpan(templates: readonly EventTemplate[]): number {
  let span = 0;
  for (const template of templates) {
    const every = template.every ? (parseDuration(template.every) ?? MINUTE) : MINUTE;
    const after = template.after ? (parseDuration(template.after) ?? 0) : 0;
    span = Math.max(span, after + ((template.repeat ?? 1) - 1) * every);
  }
  return span;
}

function place(scenario: Scenario, periodStart: number, days: number, rng: Random): Placement {
  // Where each step ends, not only where it starts: a step of 100 hourly events needs four days.
  const offsets = [
    ...scenario.steps.map((step) => entryOffset(step) + templatesSpan(step.events)),
    ...scenario.benign_lookalikes.map(entryOffset),
  ];
  const spanDays = Math.floor(Math.max(0, ...offsets) / DAY) + 1;
  const fit =
    spanDays <= days
      ? (offset: number) => offset
      : (offset: number) => {
          const day = Math.floor(offset / DAY);
          const scaled = spanDays <= 1 || days <= 1 ? 0 : Math.floor((day * (days - 1)) / (spanDays - 1));
          return scaled * DAY + (offset - day * DAY);
        };
  const room = Math.max(0, days - spanDays);
  // Leave some history before the scenario so behavioural baselines have something to compare with.
  const startDay = room === 0 ? 0 : rng.int(Math.floor(room * 0.3), room);
  return { start: periodStart + startDay * DAY, fit };
}

export interface Injection {
  plans: PlannedScenario[];
  truth: InjectedScenarioTruth[];
  /** Scenario and look-alike events, sorted by time. */
  events: TimedEvent[];
  created: OrgUser[];
  /** What the generator changed from what the scenarios wrote (an account renamed, steps moved). */
  warnings: string[];
}

function expandTemplates(
  templates: readonly EventTemplate[],
  at: number,
  ctx: Omit<FillContext, 'user' | 'n'>,
  defaultActor: OrgUser,
  labels: Record<string, string | number> | null,
  out: TimedEvent[],
): number {
  let last = at;
  for (const template of templates) {
    const actor = template.actor ? (ctx.actors[template.actor] ?? defaultActor) : defaultActor;
    const repeat = template.repeat ?? 1;
    const every = template.every ? (parseDuration(template.every) ?? MINUTE) : MINUTE;
    const after = template.after ? (parseDuration(template.after) ?? 0) : 0;
    for (let n = 1; n <= repeat; n++) {
      const time = Math.floor((at + after + (n - 1) * every) / SECOND) * SECOND;
      const fields = fillFields(template.fields, { ...ctx, user: actor, n });
      const category = String(fields['event.category'] ?? '');
      const event: EngineEvent = eventHead(category, String(fields['event.action'] ?? ''));
      event['user.name'] = actor.name;
      if (category !== 'hr') {
        event['host.name'] = actor.host;
        event['host.managed'] = true;
        if (!('source.ip' in fields)) {
          event['source.ip'] = actor.ip;
          if (category === 'authentication') {
            event['source.geo.country_iso_code'] = actor.office.country;
            event['source.geo.city'] = actor.office.city;
          }
        }
      }
      Object.assign(event, fields);
      if (labels) Object.assign(event, labels);
      out.push({ time, event });
      last = Math.max(last, time);
    }
  }
  return last;
}

/**
 * Plans and expands every scenario. `users` is the generated organisation; created actors
 * (contractors, partners, shared logins) are returned in `created` and appended by the caller.
 */
export function injectScenarios(
  scenarios: readonly Scenario[],
  users: OrgUser[],
  names: AccountNames,
  seed: number,
  periodStart: number,
  days: number,
): Injection {
  const taken = new Set<string>();
  const created: OrgUser[] = [];
  const plans: PlannedScenario[] = [];
  const truth: InjectedScenarioTruth[] = [];
  const events: TimedEvent[] = [];
  const warnings: string[] = [];
  const periodEnd = periodStart + days * DAY;

  // First pass: actors, so look-alikes never pick another scenario's insider.
  for (const scenario of scenarios) {
    const rng = streamFor(seed, 'scenario', scenario.id, 'actors');
    const actors: Record<string, OrgUser> = {};
    const entries = Object.entries(scenario.actors).sort(
      ([, a], [, b]) => Number(!!b.insider) - Number(!!a.insider),
    );
    for (const [key, actor] of entries) {
      if (actor.create) {
        const user = makeUser(
          rng,
          names,
          actor.department,
          actor.role,
          users.length + created.length,
          periodStart,
          actor.account,
        );
        user.created = true;
        if (actor.account !== undefined && user.name !== actor.account)
          warnings.push(
            `scenario ${scenario.id}: account "${actor.account}" is already taken (another scenario's or an employee's), so actor ${key} is "${user.name}"`,
          );
        user.manager = users.find(
          (u) => u.department === actor.department && u.groups.includes('managers'),
        )?.name;
        created.push(user);
        actors[key] = user;
      } else {
        const exclude = new Set(Object.values(actors).map((u) => u.name));
        actors[key] = pickActor(actor, users, taken, rng, exclude);
      }
      if (actor.insider) taken.add(actors[key]!.name);
    }
    const placement = place(scenario, periodStart, days, streamFor(seed, 'scenario', scenario.id, 'place'));
    plans.push({ scenario, start: placement.start, actors });
  }

  const population = [...users, ...created];
  for (const plan of plans) {
    const { scenario, start, actors } = plan;
    const placement = place(scenario, periodStart, days, streamFor(seed, 'scenario', scenario.id, 'place'));
    const rng = streamFor(seed, 'scenario', scenario.id, 'events');
    const ctx = { rng, actors, scenarioStart: start };
    for (const [key, actor] of Object.entries(scenario.actors)) {
      const user = actors[key]!;
      if (actor.directory)
        applyDirectoryFacts(
          user,
          fillValue(actor.directory, { ...ctx, user, n: 1 }) as Record<string, unknown>,
        );
    }
    const insiderKey = Object.keys(scenario.actors).find((k) => scenario.actors[k]?.insider) ?? '';
    const insider = actors[insiderKey]!;
    let last = -Infinity;
    for (const step of scenario.steps) {
      const at = Math.max(start + placement.fit(entryOffset(step)), last + MINUTE);
      last = expandTemplates(
        step.events,
        at,
        ctx,
        insider,
        { 'labels.scenario': scenario.id, 'labels.step': step.step },
        events,
      );
    }

    const lookalikeRng = streamFor(seed, 'scenario', scenario.id, 'lookalikes');
    scenario.benign_lookalikes.forEach((lookalike: BenignLookalike) => {
      const day = isoDate(start + placement.fit(entryOffset(lookalike)));
      const eligible = population.filter((u) => !u.created && !taken.has(u.name) && employedOn(u, day));
      const matches = (u: OrgUser) =>
        (!lookalike.who?.department || u.department === lookalike.who.department) &&
        (!lookalike.who?.role || u.role === lookalike.who.role);
      const tiers = [
        eligible.filter(matches),
        eligible.filter((u) => !lookalike.who?.department || u.department === lookalike.who.department),
        eligible,
      ];
      const tier = tiers.find((t) => t.length > 0);
      if (!tier) return;
      const user = lookalikeRng.pick(tier);
      if (lookalike.directory)
        applyDirectoryFacts(
          user,
          fillValue(lookalike.directory, { ...ctx, rng: lookalikeRng, user, n: 1 }) as Record<
            string,
            unknown
          >,
        );
      const every = lookalike.every ? (parseDuration(lookalike.every) ?? DAY) : DAY;
      for (let r = 0; r < (lookalike.repeat ?? 1); r++) {
        const at = start + placement.fit(entryOffset(lookalike)) + r * every;
        if (at >= periodEnd) {
          warnings.push(
            `scenario ${scenario.id}: ${(lookalike.repeat ?? 1) - r} benign look-alike repeat(s) fell after the ${days}-day period and were left out`,
          );
          break;
        }
        expandTemplates(lookalike.events, at, { ...ctx, rng: lookalikeRng }, user, null, events);
      }
    });

    truth.push({
      ...scenarioTruth(scenario),
      cause: scenario.cause,
      start: isoDate(start),
      actors: Object.fromEntries(Object.entries(actors).map(([key, user]) => [key, user.name])),
      steps: scenario.steps.map((step) => ({
        step: step.step,
        title: step.title,
        damaging: step.damaging === true,
        seen_by: step.seen_by,
      })),
    });
  }

  // Steps that run past the period are kept, at its last second, and said so: a scenario's timing
  // that does not fit the days asked for is the author's to know.
  const moved = new Map<string, number>();
  for (const item of events)
    if (item.time >= periodEnd) {
      item.time = periodEnd - SECOND;
      const scenario = String(item.event['labels.scenario'] ?? 'a look-alike');
      moved.set(scenario, (moved.get(scenario) ?? 0) + 1);
    }
  for (const [scenario, count] of moved)
    warnings.push(
      `scenario ${scenario}: ${count} event(s) fell after the ${days}-day period and were moved to its last second; give more --days or shorten its steps (after, repeat × every)`,
    );
  events.sort((a, b) => a.time - b.time);
  return { plans, truth, events, created, warnings };
}
