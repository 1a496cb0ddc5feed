// A dataset as the UI holds it in memory: the bundle's events and context, read with the engine's
// bundle importer. The store (IndexedDB segments) takes this over once its client is wired in.
import type { DatasetContext, Diagnostic, EngineEvent, PackFile } from '../../engine/types.ts';
import { parseBundleFiles } from '../../engine/import/bundle.ts';

export interface LoadedDataset {
  id: string;
  title: string;
  description: string;
  events: EngineEvent[];
  context: DatasetContext;
  errors: Diagnostic[];
  /** Bytes of the source files, for the Data screen's size column. */
  bytes: number;
  period: { start: string; end: string } | null;
}

function periodOf(events: readonly EngineEvent[]): { start: string; end: string } | null {
  let start = '';
  let end = '';
  for (const e of events) {
    const t = e['@timestamp'];
    if (typeof t !== 'string') continue;
    if (start === '' || t < start) start = t;
    if (end === '' || t > end) end = t;
  }
  return start ? { start, end } : null;
}

export function datasetFromBundle(files: PackFile[], fallbackId: string): LoadedDataset {
  const result = parseBundleFiles(files);
  const manifest = {
    id: result.manifest?.id ?? fallbackId,
    title: result.manifest?.title ?? fallbackId,
    ...result.manifest,
  };
  return {
    id: manifest.id,
    title: manifest.title,
    description: manifest.description ?? '',
    events: result.events,
    context: {
      manifest,
      directory: result.directory,
      resources: result.resources,
      entitlements: result.entitlements,
      scenarios: result.scenarios,
    },
    errors: result.errors,
    bytes: files.reduce((n, f) => n + f.text.length, 0),
    period: manifest.period ?? periodOf(result.events),
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A user file read as text, with the name the importers report bad rows against. */
export interface NamedText {
  name: string;
  text: string;
}

function failure(file: string, message: string): { dataset: null; errors: Diagnostic[] } {
  return { dataset: null, errors: [{ file, line: 1, column: 1, path: '', severity: 'error', message }] };
}

/**
 * Reads texts with one of the engine's importers. Runs in the engine worker (see engine-client.ts), so
 * a large file never blocks the page. Bad rows come back as diagnostics with file and line.
 */
export async function importTexts(
  format: string,
  texts: readonly NamedText[],
  mappingText: string,
): Promise<{ dataset: LoadedDataset | null; errors: Diagnostic[] }> {
  const { IMPORTERS } = await import('../../engine/import/importers.ts');
  const importer = (
    IMPORTERS as Record<
      string,
      {
        import: (
          f: PackFile[],
          o?: { mapping?: unknown; mappingFile?: string },
        ) => ReturnType<typeof parseBundleFiles>;
      }
    >
  )[format];
  if (!importer) return failure('', `unknown format "${format}"`);
  let mapping: unknown;
  if (mappingText.trim()) {
    try {
      mapping = JSON.parse(mappingText);
    } catch (error) {
      return failure('mapping', `the mapping is not JSON: ${String(error)}`);
    }
  }
  const files = texts.map((t) => ({ name: t.name, text: t.text }));
  const result = importer.import(files, mapping === undefined ? {} : { mapping, mappingFile: 'mapping' });
  const baseName = (texts[0]?.name ?? 'import').replace(/^.*[/\\]/, '');
  const id = baseName.replace(/\.[^.]+$/, '');
  const manifest = { id, title: `Imported: ${texts.map((f) => f.name).join(', ')}`, ...result.manifest };
  return {
    dataset: {
      id: manifest.id,
      title: manifest.title,
      description: '',
      events: result.events,
      context: {
        manifest,
        directory: result.directory,
        resources: result.resources,
        entitlements: result.entitlements,
        scenarios: result.scenarios,
      },
      errors: result.errors,
      bytes: texts.reduce((n, f) => n + f.text.length, 0),
      period: periodOf(result.events),
    },
    errors: result.errors,
  };
}
