// The default pack's classifiers on realistic text, and the `classify` command's output shape.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../load/load-pack.ts';
import { compileClassifierDocuments } from './compile.ts';
import { compileClassifiers } from './index.ts';
import { ClassifierScanner } from './scan.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const folder = join(root, 'policies/default/classifiers');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ name: `policies/default/classifiers/${f}`, text: readFileSync(join(folder, f), 'utf8') }));
const loaded = loadPack(files);
const { classifiers, errors } = compileClassifiers(loaded.documents.filter((d) => d.kind === 'classifier'));

const found = (text: string) =>
  classifiers.scan(text, 'content').map((s) => [s.classifier, text.slice(s.start, s.end), s.level]);

describe('default pack classifiers', () => {
  it('lists every match of a text holding 150,000 of them (5 MB of card lines)', () => {
    const text = 'Customer card: 4111 1111 1111 1111\n'.repeat(150_000);
    const spans = classifiers.scan(text, 'content');
    expect(spans.filter((span) => span.classifier === 'credit-card-number')).toHaveLength(150_000);
    expect(spans.at(-1)?.end).toBeLessThanOrEqual(text.length);
  });

  it('compile without errors and ship at least 15 types, including the required ids', () => {
    expect([...loaded.errors, ...errors]).toEqual([]);
    expect(classifiers.ids.length).toBeGreaterThanOrEqual(15);
    expect(classifiers.ids).toEqual(
      expect.arrayContaining([
        'credit-card-number',
        'iban',
        'us-ssn',
        'aba-routing-number',
        'email-address',
        'aws-access-key-id',
        'private-key',
      ]),
    );
  });

  it('finds an IBAN followed by a currency, an amount or a year, and only the IBAN', () => {
    expect(
      found(
        'Pay to AT61 1904 3002 3457 3201 EUR 500; BE68 5390 0754 7034 USD; ES91 2100 0418 4502 0005 1332 2026',
      ),
    ).toEqual([
      ['iban', 'AT61 1904 3002 3457 3201', 'high'],
      ['iban', 'BE68 5390 0754 7034', 'high'],
      ['iban', 'ES91 2100 0418 4502 0005 1332', 'high'],
    ]);
    // A wrong check digit stays wrong, however the match is cut.
    expect(found('Pay to AT62 1904 3002 3457 3201 EUR 500')).toEqual([]);
  });

  it('reads numbers written with no-break spaces and Unicode hyphens (French text, word processors)', () => {
    const text =
      'Visa 4111\u00a01111\u00a01111\u00a01111, IBAN FR76\u202f3000\u202f6000\u202f0112\u202f3456\u202f7890\u202f189, SSN 536\u201122\u20111847';
    expect(found(text)).toEqual([
      ['credit-card-number', '4111\u00a01111\u00a01111\u00a01111', 'high'],
      ['iban', 'FR76\u202f3000\u202f6000\u202f0112\u202f3456\u202f7890\u202f189', 'high'],
      ['us-ssn', '536\u201122\u20111847', 'high'],
    ]);
  });

  it('finds e-mail addresses with letters beyond ASCII, and at the domains reserved for examples', () => {
    expect(found('jürgen@müller.de, élodie.dupont@société.fr, bob@corp.co.uk, x@example.com')).toEqual([
      ['email-address', 'jürgen@müller.de', 'high'],
      ['email-address', 'élodie.dupont@société.fr', 'high'],
      ['email-address', 'bob@corp.co.uk', 'high'],
      ['email-address', 'x@example.com', 'high'],
    ]);
  });

  it('finds published test card numbers and IBANs at high confidence', () => {
    expect(
      found('Visa 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, DE89 3704 0044 0532 0130 00'),
    ).toEqual([
      ['credit-card-number', '4111 1111 1111 1111', 'high'],
      ['iban', 'GB82 WEST 1234 5698 7654 32', 'high'],
      ['iban', 'DE89 3704 0044 0532 0130 00', 'high'],
    ]);
  });

  it('grades SSNs by format and keyword; the published sample numbers count, never-issuable ones do not', () => {
    expect(found('SSN 536-22-1847')).toEqual([['us-ssn', '536-22-1847', 'high']]);
    expect(found('ssn: 536221847')).toEqual([['us-ssn', '536221847', 'medium']]);
    expect(found('ref 536-22-1847')).toEqual([['us-ssn', '536-22-1847', 'low']]);
    expect(found('SSN 078-05-1120 or 666-12-3456')).toEqual([['us-ssn', '078-05-1120', 'high']]);
    expect(found('SSN 123-45-6789')).toEqual([['us-ssn', '123-45-6789', 'high']]);
  });

  it('finds secrets, the documentation key of a published format too', () => {
    expect(found('key AKIAZ7QWERTY12345XYZ')).toEqual([
      ['aws-access-key-id', 'AKIAZ7QWERTY12345XYZ', 'high'],
    ]);
    expect(found('key AKIAIOSFODNN7EXAMPLE')).toEqual([
      ['aws-access-key-id', 'AKIAIOSFODNN7EXAMPLE', 'high'],
    ]);
    expect(found('-----BEGIN OPENSSH PRIVATE KEY-----')).toEqual([
      ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----', 'high'],
    ]);
    expect(found('api_key = "q8Zr3kP9xVb2Lm7Tn4Wc"')).toEqual([
      ['generic-api-key', 'q8Zr3kP9xVb2Lm7Tn4Wc', 'medium'],
    ]);
    expect(found('api_key = "your_api_key_goes_here"')).toEqual([]);
    // As the end of a longer name, as environment files write them, and with punctuation.
    // Where a type of its own knows the format, both report it, the named type at its confidence.
    expect(found('export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9vLp3KmY')).toEqual([
      ['aws-secret-access-key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9vLp3KmY', 'high'],
      ['generic-api-key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9vLp3KmY', 'medium'],
    ]);
    expect(found('STRIPE_SECRET_KEY=sk_live_51HxQ2eLkdIwHu7ix3Fq9Zz0aB')).toEqual([
      ['generic-api-key', 'sk_live_51HxQ2eLkdIwHu7ix3Fq9Zz0aB', 'medium'],
      ['stripe-api-key', 'sk_live_51HxQ2eLkdIwHu7ix3Fq9Zz0aB', 'high'],
    ]);
    expect(found('DB_PASSWORD=Qx7#vLp9!zR2mK8w')).toEqual([
      ['generic-api-key', 'Qx7#vLp9!zR2mK8w', 'medium'],
      ['password-assignment', 'Qx7#vLp9!zR2mK8w', 'medium'],
    ]);
    expect(found('MY_TOKEN_COUNT=1')).toEqual([]);
    expect(found('password = aaaaaaaaaaaaaaaaaaaa')).toEqual([]);
  });

  it('needs a keyword for numbers that are otherwise ordinary', () => {
    expect(found('invoice 021000021')).toEqual([]);
    expect(found('ABA routing number 021000021')).toEqual([['aba-routing-number', '021000021', 'high']]);
    expect(found('order 86095742719')).toEqual([]);
    expect(found('Steuer-ID 86095742719')).toEqual([['de-tax-id', '86095742719', 'high']]);
  });

  it('finds Discover (6011, 644-649, 65, 622126-622925) and 13-digit Visa numbers', () => {
    expect(found('Discover 6445 6445 6445 6445')).toEqual([
      ['credit-card-number', '6445 6445 6445 6445', 'high'],
    ]);
    expect(found('Discover 6221 2600 0000 0000')).toEqual([
      ['credit-card-number', '6221 2600 0000 0000', 'high'],
    ]);
    expect(found('Discover 6011111111111117')).toEqual([['credit-card-number', '6011111111111117', 'high']]);
    expect(found('Visa 4222222222222')).toEqual([['credit-card-number', '4222222222222', 'high']]);
    // Luhn-valid, but 622125 and 622926 are outside Discover's China UnionPay range: UnionPay (62)
    // numbers all the same, reported with card evidence only.
    expect(found('ref 6221 2500 0000 0001, ref 6229 2600 0000 0002')).toEqual([]);
    expect(found('card 6221 2500 0000 0001, card 6229 2600 0000 0002')).toEqual([
      ['credit-card-number', '6221 2500 0000 0001', 'high'],
      ['credit-card-number', '6229 2600 0000 0002', 'high'],
    ]);
  });

  it('keeps card brand ranges to the issued ones (Mastercard 2221-2720, JCB 3528-3589)', () => {
    expect(found('card 2799 1234 5678 9016')).toEqual([]);
    expect(found('card 3599 1234 5678 9016')).toEqual([]);
    expect(found('card 2221 0000 0000 0009, card 3530 1113 3330 0000')).toEqual([
      ['credit-card-number', '2221 0000 0000 0009', 'high'],
      ['credit-card-number', '3530 1113 3330 0000', 'high'],
    ]);
  });

  it('never reports part of a longer grouped number as a card', () => {
    expect(found('ref 4111 1111 1111 1111 1111 1111')).toEqual([]);
    expect(found('ref 1234 5678 4111 1111 1111 1111')).toEqual([]);
    expect(found('ref 1234 5678 4111 1111 1111 1111 9012')).toEqual([]);
    // One lone group before or after a card (a year, an id, a CVV) is not a group of it.
    expect(found('ref 4111 1111 1111 1111 1111').map(([, value]) => value)).toEqual(['4111 1111 1111 1111']);
    expect(found('ref 1234 4111 1111 1111 1111').map(([, value]) => value)).toEqual(['4111 1111 1111 1111']);
    expect(found('ref 1111 4111111111111111').map(([, value]) => value)).toEqual(['4111111111111111']);
    // A hyphenated one- or two-digit suffix makes an identifier of it.
    expect(found('Order #4111111111111111-7 shipped')).toEqual([]);
    // A 19-digit Visa is one number, not its 16-digit prefix.
    expect(found('Visa 4111 1111 1111 1111 003')).toEqual([
      ['credit-card-number', '4111 1111 1111 1111 003', 'high'],
    ]);
    // A short number before a card (a quantity, a reference, a CVV) is not a group of it.
    expect(found('ref #12 4111 1111 1111 1111').map(([, value]) => value)).toEqual(['4111 1111 1111 1111']);
    expect(found('cvv 123 5500 0000 0000 0004').map(([, value]) => value)).toEqual(['5500 0000 0000 0004']);
    expect(found('qty 2 4111111111111111 card').map(([, value]) => value)).toEqual(['4111111111111111']);
    // Two whole numbers side by side, an unseparated Amex then a grouped Visa, are two cards.
    expect(found('Failed card payments 378877200579642 4447-1952-5976-5049')).toEqual([
      ['credit-card-number', '378877200579642', 'high'],
      ['credit-card-number', '4447-1952-5976-5049', 'high'],
    ]);
    // An expiry date or another whole card next to a card is not a further group.
    expect(found('card 4111 1111 1111 1111 12/27')).toEqual([
      ['credit-card-number', '4111 1111 1111 1111', 'high'],
    ]);
    expect(found('Failed card payments 5595 4812 7792 3985 347469727951153')).toEqual([
      ['credit-card-number', '5595 4812 7792 3985', 'high'],
      ['credit-card-number', '347469727951153', 'high'],
    ]);
  });

  it('finds IBANs written in lower case', () => {
    expect(found('iban de89 3704 0044 0532 0130 00 and gb82west12345698765432')).toEqual([
      ['iban', 'de89 3704 0044 0532 0130 00', 'high'],
      ['iban', 'gb82west12345698765432', 'high'],
    ]);
  });

  it('finds international phone numbers and only NANP numbers with valid area and exchange codes', () => {
    expect(found('phone +44 20 7946 0958')).toEqual([['phone-number', '+44 20 7946 0958', 'medium']]);
    expect(found('call +442079460958 or +49 30 1234567')).toEqual([
      ['phone-number', '+442079460958', 'low'],
      ['phone-number', '+49 30 1234567', 'low'],
    ]);
    expect(found('tel (415) 867-5309')).toEqual([['phone-number', '(415) 867-5309', 'medium']]);
    expect(found('tel 0123456789')).toEqual([]);
    expect(found('order 123-456-7890')).toEqual([]);
    expect(found('tel 415-167-5309')).toEqual([]);
    expect(found('score +5 10 20')).toEqual([]);
  });

  it('applies the Steuer-ID digit rules', () => {
    expect(found('Steuer-ID 11123456786')).toEqual([]);
  });

  it('finds addresses at example.com subdomains, and ignores retina image names', () => {
    expect(found('eve@a.b.example.com, eve@mail.example.org, see image@2x.png, logo@3x.webp')).toEqual([
      ['email-address', 'eve@a.b.example.com', 'high'],
      ['email-address', 'eve@mail.example.org', 'high'],
    ]);
    expect(found('eve@example.com.evil.io')).toEqual([['email-address', 'eve@example.com.evil.io', 'high']]);
  });

  it('masks every value it reports', () => {
    const text = 'Visa 4111 1111 1111 1111 mail jane.doe@acme-corp.com SSN 536-22-1847';
    const masked = classifiers.scan(text, 'content').map((s) => s.masked);
    expect(masked).toEqual(['4111…1111', 'j***@acme-corp.com', '***-**-1847']);
  });
});

