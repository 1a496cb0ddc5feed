// What the baselines share: UTC days, the dataset's start, the directory as a lookup, mean and
// standard deviation, and numbers a reviewer can read.
import type { DatasetContext, DirectoryUser, EventValue } from '../../types.ts';
import { fieldOf, numberOf } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';

export const DAY_MS = 86_400_000;

export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The dataset's first day: its declared period, else the earliest occurrence seen. */
export function datasetStart(ctx: DatasetContext, occurrences: readonly Occurrence[]): number {
  const declared = ctx.manifest.period?.start ? Date.parse(ctx.manifest.period.start) : NaN;
  if (Number.isFinite(declared)) return declared;
  let min = Infinity;
  for (const o of occurrences) if (o.time < min) min = o.time;
  return Number.isFinite(min) ? min : 0;
}

export function directoryIndex(ctx: DatasetContext): Map<string, DirectoryUser> {
  return new Map(ctx.directory.map((u) => [u.name, u]));
}

/** A directory fact by dotted path (`department`, `hr.resignation_date`). */
export function directoryFact(user: DirectoryUser | undefined, path: string): unknown {
  let value: unknown = user;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Per occurrence: the summed field, or 1 (counting events) when the baseline names no field. */
export function amountOf(correlation: CompiledCorrelation, item: Occurrence): number {
  const field = correlation.baseline?.fields[0];
  if (field === undefined) return 1;
  return numberOf(fieldOf(correlation, item, field)) ?? 0;
}

export function meanAndDeviation(values: readonly number[]): { mean: number; sigma: number } {
  if (values.length === 0) return { mean: 0, sigma: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, sigma: Math.sqrt(squares / values.length) };
}

/** "3.2 GB" for byte fields, "14" for counts: the unit follows the field's name. */
export function formatAmount(value: number, field: string | undefined): string {
  if (field && /(\.size|bytes)$/.test(field)) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = value;
    let u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u += 1;
    }
    return `${u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function measureName(correlation: CompiledCorrelation): string {
  const field = correlation.baseline?.fields[0];
  return field ? `total ${field}` : `events of ${correlation.rules.join(', ')}`;
}

export function asText(value: EventValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v) => v !== null).map((v) => String(v));
  return [String(value)];
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
