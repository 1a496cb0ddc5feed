// `access-report --pack <pack> --data <dataset> [--format table|json]`: least-privilege and
// separation-of-duty findings. JSON is an object whose keys are finding kinds (unused_rights,
// sod_conflicts, denied_access, …), each a list of { user, resource, evidence, text, … }.
import {
  accessReport,
  compileAccessPolicies,
  FINDING_KINDS,
  type AccessReport,
} from '../../engine/access/index.ts';
import { makeJoiner } from '../../engine/event/join.ts';
import { loadPack } from '../../engine/load/index.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, requireOption } from '../args.ts';
import { inputPath } from '../input-path.ts';
import { readPack } from '../pack-files.ts';
import { nothingRead, readDataset } from '../read-dataset.ts';

const HEADINGS: Record<(typeof FINDING_KINDS)[number], string> = {
  unused_rights: 'Rights granted but unused (per user)',
  unused_role_rights: 'Rights unused by every holder of a role',
  excess_rights: 'Rights no access policy entitles',
  sod_conflicts: 'Separation-of-duty conflicts in the logs',
  sod_toxic_grants: 'Separation-of-duty conflicts in the grants',
  denied_access: 'Accesses the policy would have denied',
};

function table(report: AccessReport): string {
  const lines: string[] = [];
  for (const kind of FINDING_KINDS) {
    const findings = report[kind];
    lines.push(`${HEADINGS[kind]} — ${kind} (${findings.length})`);
    for (const f of findings) {
      const evidence =
        f.evidence.length > 0
          ? ` [events: ${f.evidence.slice(0, 6).join(', ')}${f.evidence.length > 6 ? ', …' : ''}]`
          : '';
      lines.push(`  - ${f.text}${evidence}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

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
  const loaded = loadPack(pack.files);
  const accessDocs = loaded.documents.filter((d) => d.kind === 'access');
  const { access, errors } = compileAccessPolicies(accessDocs);
  const dataset = await readDataset(await inputPath(dataPath));

  // Problems in the access documents make the report wrong: say so and fail. So does a document
  // that could not be read at all (a YAML syntax error): it may have been an access policy. Rules
  // that do not compile, and problems in the data, are reported, and the report still comes out.
  const accessFiles = new Set(accessDocs.map((d) => d.file));
  const fatal = [
    ...loaded.errors.filter((e) => e.severity === 'error'),
    ...errors.filter((e) => e.severity === 'error'),
  ];
  const notes = [
    ...pack.warnings.filter((w) => accessFiles.has(w.file)),
    ...loaded.errors.filter((e) => e.severity !== 'error' && accessFiles.has(e.file)),
    ...dataset.errors,
    ...errors.filter((e) => e.severity !== 'error'),
  ];
  if (accessDocs.length === 0)
    process.stderr.write(
      `warning: ${packPath} has no access documents (kind: access); only the dataset's grants are reviewed\n`,
    );
  for (const d of [...fatal, ...notes]) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (fatal.length > 0) return 1;

  const join = makeJoiner(dataset.context);
  const report = accessReport(access, dataset.events.map(join), dataset.context);
  if (format === 'json') printJson(report);
  else process.stdout.write(table(report));
  // No event read and errors in the data: the report covers nothing; say so and fail (as evaluate).
  if (nothingRead(dataset)) {
    process.stderr.write(
      `error: no event could be read from "${dataPath}" (its errors are listed above): the report covers no activity\n`,
    );
    return 1;
  }
  return 0;
}
