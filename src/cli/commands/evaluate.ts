// `evaluate --pack <pack> --data <file|folder> [--format table|json]`: alerts, metrics and errors.
import { compilePack } from '../../engine/pack.ts';
import { runPack } from '../../engine/run/run-pack.ts';
import { formatRatio } from '../../engine/score/format-ratio.ts';
import type { Metrics } from '../../engine/score/metrics.ts';
import type { Alert, Diagnostic } from '../../engine/types.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { diagnosticMessage, parseCommandArgs, parseFormat, printJson, requireOption } from '../args.ts';
import { inputPath } from '../input-path.ts';
import { textTable } from '../text-table.ts';
import { readPack } from '../pack-files.ts';
import { nothingRead, readDataset } from '../read-dataset.ts';

/** A diagnostic as JSON: its message as the text form prints it, suggestion included. */
function plainError(diagnostic: Diagnostic) {
  const { file, line, column, path, severity } = diagnostic;
  return { file, line, column, message: diagnosticMessage(diagnostic), path, severity };
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
  return textTable(['timestamp', 'severity', 'action', 'rule', 'user', 'events'], rows, { maxWidth: 48 });
}

function duration(minutes: number | null): string {
  if (minutes === null) return '-';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The run's measures as a reader takes them in: the whole, each scenario, each rule that alerted. */
function metricsText(metrics: Metrics): string {
  const o = metrics.overall;
  // Logs without ground truth (no `labels.scenario`): nothing to measure alerts against.
  if (o.scenarios === 0)
    return `${o.alerts} alerts; no event carries labels.scenario, so precision and recall are not measured`;
  const lines = [
    `overall: precision ${formatRatio(o.precision)}, recall ${formatRatio(o.recall)}, F1 ${formatRatio(o.f1)}; ` +
      `${o.alerts} alerts (${o.true_positive_alerts} true, ${o.false_positive_alerts} false positive); ` +
      `${o.fp_per_1000_benign.toFixed(2)} false positives per 1,000 benign events; ` +
      `${o.scenarios_detected} of ${o.scenarios} scenarios detected, ${o.steps_detected} of ${o.steps} steps`,
  ];
  const scenarios = Object.entries(metrics.scenarios);
  if (scenarios.length > 0)
    lines.push(
      '',
      textTable(
        ['scenario', 'detected', 'first step', 'recall', 'time to detect'],
        scenarios.map(([id, m]) => [
          id,
          m.detected ? 'yes' : 'NO',
          m.first_detected_step === null ? '-' : `${m.first_detected_step} / ${m.steps}`,
          formatRatio(m.recall),
          duration(m.time_to_detect_minutes),
        ]),
        { maxWidth: 48, right: new Set([3]) },
      ),
    );
  const rules = Object.entries(metrics.rules).filter(([, m]) => m.alerts > 0);
  if (rules.length > 0)
    lines.push(
      '',
      textTable(
        ['rule', 'alerts', 'true', 'false', 'precision'],
        rules
          .sort((a, b) => b[1].alerts - a[1].alerts || a[0].localeCompare(b[0]))
          .map(([id, m]) => [id, String(m.alerts), String(m.tp), String(m.fp), formatRatio(m.precision)]),
        { maxWidth: 48, right: new Set([1, 2, 3, 4]) },
      ),
    );
  const silent = Object.values(metrics.rules).filter((m) => m.alerts === 0).length;
  if (silent > 0) lines.push(`(${silent} more rules raised no alert; all of them: --format json)`);
  const a = metrics.actions;
  lines.push(
    '',
    `actions: ${a.blocked_malicious_events} malicious and ${a.blocked_benign_events} benign events blocked, ` +
      `${a.warned_malicious_events} and ${a.warned_benign_events} warned; ` +
      `${a.prevented_damaging_steps} of ${a.damaging_steps} damaging steps prevented`,
  );
  return lines.join('\n');
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
  const dataset = await readDataset(await inputPath(dataPath));
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
    out.write(`${metricsText(result.metrics)}\n`);
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
