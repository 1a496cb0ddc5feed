// Synthetic content: invented people and addresses, checksum-valid card numbers and IBANs, fake
// SSNs, AWS-style keys, source code and contract text. Every value is made up; the checksums are
// real so classifiers with validators treat them as the real thing.
import type { Random } from './random.ts';
import { ibanCheckDigits, luhnCheckDigit } from './checksums.ts';
import { CITIES, FIRST_NAMES, LAST_NAMES, STREETS } from './names.ts';

const CARD_PREFIXES: readonly { prefix: string; length: number }[] = [
  { prefix: '4', length: 16 },
  { prefix: '4', length: 16 },
  { prefix: '51', length: 16 },
  { prefix: '53', length: 16 },
  { prefix: '55', length: 16 },
  { prefix: '2221', length: 16 },
  { prefix: '37', length: 15 },
  { prefix: '34', length: 15 },
];

export function cardNumber(rng: Random): string {
  const { prefix, length } = rng.pick(CARD_PREFIXES);
  const partial = prefix + rng.digits(length - prefix.length - 1);
  const digits = partial + String(luhnCheckDigit(partial));
  const style = rng.int(0, 2);
  if (style === 0 || length !== 16) return digits;
  const groups = digits.match(/.{4}/g) ?? [digits];
  return groups.join(style === 1 ? ' ' : '-');
}

export function iban(rng: Random): string {
  const country = rng.pick(['DE', 'DE', 'GB', 'NL', 'FR'] as const);
  const bban =
    country === 'DE'
      ? rng.digits(18)
      : country === 'GB'
        ? rng.pick(['NWBK', 'BARC', 'LOYD', 'HBUK']) + rng.digits(14)
        : country === 'NL'
          ? rng.pick(['ABNA', 'INGB', 'RABO']) + rng.digits(10)
          : rng.digits(23);
  const compact = country + ibanCheckDigits(country, bban) + bban;
  return rng.chance(0.5) ? compact : (compact.match(/.{1,4}/g) ?? [compact]).join(' ');
}

