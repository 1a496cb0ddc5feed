// A scenario file as the Scenarios screen shows it: a card (threat, cause, story, steps, who sees
// what, playbook with owners, lesson). Reads the YAML object defensively: a scenario with a missing
// part still shows what it has, and the loader's diagnostics are shown beside it.
import type { ThreatCategory } from '../../engine/types.ts';

export type SeenBy = 'it' | 'security' | 'both';

export interface ScenarioStepView {
  step: number;
  title: string;
  at: string;
  seenBy: SeenBy;
  damaging: boolean;
  redFlags: string[];
  eventCount: number;
}

export interface ScenarioView {
  id: string;
  file: string;
  title: string;
  category: ThreatCategory | string;
  cause: string;
  story: string;
  actors: { name: string; role: string; department: string; insider: boolean }[];
  steps: ScenarioStepView[];
  lookalikes: { title: string; why: string }[];
  playbook: { action: string; owner: string }[];
  lesson: { kind: string; text: string };
}

const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function seenBy(v: unknown): SeenBy {
  const s = str(v).toLowerCase();
  if (s === 'security' || s === 'both') return s;
  if (Array.isArray(v) && v.length > 1) return 'both';
  if (Array.isArray(v) && str(v[0]) === 'security') return 'security';
  return 'it';
}

function countEvents(events: unknown): number {
  return list(events).reduce<number>((n, e) => n + Math.max(1, Number(obj(e).repeat) || 1), 0);
}

export function scenarioView(raw: unknown, file: string): ScenarioView {
  const s = obj(raw);
  const id = str(s.id, file.replace(/^.*\//, '').replace(/\.ya?ml$/, ''));
  const actors = Object.entries(obj(s.actors)).map(([name, a]) => {
    const actor = obj(a);
    return {
      name,
      role: str(actor.role),
      department: str(actor.department),
      insider: actor.insider === true,
    };
  });
  const steps = list(s.steps).map((raw, i) => {
    const step = obj(raw);
    return {
      step: Number(step.step) || i + 1,
      title: str(step.title, `Step ${i + 1}`),
      at: str(step.at ?? step.offset ?? step.day),
      seenBy: seenBy(step.seen_by),
      damaging: step.damaging === true,
      redFlags: list(step.red_flags)
        .map((f) => str(f))
        .filter(Boolean),
      eventCount: countEvents(step.events),
    };
  });
  const lesson = obj(s.lesson);
  return {
    id,
    file,
    title: str(s.title, id),
    category: str(s.category, 'unknown'),
    cause: str(s.cause, 'unknown'),
    story: str(s.story).trim(),
    actors,
    steps,
    lookalikes: list(s.benign_lookalikes).map((l) => ({ title: str(obj(l).title), why: str(obj(l).why) })),
    playbook: list(s.playbook).map((p) => ({
      action: str(obj(p).action ?? obj(p).step),
      owner: str(obj(p).owner, 'both'),
    })),
    lesson: { kind: str(lesson.kind ?? s.lesson), text: str(lesson.text).trim() },
  };
}

export interface ScenarioFilter {
  threat?: string;
  cause?: string;
}

export function filterScenarios(scenarios: readonly ScenarioView[], filter: ScenarioFilter): ScenarioView[] {
  return scenarios.filter(
    (s) => (!filter.threat || s.category === filter.threat) && (!filter.cause || s.cause === filter.cause),
  );
}

export function causesOf(scenarios: readonly ScenarioView[]): string[] {
  return [...new Set(scenarios.map((s) => s.cause))].sort();
}

/** What only one side sees: the steps IT would notice, and those only corporate security would. */
export function signalsByTeam(s: ScenarioView): { it: ScenarioStepView[]; security: ScenarioStepView[] } {
  return {
    it: s.steps.filter((st) => st.seenBy !== 'security'),
    security: s.steps.filter((st) => st.seenBy !== 'it'),
  };
}

export const THREAT_LABELS: Record<string, string> = {
  leakage: 'Data leakage',
  sabotage: 'Sabotage',
  fraud: 'Fraud',
  'unauthorized-use': 'Unauthorised use',
};

/** Words written in capitals wherever they stand ("it-manager" is an IT manager, not "It manager"). */
const ACRONYMS = new Set([
  'it',
  'hr',
  'erp',
  'vpn',
  'usb',
  'ssn',
  'iam',
  'vip',
  'dlp',
  'ip',
  'sql',
  'ceo',
  'cfo',
  'cto',
  'api',
  'mfa',
  'pii',
  'pci',
]);

export function humanise(word: string): string {
  const s = word
    .replace(/[-_]/g, ' ')
    .split(' ')
    .map((part) => (ACRONYMS.has(part.toLowerCase()) ? part.toUpperCase() : part))
    .join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
