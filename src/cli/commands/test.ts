// `test <pack>`: runs the pack's test documents; prints each failure with the rule, the events,
// expected versus actual and the deciding fields; last line `N passed, N failed`; exit 1 on failure,
// or when the pack has errors (a rule that did not compile is left out of every test and every run).
import { compilePack } from '../../engine/pack.ts';
import { runTests } from '../../engine/testing/run-tests.ts';
import { duplicateTestNames } from '../../engine/testing/validate-tests.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { packArgument, parseCommandArgs } from '../args.ts';
import { readPack } from '../pack-files.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { pack: { type: 'string' } }, true);
  const pack = await readPack(packArgument(positionals, values.pack, 'test <pack>'));
  const compiled = compilePack(pack.files);
  const results = runTests(compiled.pack, compiled.errors);
  // Pack errors other than in test documents are shown, but the valid rules are still tested. An
  // error a FAIL block already shows (a test document that is not valid) is not repeated here.
  const shown = new Set(results.flatMap((result) => result.failures));
  const diagnostics = [...pack.warnings, ...compiled.errors, ...duplicateTestNames(compiled.pack.tests)];
  for (const diagnostic of diagnostics) {
    const line = formatDiagnostic(diagnostic);
    if (!shown.has(line)) process.stderr.write(`${line}\n`);
  }
  let passed = 0;
  for (const result of results) {
    if (result.passed) {
      passed++;
      continue;
    }
    process.stdout.write(`FAIL ${result.name} (${result.file}:${result.line})\n`);
    for (const failure of result.failures) process.stdout.write(`  - ${failure}\n`);
  }
  const failed = results.length - passed;
  if (failed === 0 && compiled.errors.length > 0)
    process.stderr.write(
      `error: every test passed, but the pack has ${compiled.errors.length} error(s) (above): what has an error is left out of the pack\n`,
    );
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 || compiled.errors.length > 0 ? 1 : 0;
}
