// Sigma timespans: a whole number and one lowercase unit (s, m, h, d), e.g. `90m` for 1h30.

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a Sigma timespan, or null when it is not `<number><s|m|h|d>`. */
export function parseTimespan(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) return null;
  const count = Number(match[1]);
  const unit = UNIT_MS[match[2] ?? ''];
  if (!Number.isSafeInteger(count) || count <= 0 || unit === undefined) return null;
  return count * unit;
}

export const TIMESPAN_HINT = 'a whole number and a unit: 30s, 5m, 2h or 14d';
