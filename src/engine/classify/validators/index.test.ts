// Each validator against published test vectors, and the near misses it must reject.
import { describe, expect, it } from 'vitest';
import { VALIDATORS } from './index.ts';

const check = (name: string, value: string): boolean => {
  const validator = VALIDATORS[name];
  if (!validator) throw new Error(`no validator ${name}`);
  return validator(value);
};

describe('luhn (payment cards)', () => {
  it.each([
    ['Visa', '4111 1111 1111 1111'],
    ['Visa', '4012888888881881'],
    ['Mastercard', '5555555555554444'],
    ['Mastercard', '5105-1051-0510-5100'],
    ['Amex', '378282246310005'],
    ['Amex', '3714 496353 98431'],
    ['Discover', '6011111111111117'],
    ['Discover', '6011000990139424'],
  ])('accepts the %s test number %s', (_brand, number) => {
    expect(check('luhn', number)).toBe(true);
  });

  it.each(['4111111111111112', '5555555555554445', '378282246310006', '6011111111111118'])(
    'rejects %s (one digit off)',
    (number) => expect(check('luhn', number)).toBe(false),
  );

  it('rejects numbers too short or long for a card and anything that is not digits', () => {
    expect(check('luhn', '00000000000')).toBe(false);
    expect(check('luhn', '41111111111111111111')).toBe(false);
    expect(check('luhn', '4111x1111x1111x1111')).toBe(false);
  });
});

describe('iban (mod-97 and country length)', () => {
  it.each([
    'DE89 3704 0044 0532 0130 00',
    'GB82 WEST 1234 5698 7654 32',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'BE68539007547034',
    'CH9300762011623852957',
    'ES9121000418450200051332',
    'IT60X0542811101000000123456',
    'NO9386011117947',
    'PL61109010140000071219812874',
    'gb82west12345698765432',
  ])('accepts %s', (value) => expect(check('iban', value)).toBe(true));

  it.each([
    ['a wrong check digit', 'GB82 WEST 1234 5698 7654 31'],
    ['a changed account digit', 'DE89 3704 0044 0532 0130 01'],
    ['a length the country does not use', 'DE89 3704 0044 0532 0130 0'],
    ['an unknown country', 'XX82 WEST 1234 5698 7654 32'],
    ['no check digits', 'GBWEST12345698765432'],
  ])('rejects %s', (_why, value) => expect(check('iban', value)).toBe(false));
});

describe('aba (routing checksum)', () => {
  it.each(['021000021', '011000015', '122105155', '0260-0959-3'])('accepts %s', (value) =>
    expect(check('aba', value)).toBe(true),
  );
  it('rejects a wrong check digit, a prefix no Federal Reserve bank uses, and zeroes', () => {
    expect(check('aba', '021000022')).toBe(false);
    expect(check('aba', '500000005')).toBe(false);
    expect(check('aba', '000000000')).toBe(false);
    expect(check('aba', '02100002')).toBe(false);
  });
});

describe('us-ssn (area, group and serial rules)', () => {
  it('accepts an issuable number, formatted or not', () => {
    expect(check('us-ssn', '536-22-1847')).toBe(true);
    expect(check('us-ssn', '536221847')).toBe(true);
    expect(check('us-ssn', '899-99-9999')).toBe(true);
  });
  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 900', '900-12-3456'],
    ['area 999', '999-12-3456'],
    ['group 00', '123-00-4567'],
    ['serial 0000', '123-45-0000'],
    ['eight digits', '123-45-678'],
  ])('rejects %s', (_why, value) => expect(check('us-ssn', value)).toBe(false));
});

describe('other validators', () => {
  it('verhoeff: the textbook 236 → 3, and a changed digit fails', () => {
    expect(check('verhoeff', '2363')).toBe(true);
    expect(check('verhoeff', '2364')).toBe(false);
    expect(check('verhoeff', '2346 1234 1236')).toBe(false);
    expect(check('verhoeff', '2341 2341 2346')).toBe(true);
  });
  it('de-tax-id: MOD 11,10 check digit and the repeated-digit rule', () => {
    expect(check('de-tax-id', '86095742719')).toBe(true);
    expect(check('de-tax-id', '47 036 892 816')).toBe(true);
    expect(check('de-tax-id', '86095742718')).toBe(false);
    expect(check('de-tax-id', '12345678901')).toBe(false);
    expect(check('de-tax-id', '06095742719')).toBe(false);
    // A digit three times is allowed, but not three times in a row (BZSt).
    expect(check('de-tax-id', '11123456786')).toBe(false);
    expect(check('de-tax-id', '11213456783')).toBe(true);
    // Two digits repeated, or one digit four times: never issued.
    expect(check('de-tax-id', '11223456785')).toBe(false);
  });
  it('uk-nino: allocated prefixes and suffixes only', () => {
    expect(check('uk-nino', 'AB 12 34 56 C')).toBe(true);
    expect(check('uk-nino', 'JP123456A')).toBe(true);
    expect(check('uk-nino', 'QQ123456C')).toBe(false);
    expect(check('uk-nino', 'GB123456A')).toBe(false);
    expect(check('uk-nino', 'AO123456A')).toBe(false);
    expect(check('uk-nino', 'AB123456E')).toBe(false);
  });
  it('swift-bic: a real country code, 8 or 11 characters', () => {
    expect(check('swift-bic', 'DEUTDEFF')).toBe(true);
    expect(check('swift-bic', 'DEUTDEFF500')).toBe(true);
    expect(check('swift-bic', 'DEUTXXFF')).toBe(false);
    expect(check('swift-bic', 'DEUTDEFF50')).toBe(false);
  });
  it('email: the domain ends in a delegated top-level domain', () => {
    for (const address of [
      'a@acme.com',
      'anna@studio.photography',
      'B@SHOP.MUSEUM',
      'иван@пример.рф',
      'x@y.xn--p1ai',
    ])
      expect(check('email', address), address).toBe(true);
    for (const shaped of [
      'bar@latest.tag',
      'Card@v2.tsx',
      'nas@home.lan',
      'qa@test.invalid',
      'a@b.local',
      'host@box',
    ])
      expect(check('email', shaped), shaped).toBe(false);
  });
  it('jwt: the jwt.io example decodes to a header with alg', () => {
    const token =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(check('jwt', token)).toBe(true);
    expect(check('jwt', 'eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2ln')).toBe(false);
    expect(check('jwt', 'abc.def.ghi')).toBe(false);
    expect(check('jwt', 'only.two')).toBe(false);
  });
});
