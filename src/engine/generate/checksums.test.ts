import { describe, it, expect } from 'vitest';
import { passesIbanMod97, passesLuhn } from './checksums.ts';
import { cardNumber, iban, ssn } from './content.ts';
import { streamFor } from './random.ts';

describe('checksums', () => {
  it.each([
    ['4111 1111 1111 1111', true],
    ['4111 1111 1111 1112', false],
    ['378282246310005', true],
    ['5555-5555-5555-4444', true],
  ])('Luhn %s → %s', (number, valid) => expect(passesLuhn(number)).toBe(valid));

  it.each([
    ['GB82 WEST 1234 5698 7654 32', true],
    ['DE89370400440532013000', true],
    ['DE89370400440532013001', false],
    ['NL91ABNA0417164300', true],
  ])('IBAN mod-97 %s → %s', (value, valid) => expect(passesIbanMod97(value)).toBe(valid));
});

describe('generated sensitive values', () => {
  const rng = streamFor(1, 'checksum-test');
  it('every generated card number passes Luhn', () => {
    for (let i = 0; i < 2000; i++) expect(passesLuhn(cardNumber(rng))).toBe(true);
  });
  it('every generated IBAN passes mod-97', () => {
    for (let i = 0; i < 2000; i++) expect(passesIbanMod97(iban(rng))).toBe(true);
  });
  it('SSNs avoid never-issued areas, groups and serials', () => {
    for (let i = 0; i < 2000; i++) {
      const [area, group, serial] = ssn(rng).split('-');
      expect(area).not.toMatch(/^(000|666|9\d\d)$/);
      expect(group).not.toBe('00');
      expect(serial).not.toBe('0000');
    }
  });
});
