// The default pack against the classify probe's findings (probe-classify.md): what a match spans,
// card brands and contexts, keywords in other languages and as field names, e-mail next to CJK
// text, routing evidence; and that no noise case of the probe becomes a match.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchesTable } from '../../cli/commands/classify.ts';
import { loadPack } from '../load/load-pack.ts';
import { compileClassifiers } from './index.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const folder = join(root, 'policies/default/classifiers');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ name: `policies/default/classifiers/${f}`, text: readFileSync(join(folder, f), 'utf8') }));
const loaded = loadPack(files);
const { classifiers, errors } = compileClassifiers(loaded.documents.filter((d) => d.kind === 'classifier'));

const found = (text: string, only?: string) =>
  classifiers
    .scan(text, 'content')
    .filter((s) => only === undefined || s.classifier === only)
    .map((s) => [s.classifier, text.slice(s.start, s.end), s.level]);

describe('default pack: private key span', () => {
  it('compiles (the block pattern passes the backtracking check)', () => {
    expect([...loaded.errors, ...errors]).toEqual([]);
  });

  it('spans the whole block through its END line, so masking hides the key material', () => {
    const key =
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEe\n-----END RSA PRIVATE KEY-----';
    expect(found(`${key}\nand more`)).toEqual([['private-key', key, 'high']]);
    const pgp = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----';
    const json = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----';
    expect(found(`${pgp} x {"private_key": "${json}\\n"}`)).toEqual([
      ['private-key', pgp, 'high'],
      ['private-key', json, 'high'],
    ]);
  });

  it('runs to the end of the text when the END line is missing', () => {
    expect(found('x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt')).toEqual([
      ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt', 'high'],
    ]);
  });

  it('stays linear on many headers without an END line', () => {
    const text = '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(50_000);
    const started = performance.now();
    expect(classifiers.scan(text, 'content').filter((s) => s.classifier === 'private-key')).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('default pack: supporting evidence as reported', () => {
  it('names a supporting regex match (an expiry date) without its text, in the table too', () => {
    const spans = classifiers.scan('card 4111 1111 1111 1111 exp 12/27', 'content');
    expect(spans[0]?.decidedBy.supporting).not.toContain('12/27');
    expect(matchesTable(spans)).not.toContain('12/27');
  });
});

describe('default pack: card brands and contexts', () => {
  const cards = (text: string) => found(text, 'credit-card-number').map(([, value, level]) => [value, level]);

  it('finds Diners Club, UnionPay and Maestro test numbers next to card words', () => {
    const text = [
      'Diners 3056 9300 0902 0004 exp 12/27',
      'Diners (14) 36227206271667 exp 12/27',
      'Diners 3622 720627 1667 exp 12/27',
      'UnionPay card 6200000000000005 exp 12/27',
      'UnionPay 19-digit card 6205500000000000004 exp 12/27',
      'Maestro card 6759649826438453 exp 12/27',
      'Maestro (Adyen) card 6771 7980 2100 0008 exp 12/27',
    ].join('\n');
    expect(cards(text)).toEqual([
      ['3056 9300 0902 0004', 'high'],
      ['36227206271667', 'high'],
      ['3622 720627 1667', 'high'],
      ['6200000000000005', 'high'],
      ['6205500000000000004', 'high'],
      ['6759649826438453', 'high'],
      ['6771 7980 2100 0008', 'high'],
    ]);
    expect(cards('Visa/MC 3622 720627 1667 exp 09/28')).toEqual([['3622 720627 1667', 'high']]);
  });

  it('reports Maestro and UnionPay (most numbers starting with 5 or 6) only with card evidence', () => {
    expect(cards('ref 6759649826438453 and 6200000000000005')).toEqual([]);
    // Diners Club is a narrow range: the checksum alone gives medium, as for the other brands.
    expect(cards('ref 36227206271667')).toEqual([['36227206271667', 'medium']]);
  });

  it('finds cards next to a CVV, an id or a year, Amex in 4-4-4-3, and grouped cards in a row', () => {
    expect(cards('card 4111111111111111 123')).toEqual([['4111111111111111', 'high']]);
    expect(cards('Visa 4111-1111-1111-1111 123 exp 1227')).toEqual([['4111-1111-1111-1111', 'high']]);
    expect(cards('txn 8842 4111111111111111 approved')).toEqual([['4111111111111111', 'medium']]);
    expect(cards('Paid 2026 4111 1111 1111 1111 exp 12/27')).toEqual([['4111 1111 1111 1111', 'high']]);
    expect(cards('visa 4111 1111 1111 1111 2027')).toEqual([['4111 1111 1111 1111', 'high']]);
    expect(cards('AMEX: 3782 8224 6310 005 exp 12/27')).toEqual([['3782 8224 6310 005', 'high']]);
    expect(cards('cards on file: 4111 1111 1111 1111 5555 5555 5555 4444')).toEqual([
      ['4111 1111 1111 1111', 'high'],
      ['5555 5555 5555 4444', 'high'],
    ]);
    expect(cards('visa 4111 1111 1111 1111 3782 822463 10005')).toEqual([
      ['4111 1111 1111 1111', 'high'],
      ['3782 822463 10005', 'high'],
    ]);
    expect(cards(`cards ${'4111 1111 1111 1111 5555 5555 5555 4444 '.repeat(2)}`)).toHaveLength(4);
    // A first group that reads as a card but fails the checksum does not hide the card after it.
    expect(cards('Paid 4026 4111 1111 1111 1111 exp 12/27')).toEqual([['4111 1111 1111 1111', 'high']]);
  });

  it('finds nothing in the probe noise: ISBNs, UUIDs, timestamps, tracking numbers, IMEIs, IPs, versions', () => {
    const noise = [
      'ISBN 978-3-16-148410-0 and 9780306406157',
      'id 123e4567-e89b-12d3-a456-426614174000',
      'ts=1700000000000 epochms 1712345678901234 at 2026-11-30 12:13:41',
      'UPS 1Z999AA10123456784, FedEx 7489 1234 5678, USPS 9400 1000 0000 0000 0000 00',
      'USPS 9205 5000 0000 0000 0000 00 and 9400 1118 9922 3397 6543 21',
      'IMEI 35-209900-176148-1 and 352099001761481',
      'from 192.168.100.200 and 10.0.0.1, version 4.11.1111.1111',
      'total 1 234 567,89 EUR and $4,111,111.11',
    ].join('\n');
    expect(found(noise, 'credit-card-number')).toEqual([]);
  });
});

describe('default pack: keywords', () => {
  it('takes field names and card words of other languages as card evidence', () => {
    for (const text of [
      '{"card_number":"4111111111111111"}',
      'cardNumber 5555555555554444',
      'Kreditkarte 4111111111111111',
      'Kartennummer: 4111111111111111',
      'carte bancaire 4111111111111111',
      'numéro de carte 4111111111111111',
      'tarjeta 4111111111111111',
      'número de tarjeta 4111111111111111',
      'cc# 4111111111111111',
      'ccn 4111111111111111',
      'クレジットカード番号：4111111111111111',
      'カード番号は4111111111111111です',
      '信用卡号码4111111111111111',
      '신용카드 번호 4111111111111111',
    ])
      expect(
        found(text, 'credit-card-number').map(([, , level]) => level),
        text,
      ).toEqual(['high']);
  });

  it('takes social_security_number and ssn# as SSN evidence', () => {
    expect(found('{"social_security_number":"536-22-1234"}', 'us-ssn')).toEqual([
      ['us-ssn', '536-22-1234', 'high'],
    ]);
    expect(found('ssn#536-22-1234', 'us-ssn')).toEqual([['us-ssn', '536-22-1234', 'high']]);
  });
});

describe('default pack: e-mail addresses next to CJK text', () => {
  it('keeps CJK letters out of the address, and Latin letters with diacritics in', () => {
    expect(
      found('メールはtaro@softbank.jpです 请联系zhang.wei@alibaba.com谢谢 문의는hong@naver.com으로'),
    ).toEqual([
      ['email-address', 'taro@softbank.jp', 'high'],
      ['email-address', 'zhang.wei@alibaba.com', 'high'],
      ['email-address', 'hong@naver.com', 'high'],
    ]);
    expect(found('Mail an jürgen@müller.de bitte')).toEqual([['email-address', 'jürgen@müller.de', 'high']]);
  });

  it('does not start an address with a dot', () => {
    expect(found('.jane@acme.com')).toEqual([['email-address', 'jane@acme.com', 'high']]);
  });
});

describe('default pack: routing numbers', () => {
  it('needs a routing term: "account" or "bank" alone is no evidence', () => {
    expect(found('Your account reference is 021000021. Thanks, the billing team')).toEqual([]);
    expect(found('bank account 021000021', 'aba-routing-number')).toEqual([]);
    expect(found('Routing number: 021000021, account 12345678', 'aba-routing-number')).toEqual([
      ['aba-routing-number', '021000021', 'medium'],
    ]);
    expect(found('ABA routing number 021000021')).toEqual([['aba-routing-number', '021000021', 'high']]);
  });
});

// The second probe: text the pack had never seen (package specifiers, code, bank letters, phone
// numbers with country codes, SSNs typed in word processors, PuTTY key files).
describe('default pack: e-mail shapes that are not addresses', () => {
  const emails = (text: string) => found(text, 'email-address').map(([, value]) => value);

  it('refuses domains that end in no delegated top-level domain: tags, files, private hosts', () => {
    for (const text of [
      'npx create-next-app bar@latest.tag',
      'import Card from "./Card@v2.tsx"; see file@helper.js',
      'printer@office.local and nas@home.lan, qa@test.invalid',
      'z = self.w@self.x.shape',
      'npm i @scope/pkg@1.2.3 @babel/core@7.24.0 lodash@4.17.21',
      'build@v2.zip and demo@intro.mov',
    ])
      expect(emails(text), text).toEqual([]);
  });

  it('refuses a host followed by a path (scp, git remotes) and never cuts a longer domain', () => {
    expect(emails('git clone git@github.com:acme/payments.git')).toEqual([]);
    expect(emails('scp a.tgz deploy@web01.corp.com.au:/srv/')).toEqual([]);
    expect(emails('mail deploy@web01.corp.com.au: thanks')).toEqual(['deploy@web01.corp.com.au']);
  });

  it('keeps real addresses: new gTLDs, upper case, internationalised domains', () => {
    expect(
      emails('anna@studio.photography, PAT.LEE@MERIDIAN.ONLINE, иван@пример.рф, θεόδωρος@παράδειγμα.ελ'),
    ).toEqual([
      'anna@studio.photography',
      'PAT.LEE@MERIDIAN.ONLINE',
      'иван@пример.рф',
      'θεόδωρος@παράδειγμα.ελ',
    ]);
    expect(emails('info@xn--mller-kva.de and ops@mail.corp.acme.global.')).toEqual([
      'info@xn--mller-kva.de',
      'ops@mail.corp.acme.global',
    ]);
  });
});

describe('default pack: SWIFT/BIC codes', () => {
  const bics = (text: string) => found(text, 'swift-bic').map(([, value]) => value);

  it('finds an all-letter code right after a SWIFT or BIC label', () => {
    expect(bics('SWIFT/BIC: BNPAFRPP')).toEqual(['BNPAFRPP']);
    expect(bics('Beneficiary bank BIC COBADEFFXXX')).toEqual(['COBADEFFXXX']);
    expect(bics('"swift_code": "CHASUS33"')).toEqual(['CHASUS33']);
    expect(bics('SWIFT="HSBCHKHH"')).toEqual(['HSBCHKHH']);
    expect(bics('correspondent bank HSBCHKHHHKH (SWIFT), BARCLAYS (London)')).toEqual(['HSBCHKHHHKH']);
  });

  it('finds a code with a digit next to a bank keyword', () => {
    expect(bics('Our SWIFT code is NWBKGB2L for wires')).toEqual(['NWBKGB2L']);
    expect(bics('IBAN GB82 WEST 1234 5698 7654 32, bank code BARCGB22')).toEqual(['BARCGB22']);
  });

  it('does not take capital words near bank words for codes', () => {
    for (const text of [
      'Beneficiary bank: BARCLAYS BANK PLC, London',
      'Bank: DEUTSCHE BANK AG; CITIBANK N.A.; RABOBANK; POSTBANK (SWIFT transfer)',
      'SWIFT TRANSACTION REPORT for COMMERZBANK',
      'the BENEFICIARY ADDRESS is on the SWIFT form',
    ])
      expect(bics(text), text).toEqual([]);
  });
});

describe('default pack: phone numbers', () => {
  const phones = (text: string) => found(text, 'phone-number').map(([, value]) => value);

  it('spans a number with its country code and a bracketed trunk prefix', () => {
    expect(phones('call +44 20 7946 0958 today')).toEqual(['+44 20 7946 0958']);
    expect(phones('phone +1 (415) 867-5309')).toEqual(['+1 (415) 867-5309']);
    expect(phones('Tel: +44 (0)20 7946 0958')).toEqual(['+44 (0)20 7946 0958']);
    expect(phones('Tel. +41 (0)44 668 18 00')).toEqual(['+41 (0)44 668 18 00']);
  });

  it('does not read invoice and order numbers as phone numbers', () => {
    expect(phones('invoice INV-415-867-5309-A')).toEqual([]);
    expect(phones('Order #884-221-9034 shipped')).toEqual([]);
    expect(phones('ref 2024.415.867.5309')).toEqual([]);
    expect(phones('call 415-867-5309.')).toEqual(['415-867-5309']);
    expect(phones('Tel.+44 20 7946 0958 and Tel.415-867-5309')).toEqual(['+44 20 7946 0958', '415-867-5309']);
  });
});

describe('default pack: SSNs typed with Unicode dashes and spaces', () => {
  const ssns = (text: string) => found(text, 'us-ssn').map(([, value, level]) => [value, level]);

  it('reads every dash from hyphen to horizontal bar, minus, and thin, hair and no-break spaces', () => {
    for (const separator of [
      '\u2010',
      '\u2011',
      '\u2012',
      '\u2013',
      '\u2014',
      '\u2015',
      '\u2212',
      '\u00a0',
      '\u2009',
      '\u200a',
      '\u202f',
    ]) {
      const ssn = `536${separator}22${separator}1847`;
      expect(ssns(`SSN ${ssn}`), JSON.stringify(separator)).toEqual([[ssn, 'high']]);
    }
  });

  it('still refuses the areas never issued (000, 666, 900-999), group 00 and serial 0000', () => {
    expect(
      ssns('SSN 666\u201422\u20141847, 912\u221234\u22125678, 000\u200912\u20093456, 900\u201512\u20153456'),
    ).toEqual([]);
    expect(ssns('SSN 536\u201400\u20141847 and 536\u201422\u20140000')).toEqual([]);
  });
});

describe('default pack: PuTTY and SSH2 private keys', () => {
  const keys = (text: string) => found(text, 'private-key').map(([, value]) => value);
  const ppk = [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    'Encryption: none',
    'Comment: eddsa-key-20260101',
    'Public-Lines: 2',
    'AAAAC3NzaC1lZDI1NTE5AAAAIBmq7nJ8yKk1w2',
    'Lq9Z',
    'Private-Lines: 1',
    'AAAAIGr6hYgCqT3yP0bF8oK2sJv9x',
    'Private-MAC: 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  ].join('\r\n');

  it('spans a .ppk file from its first line through its Private-MAC line', () => {
    expect(keys(`my key:\r\n${ppk}\r\nthanks`)).toEqual([ppk]);
    const v2 = ppk.replace('File-3: ssh-ed25519', 'File-2: ssh-rsa');
    expect(keys(v2)).toEqual([v2]);
  });

  it('runs a .ppk file cut short to the end of the text, and masks it whole', () => {
    const cut = ppk.slice(0, ppk.indexOf('Private-MAC'));
    expect(keys(`x ${cut}`)).toEqual([cut]);
    const [span] = classifiers.scan(ppk, 'content');
    expect(span?.masked).not.toMatch(/AAAA|Private-MAC/);
  });

  it('finds an SSH2 (RFC 4716) encrypted private key block', () => {
    const block =
      '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key"\nP2/56wAAAi4AAAA3aWYtbW9kbntzaWdue3JzYS\n---- END SSH2 ENCRYPTED PRIVATE KEY ----';
    expect(keys(`${block}\nbye`)).toEqual([block]);
  });

  it('does not take the format named in prose, or public keys, for a key', () => {
    expect(
      keys(
        'save it as a PuTTY-User-Key-File (.ppk); the header reads PuTTY-User-Key-File-3: and the algorithm',
      ),
    ).toEqual([]);
    expect(keys('---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3NzaC1yc2E\n---- END SSH2 PUBLIC KEY ----')).toEqual(
      [],
    );
  });
});
