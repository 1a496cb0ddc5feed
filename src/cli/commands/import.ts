// `import <file|folder> --out <bundle folder> [--format …] [--mapping file] [--strict]`: reads logs
// in any layout the importers know and writes a dataset bundle (docs/data-model.md). Bad rows are
// reported with file and line and skipped; the bundle's files are replaced together or not at all.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { IMPORTER_FORMATS, type ImporterFormat } from '../../engine/import/importers.ts';
import { BUNDLE_FILES } from '../../engine/import/bundle.ts';
import type { EngineEvent } from '../../engine/types.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, requireOption, UsageError } from '../args.ts';
import { makeFolder } from '../make-folder.ts';
import { readDataset, type LoadedDataset } from '../read-dataset.ts';

async function readMapping(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read mapping "${path}": no such file`);
  }
  try {
    // YAML is a superset of JSON, so one parser reads a mapping saved in either.
    return parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `mapping "${path}" is neither JSON nor YAML: ${error instanceof Error ? error.message : error}`,
    );
  }
}

async function writeEvents(path: string, events: readonly EngineEvent[]): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let buffer = '';
  for (const event of events) {
    buffer += JSON.stringify(event) + '\n';
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      buffer = '';
    }
  }
  stream.end(buffer);
  await done;
}

/** The files `writeBundle` writes, and its staged copies left by an interrupted import. */
function isBundleFile(name: string): boolean {
  const files: readonly string[] = Object.values(BUNDLE_FILES);
  const staged = /^\.(.+)\.importing$/.exec(name);
  return files.includes(staged ? staged[1]! : name);
}

/**
 * Refuses an `--out` folder that is not ours to overwrite: one holding anything but a bundle's files
 * (a pack, someone's logs), or a bundle's files without its manifest (not a bundle this command
 * wrote). A new or empty folder, or a bundle written before, is fine. Checked before anything is
 * read, so a long import does not end in a refusal.
 */
export async function checkOutFolder(out: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return; // Missing (made later), or not a folder (`makeFolder` says so).
  }
  if (names.length === 0) return;
  const others = names.filter((name) => !isBundleFile(name)).sort();
  if (others.length > 0) {
    const shown = others
      .slice(0, 3)
      .map((name) => `"${name}"`)
      .join(', ');
    const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
    throw new UsageError(
      `--out "${out}" holds files that are not a dataset bundle's (${shown}${more}): give a new or empty folder, or a bundle written before`,
    );
  }
  if (!names.includes(BUNDLE_FILES.manifest)) {
    throw new UsageError(
      `--out "${out}" holds bundle files but no ${BUNDLE_FILES.manifest}, so no bundle written before: give a new or empty folder`,
    );
  }
}

/** Writes every file next to its final name first, then renames them in: no half-written bundle. */
export async function writeBundle(out: string, dataset: LoadedDataset): Promise<void> {
  makeFolder(out);
  const { manifest, directory, resources, entitlements, scenarios } = dataset.context;
  const staged: [string, string][] = [];
  const stage = async (name: string, write: (path: string) => Promise<void>) => {
    const temp = join(out, `.${name}.importing`);
    await write(temp);
    staged.push([temp, join(out, name)]);
  };
  try {
    await stage(BUNDLE_FILES.manifest, (p) =>
      writeFile(p, JSON.stringify({ ...manifest, scenarios }, null, 2) + '\n'),
    );
    await stage(BUNDLE_FILES.events, (p) => writeEvents(p, dataset.events));
    await stage(BUNDLE_FILES.directory, (p) => writeFile(p, JSON.stringify(directory, null, 2) + '\n'));
    await stage(BUNDLE_FILES.resources, (p) => writeFile(p, JSON.stringify(resources, null, 2) + '\n'));
    await stage(BUNDLE_FILES.entitlements, (p) => writeFile(p, JSON.stringify(entitlements, null, 2) + '\n'));
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw error;
  }
  for (const [temp, final] of staged) await rename(temp, final);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      out: { type: 'string' },
      format: { type: 'string' },
      mapping: { type: 'string' },
      strict: { type: 'boolean' },
      report: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('import needs exactly one <file|folder> to read');
  const source = positionals[0]!;
  const out = requireOption(values.out, 'out');
  await checkOutFolder(out);
  let format: ImporterFormat | undefined;
  if (values.format !== undefined) {
    if (!(IMPORTER_FORMATS as string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of ${IMPORTER_FORMATS.join(', ')} (got "${values.format}")`);
    }
    format = values.format as ImporterFormat;
  }
  if (values.mapping !== undefined && format !== undefined && format !== 'csv') {
    throw new UsageError('--mapping applies to --format csv only');
  }
  const report = parseFormat(values.report, ['table', 'json']);
  const options: Parameters<typeof readDataset>[1] = {};
  if (format) options.format = format;
  if (values.mapping !== undefined) {
    options.mapping = await readMapping(values.mapping);
    options.mappingFile = values.mapping;
    if (!format) options.format = 'csv';
  }
  const dataset = await readDataset(source, options);
  const errors = dataset.errors.filter((d) => d.severity === 'error');
  const wrote = !(values.strict && errors.length > 0);
  if (wrote) await writeBundle(out, dataset);
  if (report === 'json') {
    printJson({
      out: wrote ? out : null,
      events: dataset.events.length,
      users: dataset.context.directory.length,
      scenarios: dataset.context.scenarios.map((s) => s.id),
      errors: dataset.errors,
    });
  } else {
    for (const d of dataset.errors) process.stderr.write(formatDiagnostic(d) + '\n');
    process.stdout.write(
      wrote
        ? `imported ${counted(dataset.events.length, 'event')}, ${counted(dataset.context.directory.length, 'user')}, ` +
            `${counted(dataset.context.scenarios.length, 'scenario')} into ${out}` +
            // Each error says itself whether its row was skipped or kept (a broken `AuditData` cell
            // keeps its row): the summary only counts them.
            (errors.length > 0
              ? ` (${errors.length} ${errors.length === 1 ? 'error' : 'errors'} reported above)`
              : '') +
            '\n'
        : `nothing written: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'} in the data and --strict\n`,
    );
  }
  return errors.length > 0 ? 1 : 0;
}

/** "1 event", "2 events". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
