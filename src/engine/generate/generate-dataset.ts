// The seeded, streaming dataset generator. Same options → the same organisation, catalogue,
// entitlements and the same events in the same order, byte for byte, in Node and in a browser
// worker. Events are produced one day at a time (only one day is ever held in memory) with the
// scenario events of that day merged in, so 10,000,000 events stream in flat memory.
import type { CatalogResource, DatasetManifest, DirectoryUser, EngineEvent, Entitlement } from '../types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { DAY, MINUTE } from '../scenario/offset.ts';
import { streamFor } from './random.ts';
import { AccountNames, ORG_NAME, buildOrganisation, isoDate, type OrgUser } from './organisation.ts';
import { buildCatalogue } from './catalogue.ts';
import { buildEntitlements } from './entitlements.ts';
import { createdActorCount, injectScenarios, type InjectedScenarioTruth } from './inject-scenarios.ts';
import { benignDay, type DayPlan } from './benign-activity.ts';
import { isWorkday } from './calendar.ts';
import { eventHead, type TimedEvent } from './timed-event.ts';
import {
  ChunkWriter,
  addEvent,
  clockAfterMidnight,
  eventId,
  eventLine,
  newDayBatch,
  timeOrder,
  type BatchMode,
  type DayBatch,
  type NdjsonChunk,
} from './day-batch.ts';
import { COMPANY_SUFFIXES, COMPANY_WORDS } from './names.ts';

export const GENERATOR_VERSION = 1;
export const DEFAULT_START = '2026-03-02';
const NDJSON_CHUNK_BYTES = 1 << 20;

export interface GenerateOptions {
  seed: number;
  /** Accounts in the directory (employees plus any account a scenario creates). */
  users: number;
  days: number;
  /** First day, ISO date (UTC). Default 2026-03-02, a Monday. */
  start?: string;
  scenarios?: readonly Scenario[];
  /** Size of the content bodies (~20 % of events carry one). Default 1024. */
  contentBytes?: number;
}

export interface GeneratedDataset {
  manifest: DatasetManifest;
  scenarios: InjectedScenarioTruth[];
  directory: DirectoryUser[];
  resources: CatalogResource[];
  entitlements: Entitlement[];
  /** Re-iterable: each iteration generates the same events again, in `@timestamp` order. */
  events: Iterable<EngineEvent>;
  /** What the generator changed from what the scenarios wrote (an account renamed, steps moved). */
  warnings: string[];
  /**
   * Re-iterable: the same events as NDJSON lines (no newline), byte for byte `JSON.stringify` of
   * each event of `events`, made without keeping a day of event objects alive.
   */
  lines: Iterable<string>;
  /** Re-iterable: `lines` as UTF-8, newline-terminated, in chunks of about 1 MB (fresh each time). */
  ndjson: Iterable<NdjsonChunk>;
}

function directoryEntry(user: OrgUser): DirectoryUser {
  const entry: DirectoryUser = {
    name: user.name,
    full_name: user.full_name,
    email: user.email,
    department: user.department,
    role: user.role,
  };
  if (user.manager) entry.manager = user.manager;
  entry.groups = user.groups;
  entry.location = user.office.city;
  entry.workstation = user.host;
  entry.employment = { start: user.employment.start, end: user.employment.end };
  if (user.hr && Object.keys(user.hr).length > 0) entry.hr = user.hr;
  return Object.assign(entry, user.extra);
}

/** Benign HR facts (a resignation who takes nothing, a performance plan, a conflict) for false-positive ground. */
function benignHrFacts(
  seed: number,
  users: OrgUser[],
  excluded: Set<string>,
  periodStart: number,
  days: number,
): TimedEvent[] {
  const rng = streamFor(seed, 'hr-facts');
  const pool = users.filter((u) => !excluded.has(u.name) && !u.created && u.role !== 'ceo');
  const facts: TimedEvent[] = [];
  const plan: [string, number][] = [
    ['resignation', users.length >= 10 ? Math.max(1, Math.round(users.length * 0.04)) : 0],
    ['performance-plan', Math.round(users.length * 0.02)],
    ['conflict-report', users.length >= 30 ? 1 : 0],
  ];
  for (const [action, count] of plan) {
    for (let i = 0; i < count && pool.length > 0 && days > 1; i++) {
      const user = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
      const day = rng.int(1, days - 1);
      const time = periodStart + day * DAY + rng.int(10 * 60, 16 * 60) * MINUTE;
      const event = eventHead('hr', action);
      event['user.name'] = user.name;
      user.hr ??= {};
      if (action === 'resignation') {
        user.hr.resignation_date = isoDate(time);
        user.employment.end = isoDate(time + 30 * DAY);
        event['hr.effective_date'] = user.employment.end;
        event.message = 'Resignation letter received; leaving on good terms.';
      } else if (action === 'performance-plan') {
        user.hr.performance_plan = true;
        event.message = 'Improvement plan agreed with the manager.';
      } else {
        user.hr.conflict_report = true;
        event.message = 'Disagreement over holiday planning; resolved by mediation.';
      }
      facts.push({ time, event });
    }
  }
  return facts;
}

