// `evaluate --pack <pack> --data <file|folder> [--format table|json]`: alerts, metrics and errors.
import { compilePack } from '../../engine/pack.ts';
import { runPack } from '../../engine/run/run-pack.ts';
import type { Alert, Diagnostic } from '../../engine/types.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, requireOption } from '../args.ts';
import { readPack } from '../pack-files.ts';
import { nothingRead, readDataset } from '../read-dataset.ts';

function plainError({ file, line, column, message, path, severity }: Diagnostic) {
  return { file, line, column, message, path, severity };
}

function table(alerts: Alert[]): string {
  const rows = alerts.map((a) => [
    a.timestamp,
    a.severity,
    a.action,
    a.rule,
    a.user ?? '-',
    a.events.join(','),
  ]);
  const header = ['timestamp', 'severity', 'action', 'rule', 'user', 'events'];
  const widths = header.map((h, i) =>
    Math.min(48, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.slice(0, widths[i]).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Problems printed one by one in the table format. */
const PRINTED_DIAGNOSTICS = 100;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    pack: { type: 'string' },
    data: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format, ['table', 'json']);
  const packPath = requireOption(values.pack, 'pack');
  const dataPath = requireOption(values.data, 'data');
  const pack = await readPack(packPath);
  const compiled = compilePack(pack.files);
  const warnings = [...pack.warnings, ...compiled.warnings];
  const dataset = await readDataset(dataPath);
  const started = performance.now();
  const result = runPack(compiled.pack, dataset.events, dataset.context);
  const seconds = (performance.now() - started) / 1000;
  const errors = [...compiled.errors, ...dataset.errors, ...result.errors];

  if (format === 'json') {
    printJson({
      alerts: result.alerts,
      metrics: result.metrics,
      errors: errors.map(plainError),
      warnings: warnings.map(plainError),
      unmatchable: result.unmatchable,
      risk: result.risk,
      ruleCounts: result.ruleCounts,
      events: result.eventCount,
    });
  } else {
    const out = process.stdout;
    out.write(
      `${result.eventCount} events, ${compiled.pack.rules.length} rules, ${result.alerts.length} alerts in ${seconds.toFixed(2)} s\n\n`,
    );
    if (result.alerts.length > 0) out.write(`${table(result.alerts)}\n\n`);
    const byRule = Object.entries(result.ruleCounts).sort((a, b) => b[1] - a[1]);
    if (byRule.length > 0)
      out.write(
        `matches per rule:\n${byRule.map(([rule, n]) => `  ${String(n).padStart(6)}  ${rule}`).join('\n')}\n\n`,
      );
    out.write(`metrics: ${JSON.stringify(result.metrics)}\n`);
    if (result.unmatchable.length > 0) {
      out.write(`\n${result.unmatchable.length} rule(s) cannot match this data:\n`);
      for (const u of result.unmatchable) out.write(`  ${u.rule}: ${u.reason}\n`);
    }
    // A file of bad lines would print a line each: the first ones say what is wrong, then a count
    // (`--format json` lists them all).
    const diagnostics = [...errors, ...warnings];
    for (const diagnostic of diagnostics.slice(0, PRINTED_DIAGNOSTICS))
      process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    if (diagnostics.length > PRINTED_DIAGNOSTICS)
      process.stderr.write(
        `… and ${diagnostics.length - PRINTED_DIAGNOSTICS} more problems (all of them: --format json)\n`,
      );
  }
  // No event read and errors in the data (a misnamed, compressed or truncated export): nothing was
  // evaluated, so "0 alerts" must not pass for a clean run. Some events read and some bad rows
  // skipped is still a run (the bad rows are reported above): exit 0.
  if (nothingRead(dataset)) {
    process.stderr.write(
      `error: no event could be read from "${dataPath}" (its errors are listed above): nothing was evaluated\n`,
    );
    return 1;
  }
  return compiled.errors.length > 0 ? 1 : 0;
}
