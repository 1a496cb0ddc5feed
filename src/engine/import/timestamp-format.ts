// Timestamps as logs write them → ISO 8601 in UTC, the only form events carry.
// A format is made of tokens YYYY MM M DD D HH H mm ss SSS (numeric fields also accept no zero
// padding: CERT writes both `01/02/2010 07:05:00` and `1/2/2010 7:05:00`), `A` (AM/PM), and
// literal characters; or one of the names `iso`, `epoch_ms`, `epoch_s`.

export type TimestampParser = (text: string) => string | undefined;

const TOKENS: [string, string, string][] = [
  ['YYYY', '(\\d{4})', 'year'],
  ['SSS', '(\\d{1,3})', 'ms'],
  ['MM', '(\\d{1,2})', 'month'],
  ['DD', '(\\d{1,2})', 'day'],
  ['HH', '(\\d{1,2})', 'hour'],
  ['hh', '(\\d{1,2})', 'hour'],
  ['mm', '(\\d{1,2})', 'minute'],
  ['ss', '(\\d{1,2})', 'second'],
  ['M', '(\\d{1,2})', 'month'],
  ['D', '(\\d{1,2})', 'day'],
  ['H', '(\\d{1,2})', 'hour'],
  ['h', '(\\d{1,2})', 'hour'],
  ['A', '([AaPp][Mm])', 'meridiem'],
];

/** `+02:00` / `-0530` / `Z` → minutes east of UTC. */
export function offsetMinutes(zone: string): number | undefined {
  if (zone === '' || zone === 'Z' || zone.toUpperCase() === 'UTC') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function isoFromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: number,
): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  const date = new Date(time);
  // Date.UTC rolls 31 February into March; a real log never writes that.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * Compiles a format once; the parser returns ISO 8601 (`2010-01-02T07:05:00Z`) or undefined.
 * `zone` is the zone the log was written in when the text carries none (default UTC).
 */
export function compileTimestampFormat(format: string, zone = 'Z'): TimestampParser | undefined {
  const offset = offsetMinutes(zone);
  if (offset === undefined) return undefined;
  if (format === 'iso') {
    return (text) => {
      const trimmed = text.trim();
      if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
      const withT = trimmed.includes('T') || !trimmed.includes(' ') ? trimmed : trimmed.replace(' ', 'T');
      const time = Date.parse(hasZone ? withT : withT + (offset === 0 ? 'Z' : zone));
      return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace('.000Z', 'Z');
    };
  }
  if (format === 'epoch_ms' || format === 'epoch_s') {
    const scale = format === 'epoch_ms' ? 1 : 1000;
    return (text) => {
      const n = Number(text.trim());
      // Past ±8.64e15 ms no Date holds it (1e300): not a time, rather than a thrown RangeError.
      if (text.trim() === '' || !(Math.abs(n * scale) <= 8.64e15)) return undefined;
      return new Date(n * scale).toISOString().replace('.000Z', 'Z');
    };
  }
  const fields: string[] = [];
  let pattern = '';
  let rest = format;
  outer: while (rest.length > 0) {
    for (const [token, regex, field] of TOKENS) {
      if (rest.startsWith(token)) {
        pattern += regex;
        fields.push(field);
        rest = rest.slice(token.length);
        continue outer;
      }
    }
    pattern += rest[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    rest = rest.slice(1);
  }
  if (!fields.includes('year') || !fields.includes('month') || !fields.includes('day')) return undefined;
  const regex = new RegExp(`^\\s*${pattern}\\s*$`);
  return (text) => {
    const match = regex.exec(text);
    if (!match) return undefined;
    const parts: Record<string, number> = { hour: 0, minute: 0, second: 0, ms: 0 };
    let meridiem: string | undefined;
    fields.forEach((field, i) => {
      const value = match[i + 1] ?? '';
      if (field === 'meridiem') meridiem = value.toUpperCase();
      else parts[field] = field === 'ms' ? Number(value.padEnd(3, '0')) : Number(value);
    });
    let hour = parts.hour ?? 0;
    if (meridiem === 'PM' && hour < 12) hour += 12;
    if (meridiem === 'AM' && hour === 12) hour = 0;
    return isoFromParts(
      parts.year ?? 0,
      parts.month ?? 0,
      parts.day ?? 0,
      hour,
      parts.minute ?? 0,
      parts.second ?? 0,
      parts.ms ?? 0,
      offset,
    );
  };
}
