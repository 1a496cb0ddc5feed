// Every importer, registered in one table: the app's import dialog and the `import` command both
// list and pick from it. Each takes source files (name + text) and returns an ImportResult.
import { importCert } from './cert/index.ts';
import { parseCsvEvents } from './csv.ts';
import { parseEcsExport } from './ecs.ts';
import { parseJsonEvents } from './json.ts';
import { parseNdjson } from './ndjson.ts';
import { emptyImportResult, type ImportFile, type ImportProgress, type ImportResult } from './types.ts';

export interface ImportOptions {
  /** CSV only: the parsed mapping document. */
  mapping?: unknown;
  /** Name of the mapping file, for its diagnostics. */
  mappingFile?: string;
  onProgress?: ImportProgress;
}

export interface Importer {
  title: string;
  /** Whether a file of this name is one this importer reads (used to pick files from a folder). */
  accepts(name: string): boolean;
  import(files: readonly ImportFile[], options?: ImportOptions): ImportResult;
}

function eachFile(
  files: readonly ImportFile[],
  parse: (file: ImportFile) => { events: ImportResult['events']; errors: ImportResult['errors'] },
): ImportResult {
  const result = emptyImportResult();
  for (const file of files) {
    const part = parse(file);
    for (const event of part.events) result.events.push(event);
    for (const item of part.errors) result.errors.push(item);
  }
  return result;
}

const endsWith =
  (...exts: string[]) =>
  (name: string) =>
    exts.some((ext) => name.toLowerCase().endsWith(ext));

export const IMPORTERS = {
  ndjson: {
    title: 'NDJSON (one JSON event per line)',
    accepts: endsWith('.ndjson', '.jsonl'),
    import: (files) => eachFile(files, (f) => parseNdjson(f.text, f.name)),
  },
  json: {
    title: 'JSON (a list of events, or {"events": [...]})',
    accepts: endsWith('.json'),
    import: (files) => eachFile(files, (f) => parseJsonEvents(f.text, f.name)),
  },
  csv: {
    title: 'CSV with a field mapping',
    accepts: endsWith('.csv', '.tsv'),
    import: (files, options) =>
      eachFile(files, (f) =>
        parseCsvEvents(f.text, f.name, options?.mapping, options?.mappingFile, options?.onProgress),
      ),
  },
  ecs: {
    title: 'Elastic / ECS JSON export',
    accepts: endsWith('.json', '.ndjson', '.jsonl'),
    import: (files) => eachFile(files, (f) => parseEcsExport(f.text, f.name)),
  },
  cert: {
    title: 'CERT insider-threat dataset (r4.2, r5, r6)',
    accepts: endsWith('.csv'),
    import: (files, options) => importCert(files, options?.onProgress),
  },
} satisfies Record<string, Importer>;

export type ImporterFormat = keyof typeof IMPORTERS;
export const IMPORTER_FORMATS = Object.keys(IMPORTERS) as ImporterFormat[];