export function generateDataset(options: GenerateOptions): GeneratedDataset {
  const { seed, days } = options;
  const scenarios = options.scenarios ?? [];
  const start = options.start ?? DEFAULT_START;
  const periodStart = Date.parse(`${start}T00:00:00Z`);
  if (!Number.isFinite(periodStart))
    throw new Error(`start must be an ISO date such as 2026-03-02 (got "${start}")`);
  if (!Number.isInteger(days) || days < 1) throw new Error('days must be at least 1');
  const contentBytes = options.contentBytes ?? 1024;

  const names = new AccountNames();
  const employees = Math.max(1, options.users - createdActorCount(scenarios));
  const users = buildOrganisation(streamFor(seed, 'organisation'), employees, periodStart, names);
  const injection = injectScenarios(scenarios, users, names, seed, periodStart, days);
  const everyone = [...users, ...injection.created];
  const actorNames = new Set(injection.plans.flatMap((p) => Object.values(p.actors).map((u) => u.name)));
  const hrFacts = benignHrFacts(seed, users, actorNames, periodStart, days);
  const injected = [...injection.events, ...hrFacts].sort((a, b) => a.time - b.time);

  const heads = new Map(
    everyone.filter((u) => u.groups.includes('managers')).map((u) => [u.department, u.name]),
  );
  const resources = buildCatalogue((department) => heads.get(department));
  const entitlements = buildEntitlements(everyone, isoDate(periodStart - 200 * DAY));
  const directory = everyone.map(directoryEntry);

  const colleagues = new Map<string, OrgUser[]>();
  for (const user of everyone)
    colleagues.set(user.department, [...(colleagues.get(user.department) ?? []), user]);
  const byName = new Map(everyone.map((u) => [u.name, u]));
  const paymentApprovers = everyone.filter((u) => u.role === 'finance-controller' || u.role === 'cfo');
  const approverOf: DayPlan['approverOf'] = (kind, user) => {
    if (kind === 'expense') return user.manager ? byName.get(user.manager) : undefined;
    return paymentApprovers.find((u) => u !== user);
  };
  const customerRng = streamFor(seed, 'customers');
  const customerDomains = Array.from(
    { length: 30 },
    () =>
      `${customerRng.pick(COMPANY_WORDS).toLowerCase()}-${customerRng.pick(COMPANY_SUFFIXES).toLowerCase()}.example`,
  );

  /** Each day's events, held as `mode` says (see day-batch.ts), with the scenario events merged in. */
  function* dayBatches(mode: BatchMode): Generator<DayBatch & { midnight: number; date: string }> {
    let next = 0;
    let previous: DayBatch | undefined;
    for (let day = 0; day < days; day++) {
      const midnight = periodStart + day * DAY;
      const date = isoDate(midnight);
      const out = newDayBatch(mode, previous);
      previous = out;
      benignDay({
        rng: streamFor(seed, 'day', day),
        midnight,
        date,
        workday: isWorkday(midnight),
        users: everyone,
        colleagues,
        approverOf,
        customerDomains,
        contentBytes,
        out,
      });
      while (next < injected.length && injected[next]!.time < midnight + DAY) {
        const item = injected[next++]!;
        addEvent(out, item.time, mode === 'objects' ? { ...item.event } : item.event);
      }
      yield { ...out, midnight, date };
    }
  }

  function* stamped<T>(
    mode: BatchMode,
    finish: (item: EngineEvent | string, timestamp: string, id: string) => T,
  ): Generator<T> {
    let counter = 0;
    for (const { times, items, midnight, date } of dayBatches(mode)) {
      const order = timeOrder(times);
      const prefix = `${date}T`;
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        const seconds = Math.floor((times[i]! - midnight) / 1000);
        yield finish(items[i]!, prefix + clockAfterMidnight(seconds), eventId(++counter));
      }
    }
  }

  function* events(): Generator<EngineEvent> {
    yield* stamped('objects', (item, timestamp, id) => {
      const event = item as EngineEvent;
      event['@timestamp'] = timestamp;
      event['event.id'] = id;
      return event;
    });
  }

  function* lines(): Generator<string> {
    yield* stamped('lines', (item, timestamp, id) => eventLine(item!, timestamp, id));
  }

  function* ndjson(): Generator<NdjsonChunk> {
    const writer = new ChunkWriter(NDJSON_CHUNK_BYTES);
    let counter = 0;
    for (const batch of dayBatches('bytes')) {
      const { times, midnight, date } = batch;
      const order = timeOrder(times);
      const prefix = `${date}T`;
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        const seconds = Math.floor((times[i]! - midnight) / 1000);
        const full = writer.add(batch, i, prefix + clockAfterMidnight(seconds), eventId(++counter));
        if (full) yield full;
      }
    }
    const last = writer.finish();
    if (last) yield last;
  }

  const manifest: DatasetManifest = {
    id: `generated-s${seed}-u${options.users}-d${days}`,
    title: `Generated ${ORG_NAME} dataset (seed ${seed})`,
    description: `${everyone.length} accounts over ${days} days from ${start}; ${scenariosInjected(scenarios.length)}.`,
    period: { start, end: isoDate(periodStart + (days - 1) * DAY) },
    generator: {
      version: GENERATOR_VERSION,
      seed,
      users: options.users,
      days,
      start,
      content_bytes: contentBytes,
      scenarios: scenarios.map((s) => s.id),
    },
  };
  return {
    manifest,
    scenarios: injection.truth,
    directory,
    resources,
    entitlements,
    events: { [Symbol.iterator]: events },
    warnings: injection.warnings,
    lines: { [Symbol.iterator]: lines },
    ndjson: { [Symbol.iterator]: ndjson },
  };
}

/** What the description says of the scenarios: "13 insider scenarios injected with ground truth". */
function scenariosInjected(count: number): string {
  if (count === 0) return 'no insider scenario injected';
  return `${count} insider scenario${count === 1 ? '' : 's'} injected with ground truth`;
}