describe('default pack: credentials as Purview, Google DLP and GitHub secret scanning find them', () => {
  const masked = (text: string, id: string) =>
    classifiers
      .scan(text, 'content')
      .filter((s) => s.classifier === id)
      .map((s) => [text.slice(s.start, s.end), s.level, s.masked]);

  it('spans the password of a database URL alone, and masks it whole', () => {
    const text = 'DATABASE_URL=postgres://app_user:kX9#mP2vL8qR@10.0.3.15:5432/prod';
    expect(masked(text, 'connection-string-credential')).toEqual([['kX9#mP2vL8qR', 'high', '[REDACTED]']]);
    // The user and password of a URL are no e-mail address.
    expect(found(text)).toEqual([['connection-string-credential', 'kX9#mP2vL8qR', 'high']]);
    expect(found('ftp://deploy@files.acme-corp.com/drop and mongodb://root:password@localhost/db')).toEqual(
      [],
    );
  });

  it('finds the password of an ADO.NET connection string, not the one of a string without a server', () => {
    expect(
      masked(
        'Data Source=SQL01;Initial Catalog=HR;User Id=hr_app;Pwd=7gH!kq2LzP;',
        'connection-string-credential',
      ),
    ).toEqual([['7gH!kq2LzP', 'high', '[REDACTED]']]);
    expect(masked('flags=a;pwd=7gH!kq2LzP;', 'connection-string-credential')).toEqual([]);
  });

  it('finds complex passwords, not masked, templated or simple values', () => {
    expect(found('smtp:\n  password: "Winter2026!"\n')).toEqual([
      ['password-assignment', 'Winter2026!', 'medium'],
    ]);
    for (const value of [
      '<redacted>',
      '********',
      '${SMTP_PASSWORD}',
      '[FILTERED]',
      'hunter22',
      'correcthorse',
    ])
      expect(found(`password: ${value}`)).toEqual([]);
  });

  it('finds an AWS secret access key by its name, at high confidence, but not a hex digest', () => {
    expect(found('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toEqual([
      ['aws-secret-access-key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'high'],
    ]);
    expect(found('aws_secret_access_key=9fceb02d0ae598e95dc970b74767f19372d61af8')).toEqual([
      ['generic-api-key', '9fceb02d0ae598e95dc970b74767f19372d61af8', 'medium'],
    ]);
  });

  it('finds Stripe, Google and Slack webhook secrets and masks them', () => {
    expect(masked('sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe-api-key')).toEqual([
      ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'high', 'sk_live_…dc'],
    ]);
    expect(masked('key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe-', 'google-api-key')).toEqual([]);
    expect(masked('key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe&x=1', 'google-api-key')).toEqual([
      ['AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', 'high', 'AIza…Qe'],
    ]);
    expect(
      found('https://hooks.slack.com/services/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').map(
        (m) => m[0],
      ),
    ).toEqual(['slack-token']);
  });
});

