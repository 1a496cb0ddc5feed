// What the page holds of a dataset: a DatasetSummary (counts, period, context, field names and the
// labelled events: the ground truth the truth index, scenario screen and why-not list need), built
// while a dataset is read or generated, and kept beside a stored dataset in its manifest so the next
// visit lists it without reading its events.
import type { DatasetContext, Diagnostic, EngineEvent } from '../../engine/types.ts';
import type { DatasetRecord } from '../../store/records.ts';
import type { LoadedDataset } from './dataset-adapter.ts';

/** What the page knows of a dataset (the events stay in the store or the engine worker). */
export interface DatasetSummary {
  id: string;
  title: string;
  description: string;
  eventCount: number;
  /** Bytes of the source files, for the Data screen's size column. */
  bytes: number;
  period: { start: string; end: string } | null;
  context: DatasetContext;
  errors: Diagnostic[];
  /** Every field name an event carries (filter and editor completion). */
  fields: string[];
  /** Distinct `user.name` and `event.category` values (the explorer's filter choices). */
  users: string[];
  categories: string[];
  /** The events with a `labels.scenario`, in dataset order. */
  labelled: EngineEvent[];
  /** `classroom`, `generator` or `import`. */
  source: string;
  createdAt: number;
}

/** What the store keeps of a summary beside the dataset (in its manifest, under `app`). */
export interface StoredSummary {
  version: typeof STORED_SUMMARY_VERSION;
  description: string;
  bytes: number;
  fields: string[];
  labelled: EngineEvent[];
  /** For the classroom bundle: a hash of its files, so an unchanged bundle is not written again. */
  fingerprint?: string;
}

export const STORED_SUMMARY_VERSION = 1;

/** Gathers a summary's facts one event at a time (a generated dataset streams past once). */
export class SummaryBuilder {
  count = 0;
  private readonly fields = new Set<string>();
  private readonly users = new Set<string>();
  private readonly categories = new Set<string>();
  private readonly labelled: EngineEvent[] = [];
  private start = '';
  private end = '';

  add(event: EngineEvent): void {
    this.count++;
    for (const field in event) this.fields.add(field);
    const user = event['user.name'];
    if (typeof user === 'string' && user) this.users.add(user);
    const category = event['event.category'];
    if (typeof category === 'string' && category) this.categories.add(category);
    const scenario = event['labels.scenario'];
    if (typeof scenario === 'string' && scenario) this.labelled.push(event);
    const t = event['@timestamp'];
    if (typeof t === 'string') {
      if (this.start === '' || t < this.start) this.start = t;
      if (this.end === '' || t > this.end) this.end = t;
    }
  }

  /** First and last `@timestamp` seen. */
  period(): { start: string; end: string } | null {
    return this.start ? { start: this.start, end: this.end } : null;
  }

  summary(
    dataset: Omit<LoadedDataset, 'events' | 'period'> & { period?: LoadedDataset['period'] },
    source: string,
  ): DatasetSummary {
    return {
      id: dataset.id,
      title: dataset.title,
      description: dataset.description,
      eventCount: this.count,
      bytes: dataset.bytes,
      period: dataset.period ?? this.period(),
      context: dataset.context,
      errors: dataset.errors,
      fields: [...this.fields].sort(),
      users: [...this.users].sort(),
      categories: [...this.categories].sort(),
      labelled: this.labelled,
      source,
      createdAt: Date.now(),
    };
  }
}

/** The summary of a dataset held in memory. */
export function summarise(dataset: LoadedDataset, source: string): DatasetSummary {
  const builder = new SummaryBuilder();
  for (const event of dataset.events) builder.add(event);
  return builder.summary(dataset, source);
}

/** The part of a summary the store keeps (the rest comes from the dataset record). */
export function storedSummary(summary: DatasetSummary, fingerprint?: string): StoredSummary {
  return {
    version: STORED_SUMMARY_VERSION,
    description: summary.description,
    bytes: summary.bytes,
    fields: summary.fields,
    labelled: summary.labelled,
    ...(fingerprint ? { fingerprint } : {}),
  };
}

/** The summary a stored manifest carries, if it carries one this version reads. */
export function storedSummaryOf(manifest: DatasetContext['manifest']): StoredSummary | null {
  const app = (manifest as { app?: Partial<StoredSummary> }).app;
  return app?.version === STORED_SUMMARY_VERSION ? (app as StoredSummary) : null;
}

/** A manifest without the app's stored summary (what the engine and the page see). */
export function plainManifest(manifest: DatasetContext['manifest']): DatasetContext['manifest'] {
  const { app: _app, ...rest } = manifest as DatasetContext['manifest'] & { app?: unknown };
  return rest;
}

/**
 * The summary of a stored dataset: counts, period, users and categories from its record, the rest
 * from the stored summary (or, for a dataset stored without one, from `fallback`).
 */
export function summaryFromRecord(
  record: DatasetRecord,
  context: DatasetContext,
  fallback: { fields: string[]; labelled: EngineEvent[] } | null = null,
): DatasetSummary {
  const app = storedSummaryOf(record.manifest);
  const users = new Set<string>();
  const categories = new Set<string>();
  for (const segment of record.segments) {
    for (const u of segment.users) users.add(u);
    for (const c of segment.categories) categories.add(c);
  }
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const manifest = plainManifest(record.manifest);
  return {
    id: record.id,
    title: record.title,
    description: app?.description ?? manifest.description ?? '',
    eventCount: record.eventCount,
    bytes: app?.bytes ?? record.segments.reduce((n, s) => n + s.bytes, 0),
    period:
      manifest.period ??
      (Number.isFinite(record.start) && Number.isFinite(record.end)
        ? { start: iso(record.start), end: iso(record.end) }
        : null),
    context: { ...context, manifest },
    errors: record.importErrors,
    fields: app?.fields ?? fallback?.fields ?? [],
    users: [...users].sort(),
    categories: [...categories].sort(),
    labelled: app?.labelled ?? fallback?.labelled ?? [],
    source: record.source,
    createdAt: record.createdAt,
  };
}
