// IPv4 and IPv6 addresses and CIDR networks as bigints, for the `cidr` modifier.

export interface Network {
  version: 4 | 6;
  base: bigint;
  prefix: number;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  const zoneless = text.split('%')[0] ?? '';
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  // A dotted quad can only end the address (`::ffff:10.0.0.1`, not `10.0.0.1::`).
  const groups = (half: string | undefined, last: boolean): number[] | undefined => {
    if (!half) return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0], halves.length === 1);
  const tail = groups(halves[1], true);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return all.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

export function parseAddress(text: string): { version: 4 | 6; value: bigint } | undefined {
  const trimmed = text.trim();
  const v4 = parseIPv4(trimmed);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = trimmed.includes(':') ? parseIPv6(trimmed.replace(/^\[|\]$/g, '')) : undefined;
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

export function parseNetwork(text: string): Network | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || address === undefined) return undefined;
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  const bits = parsed.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(bits)) || prefix > bits) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { version: parsed.version, base: parsed.value & mask, prefix };
}

/** `::ffff:0:0/96`'s first 96 bits: an IPv4-mapped IPv6 address is `MAPPED | ipv4`. */
const MAPPED = 0xffffn << 32n;

/**
 * Whether the address lies in the network. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, RFC 4291
 * 2.5.5.2: how a dual-stack socket logs an IPv4 client) is the IPv4 host it maps, written otherwise,
 * so each form is in a network that holds the other: `::ffff:10.1.2.3` in `10.0.0.0/8`, and
 * `10.1.2.3` in `::ffff:0:0/96` (every IPv4 address) or `::ffff:10.0.0.0/104`. Other IPv6 networks
 * (`fe80::/10`, the deprecated IPv4-compatible `::/96`) hold no IPv4 address but through `::/0`.
 */
export function networkContains(network: Network, address: string): boolean {
  let parsed = parseAddress(address);
  if (!parsed) return false;
  if (parsed.version !== network.version) {
    if (network.version === 4 && parsed.value >> 32n === 0xffffn) {
      parsed = { version: 4, value: parsed.value & 0xffffffffn };
    } else if (network.version === 6 && parsed.version === 4) {
      parsed = { version: 6, value: MAPPED | parsed.value };
    } else return false;
  }
  const bits = network.version === 4 ? 32 : 128;
  const shift = BigInt(bits - network.prefix);
  return parsed.value >> shift === network.base >> shift;
}
