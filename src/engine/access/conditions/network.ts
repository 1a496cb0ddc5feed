// networks: [CIDR, …] over `source.ip`; countries: [ISO code, …] over
// `source.geo.country_iso_code`. An event without the field is not held against the user.
import type { Diagnostic, LoadedDocument } from '../../types.ts';
import { documentError } from '../../correlate/diagnostic.ts';
import type { AccessCondition } from '../model.ts';

export function compileNetworks(
  value: unknown,
  doc: LoadedDocument,
  path: (string | number)[],
  errors: Diagnostic[],
): AccessCondition | null {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) {
    errors.push(documentError(doc, path, '`networks` must be a list of CIDR ranges such as 10.0.0.0/8'));
    return null;
  }
  const ranges: { text: string; base: number; mask: number }[] = [];
  list.forEach((item, i) => {
    const range = parseCidr(String(item));
    if (range) ranges.push({ text: String(item), ...range });
    else
      errors.push(
        documentError(
          doc,
          [...path, i],
          `"${String(item)}" is not an IPv4 CIDR range`,
          'e.g. 10.0.0.0/8 or 192.168.1.10/32',
        ),
      );
  });
  if (ranges.length !== list.length) return null;
  return {
    kind: 'networks',
    reads: ['source.ip'],
    requirement: `from ${ranges.map((r) => r.text).join(', ')}`,
    violation(event) {
      const ip = event['source.ip'];
      if (typeof ip !== 'string') return null;
      const address = parseIpv4(ip);
      if (address === null) return null;
      return ranges.some((r) => (address & r.mask) >>> 0 === r.base) ? null : `it came from ${ip}`;
    },
  };
}

export function compileCountries(
  value: unknown,
  doc: LoadedDocument,
  path: (string | number)[],
  errors: Diagnostic[],
): AccessCondition | null {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((c) => typeof c === 'string')) {
    errors.push(documentError(doc, path, '`countries` must be a list of ISO country codes such as DE, FR'));
    return null;
  }
  const codes = (list as string[]).map((c) => c.toUpperCase());
  return {
    kind: 'countries',
    reads: ['source.geo.country_iso_code'],
    requirement: `from ${codes.join(', ')}`,
    violation(event) {
      const country = event['source.geo.country_iso_code'];
      if (typeof country !== 'string') return null;
      return codes.includes(country.toUpperCase()) ? null : `it came from ${country}`;
    },
  };
}

function parseIpv4(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

function parseCidr(text: string): { base: number; mask: number } | null {
  const [ip, bits = '32'] = text.split('/');
  const address = parseIpv4(ip ?? '');
  const n = Number(bits);
  if (address === null || !Number.isInteger(n) || n < 0 || n > 32) return null;
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return { base: (address & mask) >>> 0, mask };
}
