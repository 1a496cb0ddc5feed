import { describe, expect, it } from 'vitest';
import { networkContains, parseAddress, parseNetwork } from './ip-network.ts';

const contains = (network: string, address: string) => networkContains(parseNetwork(network)!, address);

describe('IPv4-mapped IPv6 addresses are the IPv4 hosts they map (RFC 4291 2.5.5.2)', () => {
  it.each([
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['10.0.0.0/8', '::FFFF:10.1.2.3', true],
    ['10.0.0.0/8', '::ffff:a01:203', true],
    ['10.0.0.0/8', '0:0:0:0:0:ffff:10.1.2.3', true],
    ['10.0.0.0/8', '::ffff:11.1.2.3', false],
    ['10.0.0.0/8', '::10.1.2.3', false],
    ['::ffff:0:0/96', '10.1.2.3', true],
    ['::ffff:0:0/96', '::ffff:10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '10.255.0.1', true],
    ['::ffff:10.0.0.0/104', '11.0.0.1', false],
    ['::/0', '10.1.2.3', true],
    ['::/96', '10.1.2.3', false],
    ['fe80::/10', '10.1.2.3', false],
    ['0.0.0.0/0', '::1', false],
    ['0.0.0.0/0', 'fe80::1', false],
  ])('%s holds %s: %s', (network, address, expected) => {
    expect(contains(network, address)).toBe(expected);
  });
});

describe('addresses', () => {
  it('a dotted quad only ends an IPv6 address', () => {
    expect(parseAddress('::ffff:1.2.3.4')).toEqual({ version: 6, value: 0xffff01020304n });
    expect(parseAddress('1.2.3.4::')).toBeUndefined();
    expect(parseAddress('1.2.3.4::1')).toBeUndefined();
    expect(parseNetwork('1.2.3.4::/8')).toBeUndefined();
  });
});
