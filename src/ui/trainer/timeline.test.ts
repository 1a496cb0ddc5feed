import { describe, expect, it } from 'vitest';
import type { Alert, EngineEvent } from '../../engine/types.ts';
import { hrefFor, parseHash } from '../state/routes.ts';
import { scenarioView } from '../state/scenario-view.ts';
import { buildTimeline, clampStep, stepDelay, summarise, tally, visibleSteps } from './timeline.ts';

const scenario = scenarioView(
  {
    id: 's',
    title: 'S',
    steps: [
      { step: 1, title: 'Put on a plan', seen_by: 'security', red_flags: ['plan'] },
      { step: 2, title: 'Creates an account', seen_by: 'it' },
      { step: 3, title: 'Deletes backups', seen_by: 'it', damaging: true },
    ],
    playbook: [{ action: 'Disable it', owner: 'it' }],
  },
  's.yml',
);
const ev = (id: string, step: number, time: string, category = 'iam'): EngineEvent => ({
  'event.id': id,
  '@timestamp': time,
  'event.category': category,
  'event.action': 'x',
  'user.name': 'u',
  'labels.scenario': 's',
  'labels.step': step,
});
const events = [
  ev('e3', 3, '2026-03-05T00:00:00Z'),
  ev('e1', 1, '2026-03-01T00:00:00Z', 'hr'),
  ev('e2', 2, '2026-03-03T00:00:00Z'),
];
const alert = (id: string, evs: string[], action: Alert['action']): Alert & { id: string } => ({
  id,
  rule: id,
  title: id,
  kind: 'rule',
  events: evs,
  user: 'u',
  timestamp: '2026-03-03T00:00:00Z',
  severity: 'high',
  action,
  explanation: {},
});

describe('trainer timeline', () => {
  const t = buildTimeline({
    scenario,
    events,
    alerts: [
      alert('a-late', ['e3'], 'block'),
      alert('a-joined', ['e1', 'e2'], 'warn'),
      alert('other', ['zz'], 'block'),
    ],
    insider: 'u',
    risk: [
      { time: '2026-03-01T00:00:00Z', score: 5 },
      { time: '2026-03-03T00:00:00Z', score: 35 },
    ],
  });

  it('puts each event in the lane of the team that sees its step, in time order', () => {
    expect(t.steps.map((s) => s.events.map((e) => [e.id, e.lanes.join()]))).toEqual([
      [['e1', 'security']],
      [['e2', 'it']],
      [['e3', 'it']],
    ]);
  });

  it('fires an alert at the latest step of its events, with the strongest action as the DLP outcome', () => {
    expect(t.steps.map((s) => s.alerts.map((a) => a.id))).toEqual([[], ['a-joined'], ['a-late']]);
    expect(t.steps.map((s) => s.dlp)).toEqual([null, 'warn', 'block']);
    expect(t.firstAlertStep).toBe(2);
    expect(t.caughtBeforeDamage).toBe(true);
  });

  it('raises the insider risk as the steps happen', () => {
    expect(t.steps.map((s) => s.risk)).toEqual([5, 35, 35]);
  });

  it('names the signals only both lanes together reveal', () => {
    expect(t.together[0]).toContain('Only together do they connect the motive to the act');
    expect(t.together.some((line) => line.includes('"a-joined" joins steps 1, 2'))).toBe(true);
  });

  it('shows only the steps that have happened at a play position', () => {
    expect(visibleSteps(t, 0)).toEqual([]);
    expect(visibleSteps(t, 2).map((s) => s.step)).toEqual([1, 2]);
    expect(clampStep(99, 3)).toBe(3);
    expect(clampStep(-1, 3)).toBe(0);
    expect(stepDelay(2)).toBeLessThan(stepDelay(1));
  });

  it('summarises an event and tallies repeats for the handout', () => {
    expect(summarise({ 'target.user.name': 'svc', 'group.name': 'Admins' })).toBe(
      'account svc · group Admins',
    );
    expect(tally(['a', 'b', 'a'])).toEqual(['a ×2', 'b']);
  });
});

describe('trainer URLs', () => {
  it('carry the play position, the reveal, the presenter view and the speed', () => {
    const route = parseHash('#/trainer/disgruntled-admin-sabotage?step=3&reveal=1&present=1&speed=2');
    expect(route).toEqual({
      screen: 'trainer',
      id: 'disgruntled-admin-sabotage',
      step: 3,
      reveal: true,
      present: true,
      speed: 2,
    });
    expect(parseHash(hrefFor(route))).toEqual(route);
    expect(hrefFor({ screen: 'trainer', id: 'x', step: 0 })).toBe('#/trainer/x?step=0');
    expect(parseHash('#/trainer/x?step=abc')).toEqual({ screen: 'trainer', id: 'x' });
    expect(parseHash('#/weak-spots')).toEqual({ screen: 'weak-spots' });
  });
});