/** US-style SSN outside the never-issued ranges (000, 666, 900–999; group 00; serial 0000). */
export function ssn(rng: Random): string {
  let area = rng.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(rng.int(1, 99)).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function fromAlphabet(rng: Random, alphabet: string, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += alphabet[rng.int(0, alphabet.length - 1)];
  return text;
}

export function awsKey(rng: Random): string {
  return `aws_access_key_id = AKIA${fromAlphabet(rng, KEY_CHARS, 16)}\naws_secret_access_key = ${fromAlphabet(rng, SECRET_CHARS, 40)}`;
}

export function privateKey(rng: Random): string {
  const lines: string[] = [
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEpAIBAAKCAQEA' + fromAlphabet(rng, SECRET_CHARS, 48),
  ];
  for (let i = 0; i < 5; i++) lines.push(fromAlphabet(rng, SECRET_CHARS, 64));
  lines.push('-----END RSA PRIVATE KEY-----');
  return lines.join('\n');
}

export interface Person {
  first: string;
  last: string;
}

export function person(rng: Random): Person {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

export function fullName(rng: Random): string {
  const p = person(rng);
  return `${p.first} ${p.last}`;
}

export function address(rng: Random): string {
  const place = rng.pick(CITIES);
  return `${rng.int(1, 180)} ${rng.pick(STREETS)}, ${place.postcode()} ${place.city}`;
}

export function phone(rng: Random): string {
  return rng.pick([
    `+44 7${rng.digits(3)} ${rng.digits(6)}`,
    `+49 15${rng.digits(1)} ${rng.digits(7)}`,
    `+31 6 ${rng.digits(8)}`,
  ]);
}

export function customerRows(rng: Random, rows: number): string {
  const lines = ['customer_id,name,email,phone,address,card_number'];
  for (let i = 0; i < rows; i++) {
    const p = person(rng);
    lines.push(
      `C${rng.digits(6)},${p.first} ${p.last},${p.first.toLowerCase()}.${p.last.toLowerCase()}@${rng.pick(['gmail.com', 'outlook.com', 'web.de', 'yahoo.com'])},${phone(rng)},"${address(rng)}",${cardNumber(rng)}`,
    );
  }
  return lines.join('\n');
}

export function payrollRows(rng: Random, rows: number): string {
  const lines = ['employee_id,name,gross_salary_eur,iban,ssn'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `E${rng.digits(5)},${fullName(rng)},${rng.int(38, 140)}${rng.digits(3)},${iban(rng)},${ssn(rng)}`,
    );
  }
  return lines.join('\n');
}

const CODE_SNIPPETS = [
  `export async function settlePayment(order: Order, gateway: Gateway): Promise<Receipt> {\n  const amount = Math.round(order.total * 100);\n  const result = await gateway.charge({ amount, currency: order.currency, reference: order.id });\n  if (!result.ok) throw new PaymentError(result.code, order.id);\n  return { orderId: order.id, settledAt: result.timestamp };\n}`,
  `def reconcile(ledger, statements):\n    unmatched = []\n    for line in statements:\n        entry = ledger.find(line.reference)\n        if entry is None or entry.amount != line.amount:\n            unmatched.append(line)\n    return unmatched`,
  `class RouteOptimizer {\n  constructor(private readonly depots: Depot[]) {}\n  plan(stops: Stop[]): Route[] {\n    return clusterByDepot(stops, this.depots).map((cluster) => nearestNeighbour(cluster));\n  }\n}`,
  `resource "aws_s3_bucket" "exports" {\n  bucket = "meridian-exports-prod"\n  versioning { enabled = true }\n}`,
  `SELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c JOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= date_trunc('quarter', now())\nGROUP BY c.id, c.name ORDER BY revenue DESC LIMIT 50;`,
];

export function sourceCode(rng: Random, withKey = true): string {
  const parts = [
    `// ${rng.pick(['payments-core', 'web-portal', 'data-platform', 'mobile-app', 'infra'])} — internal, do not distribute`,
  ];
  for (let i = 0; i < 3; i++) parts.push(rng.pick(CODE_SNIPPETS));
  if (withKey) parts.push(`# deploy credentials\n${awsKey(rng)}`);
  return parts.join('\n\n');
}

const CONTRACT_CLAUSES = [
  'This Master Services Agreement is entered into by and between Meridian Ltd ("Company") and the Supplier named in Schedule 1.',
  "CONFIDENTIAL. Each party shall keep the other party's Confidential Information secret and use it only to perform this Agreement.",
  'The Supplier shall be paid the fees set out in Schedule 2 within thirty (30) days of receipt of a valid invoice.',
  "Either party may terminate this Agreement on ninety (90) days' written notice; termination for cause requires a material breach unremedied for thirty days.",
  'Liability of either party shall not exceed the total fees paid in the twelve (12) months preceding the claim, save for fraud or wilful misconduct.',
  'This Agreement is governed by the laws of England and Wales and the parties submit to the exclusive jurisdiction of its courts.',
  'Pricing: volume discount of 12.5% applies above 40,000 units per quarter; the rebate is confidential and shall not be disclosed.',
];

export function contractText(rng: Random): string {
  const clauses: string[] = [];
  for (let i = 1; i <= 5; i++) clauses.push(`${i}. ${rng.pick(CONTRACT_CLAUSES)}`);
  return `AGREEMENT No. ${rng.digits(6)}\n${clauses.join('\n')}\nSigned: ${fullName(rng)}, ${fullName(rng)}`;
}

const BUSINESS_SENTENCES = [
  'Thanks for the update, I will take a look before the meeting tomorrow.',
  'Please find the agenda for Thursday attached; let me know if anything is missing.',
  'The quarterly numbers look fine, with a small dip in March that we expected.',
  'Could you confirm the delivery date with the warehouse team?',
  'I moved our call to 14:00 because of the all-hands.',
  'The draft is on the shared drive; comments welcome by Friday.',
  'We need the sign-off from legal before we can send this to the customer.',
  'Reminder: the office is closed on the bank holiday.',
  'Following up on our conversation about the new onboarding process.',
  'The release went out this morning without issues; monitoring looks normal.',
  'Attached is the updated project plan with the revised milestones.',
  'Can we push the review to next week? Two people are out sick.',
];

const SPACED_SENTENCES = BUSINESS_SENTENCES.map((sentence) => sentence + ' ');

/** Business prose padded to about `bytes` characters. */
export function businessText(rng: Random, bytes: number): string {
  let text = `Hi ${rng.pick(FIRST_NAMES)},\n`;
  while (text.length < bytes) text += rng.pick(SPACED_SENTENCES);
  return text + `\nBest regards`;
}

/** Pads sensitive material with business prose to about `bytes`, keeping the material intact. */
export function withProse(rng: Random, material: string, bytes: number): string {
  if (material.length >= bytes) return material;
  return businessText(rng, bytes - material.length) + '\n' + material;
}

/** The content placeholders of scenario templates; see docs/scenarios.md. */
export function contentFor(name: string, rng: Random, count: number | undefined): string {
  switch (name) {
    case 'card':
      return cardNumber(rng);
    case 'iban':
      return iban(rng);
    case 'ssn':
      return ssn(rng);
    case 'aws_key':
      return awsKey(rng);
    case 'private_key':
      return privateKey(rng);
    case 'customer_rows':
      return customerRows(rng, count ?? 20);
    case 'payroll_rows':
      return payrollRows(rng, count ?? 12);
    case 'source_code':
      return sourceCode(rng);
    case 'contract_text':
      return contractText(rng);
    case 'address':
      return address(rng);
    case 'person':
      return fullName(rng);
    case 'phone':
      return phone(rng);
    default:
      throw new Error(`unknown content placeholder {{${name}}}`);
  }
}
