import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PackFile } from '../../engine/types.ts';
import {
  exerciseData,
  makeSubmission,
  parseSubmission,
  rankSubmissions,
  readExercises,
  scoreTeamPack,
} from './exercise-run.ts';

const root = join(import.meta.dirname, '../../..');
function folder(dir: string): PackFile[] {
  const out: PackFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name))
        out.push({ name: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, dir));
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const scenarios = folder('sample-data/scenarios');
const shipped = readExercises(folder('sample-data/exercises'), scenarios);
const easy = shipped.exercises.find((e) => e.id === 'card-data-by-mail');

describe('exercises in the app', () => {
  it('reads the four shipped exercises without errors', () => {
    expect(shipped.errors).toEqual([]);
    expect(shipped.exercises.map((e) => e.level)).toEqual(
      ['easy', 'medium', 'hard', 'expert'].slice(0, shipped.exercises.length),
    );
    expect(shipped.exercises.length).toBeGreaterThanOrEqual(4);
  });

  it('scores the prepared team pack on the easy exercise as the command line does (74.7)', () => {
    if (!easy) throw new Error('no easy exercise');
    const data = exerciseData(easy, scenarios);
    const team = folder('tests/e2e/trainer/fixtures/card-team');
    const result = scoreTeamPack(easy, data, team, scenarios);
    expect(result.errors).toEqual([]);
    expect(result.score).toMatchObject({
      score: 74.7,
      f1: 0.8,
      recall: 0.667,
      precision: 1,
      first_detected_step: 2,
      alerts: 2,
      false_positive_alerts: 0,
      disruption: 0,
    });
    const [debrief] = result.debrief.scenarios;
    expect(debrief?.steps.map((s) => s.caught)).toEqual([false, true, true]);
    expect(debrief?.caughtAfterDamage).toBe(true);
    expect(result.debrief.untestedRules).toEqual([]);
  });

  it('generates the same hidden dataset as the command line', async () => {
    if (!easy) throw new Error('no easy exercise');
    const { exerciseDataset } = await import('../../cli/exercise-files.ts');
    const cli = exerciseDataset(easy);
    const app = exerciseData(easy, scenarios);
    expect(app.events.length).toBe(cli.events.length);
    expect(app.events.map((e) => e['event.id'])).toEqual(cli.events.map((e) => e['event.id']));
    expect(app.truth.labelled.length).toBeGreaterThan(0);
  });

  it('scores an empty pack 0 and lists nothing as caught', () => {
    if (!easy) throw new Error('no easy exercise');
    const result = scoreTeamPack(easy, exerciseData(easy, scenarios), [], scenarios);
    expect(result.score.score).toBe(0);
    expect(result.score.f1).toBe(0);
    expect(result.debrief.scenarios[0]?.detected).toBe(false);
  });
});

describe('submissions', () => {
  it('round-trips through a file and ranks the best team first', () => {
    if (!easy) throw new Error('no easy exercise');
    const base = {
      f1: 0.5,
      recall: 0.5,
      precision: 0.5,
      first_detected_step: 2,
      alerts: 3,
      false_positive_alerts: 1,
      disruption: 0,
      components: { f1: 0.5, earliness: 0.5, noise: 0.5, disruption: 0.5 },
      scenarios: [],
    };
    const a = makeSubmission(easy, 'Blue', { ...base, score: 40 }, [{ name: 'r.yml', text: 'x' }]);
    const b = makeSubmission(easy, 'Red', { ...base, score: 70 }, []);
    const back = parseSubmission(JSON.stringify(a), 'blue.json');
    expect(back).toMatchObject({
      ok: true,
      value: { team: 'Blue', exercise: 'card-data-by-mail', pack: [{ name: 'r.yml' }] },
    });
    expect(rankSubmissions([a, b]).map((s) => s.team)).toEqual(['Red', 'Blue']);
  });
  it('says what is wrong with a file that is not a submission', () => {
    expect(parseSubmission('{', 'x.json')).toMatchObject({ ok: false });
    const wrong = parseSubmission('{"format":"other"}', 'x.json');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toContain('not an exercise submission');
  });
});