describe('default pack: identifiers as Purview and Google DLP find them', () => {
  it('tells ITINs from SSNs by the area 9 and the IRS middle ranges', () => {
    expect(found('SSN 536-22-1847, ITIN 912-70-1234, ITIN 912-93-1234')).toEqual([
      ['us-ssn', '536-22-1847', 'high'],
      ['us-itin', '912-70-1234', 'high'],
    ]);
  });

  it('finds a date of birth only right next to its keyword', () => {
    expect(found('Name: Jane Roe, DOB: 03/14/1985; account opened on 2019-05-01')).toEqual([
      ['date-of-birth', '03/14/1985', 'medium'],
    ]);
    expect(found('DOB field left empty. Order placed 03/14/2025')).toEqual([]);
  });
});

describe('classify command', () => {
  it('prints {"matches":[{classifier,start,end,confidence,masked}]} for a text file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'classify-'));
    const textFile = join(dir, 'text.txt');
    writeFileSync(textFile, 'Refund to IBAN DE89 3704 0044 0532 0130 00 today.');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'classify',
        '--pack',
        'policies/default',
        '--text-file',
        textFile,
        '--format',
        'json',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      matches: [{ classifier: 'iban', start: 15, end: 42, confidence: 'high', masked: 'DE89…3000' }],
    });
  });
});

