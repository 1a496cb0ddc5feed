// `exercise-score --exercise <id> --pack <pack> [--format table|json]`: runs a team's pack on the
// exercise's hidden dataset (generated from its seed) and scores it against the hidden truth.
import { scoreExercise } from '../../engine/exercise/index.ts';
import { compilePack } from '../../engine/pack.ts';
import { runPack } from '../../engine/run/run-pack.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, requireOption } from '../args.ts';
import { exerciseDataset, findExercise } from '../exercise-files.ts';
import { readPack } from '../pack-files.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    exercise: { type: 'string' },
    pack: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format, ['table', 'json']);
  const exercise = await findExercise(requireOption(values.exercise, 'exercise'));
  // An empty folder is an empty pack here: it scores 0 (with a warning), as an empty file does.
  const pack = await readPack(requireOption(values.pack, 'pack'), { allowEmpty: true });
  const compiled = compilePack(pack.files);
  // A pack with errors still runs what compiled (a student sees a score and the errors to fix).
  for (const diagnostic of [...pack.warnings, ...compiled.errors])
    process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);

  const { events, context } = exerciseDataset(exercise);
  // The pack never sees `labels.*`: the answers the score is measured against.
  const result = runPack(compiled.pack, events, context, { hideLabels: true });
  const score = scoreExercise(exercise.hidden_scenarios, result.alerts, result.truth, result.metrics);
  const { components, scenarios, ...headline } = score;

  if (format === 'json') {
    printJson({ ...headline, components, scenarios, errors: compiled.errors.length });
    return 0;
  }
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  const out = process.stdout;
  out.write(`${exercise.title} (${exercise.level}): score ${score.score} / 100\n`);
  out.write(`  F1 ${score.f1.toFixed(3)}  recall ${pct(score.recall)}  precision ${pct(score.precision)}\n`);
  out.write(
    `  first detected step ${score.first_detected_step ?? '—'}  alerts ${score.alerts}  false-positive alerts ${score.false_positive_alerts}  wrong blocks ${score.disruption}\n`,
  );
  scenarios.forEach((s, i) =>
    out.write(
      `  hidden scenario ${i + 1}: ${s.detected ? `detected at step ${s.first_detected_step} of ${s.steps}` : `missed (${s.steps} steps)`}\n`,
    ),
  );
  return 0;
}
