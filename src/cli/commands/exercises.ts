import { parseCommandArgs, parseFormat, printJson } from '../args.ts';
import { readExercises } from '../exercise-files.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { format: { type: 'string' } });
  const format = parseFormat(values.format, ['table', 'json']);
  const exercises = (await readExercises()).map((exercise) => ({
    id: exercise.id,
    title: exercise.title,
    level: exercise.level,
    roles: exercise.roles.map((role) => role.id),
    // How many scenarios hide in the data, never which: that is the exercise.
    hidden_scenarios: exercise.hidden_scenarios.length,
    time_box_minutes: exercise.time_box_minutes,
    objectives: exercise.objectives,
  }));
  if (format === 'json') {
    printJson({ exercises });
    return 0;
  }
  for (const exercise of exercises) {
    process.stdout.write(
      `${exercise.id.padEnd(22)} ${exercise.level.padEnd(7)} ${String(exercise.time_box_minutes).padStart(3)} min  ` +
        `${exercise.hidden_scenarios} hidden  ${exercise.title}\n`,
    );
  }
  return 0;
}