describe('shared pre-filter over the default pack', () => {
  it('finds exactly what running every regex over the whole text finds', () => {
    const compiled = compileClassifierDocuments(loaded.documents);
    const filtered = new ClassifierScanner(compiled);
    const reference = new ClassifierScanner(compiled, false);
    const fragments = [
      'Visa 4111 1111 1111 1111',
      '5500-0000-0000-0004',
      'IBAN DE89 3704 0044 0532 0130 00',
      'GB82WEST12345698765432',
      'SSN 536-22-1847',
      '536221847',
      'routing 021000021',
      'jane.doe@acme-corp.com',
      'AKIAZ7QWERTY12345XYZ',
      '-----BEGIN RSA PRIVATE KEY-----',
      'api_key="q8Zr3kP9xVb2Lm7Tn4Wc"',
      'tel (415) 867-5309',
      'passport 123456780',
      'Steuer-ID 86095742719',
      'BIC DEUTDEFF',
      'salary 90,000 EUR',
      'confidential',
      'customer id',
      '12 34',
      '2025',
      'é',
      '\n',
      'lorem ipsum dolor sit amet',
      // Long stretches without candidates, so the scan really runs in windows.
      'lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(8),
      'lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(8),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(' ', '', '-', ', ', '\n', 'x')), {
          maxLength: 60,
        }),
        (pieces) => {
          const text = pieces.map(([fragment, glue]) => fragment + glue).join('');
          expect(filtered.scan(text, 'content')).toEqual(reference.scan(text, 'content'));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('a scan told which classifiers a rule may ask about (its scope)', () => {
  // The evaluator asks one classifier at a time and names the few its candidate rules need: their
  // trigger and keyword terms are then looked for once, and the automaton runs only when one is
  // there. What is found must be what a scan without a scope finds, whatever the case of a term,
  // the script of the text or the evidence around a match.
  const fragments = [
    'Hi team, the draft is on the shared drive. ',
    'card 4111 1111 1111 1111 exp 09/28 ',
    'VISA 4012888888881881 ',
    'my ssn is 536-22-1847. ',
    'SSN: 536 22 1847 ',
    'AKIAIOSFODNN7EXAMPLE ',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY----- ',
    'IBAN DE89 3704 0044 0532 0130 00 ',
    'gb82 west 1234 5698 7654 32 ',
    'CONFIDENTIAL: salary bands attached. ',
    'Kartennummer 4111 1111 1111 1111 (Kreditkarte) ',
    'numéro de carte 4111-1111-1111-1111 ',
    'ＶＩＳＡ 4111 1111 1111 1111 ',
    'routing number 021000021 account 12345678 ABA ',
    'password: hunter2hunter2 ',
  ];
  const ids = classifiers.ids;
  const scopes = [
    new Set(ids),
    new Set(['credit-card-number', 'iban', 'us-ssn']),
    new Set(['aws-access-key-id', 'private-key']),
    ...ids.map((id) => new Set([id])),
  ];
  const agree = (text: string) => {
    for (const scope of scopes)
      for (const id of scope) {
        const only = new Set([id]);
        expect(classifiers.scan(text, 'content', only, scope), `${id} in ${[...scope].join(',')}`).toEqual(
          classifiers.scan(text, 'content', only),
        );
      }
  };

  it('finds the same as a scan without a scope, fragment by fragment', () => {
    let found = 0;
    for (const fragment of fragments) {
      agree(fragment);
      found += classifiers.scan(fragment, 'content').length;
    }
    expect(found).toBeGreaterThan(10);
  });

  it('finds a keyword written with a letter that folds to ASCII (the Kelvin sign for k)', () => {
    const loaded = loadPack([
      {
        name: 'kick.yml',
        text: 'kind: classifier\nid: kick\nname: Kick\npatterns: [{ confidence: high, keywords: [kickoff] }]\n',
      },
    ]);
    const { classifiers: kick } = compileClassifiers(loaded.documents.filter((d) => d.kind === 'classifier'));
    const only = new Set(['kick']);
    const text = 'see you at the \u212Aickoff';
    expect(kick.scan(text, 'content', only).map((s) => s.classifier)).toEqual(['kick']);
    expect(kick.scan(text, 'content', only, only)).toEqual(kick.scan(text, 'content', only));
  });

  it('finds the same on any mix of fragments, in any case', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('as written', 'upper', 'lower'),
        (parts, casing) => {
          const text = parts.join('');
          agree(casing === 'upper' ? text.toUpperCase() : casing === 'lower' ? text.toLowerCase() : text);
        },
      ),
      { numRuns: 60 },
    );
  });
});
