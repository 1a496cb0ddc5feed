// A day of ordinary work for everyone in the organisation: logons in the morning, mail, web, files,
// role-specific systems (sales → CRM and customer mail, finance → ERP with creator ≠ approver,
// engineers → git, IT → IAM with tickets, HR → HR records), quiet weekends and holidays, a few late
// workers — and sensitive content moving through sanctioned channels, so classifiers alone are not
// enough to tell an insider from a colleague.
import type { EngineEvent } from '../types.ts';
import { HOUR, MINUTE, SECOND } from '../scenario/offset.ts';
import type { Random } from './random.ts';
import { ORG_DOMAIN, type OrgUser } from './organisation.ts';
import { REPOSITORIES, fileShareId } from './catalogue.ts';
import {
  businessText,
  contractText,
  customerRows,
  fullName,
  iban,
  payrollRows,
  phone,
  sourceCode,
  withProse,
} from './content.ts';
import { eventHead } from './timed-event.ts';
import { addEvent, type DayBatch } from './day-batch.ts';

export interface DayPlan {
  rng: Random;
  /** Epoch ms of midnight UTC. */
  midnight: number;
  date: string;
  workday: boolean;
  users: readonly OrgUser[];
  colleagues: ReadonlyMap<string, readonly OrgUser[]>;
  approverOf: (role: 'payment' | 'expense', user: OrgUser) => OrgUser | undefined;
  customerDomains: readonly string[];
  /** Target size of the ~1 KB content bodies. */
  contentBytes: number;
  out: DayBatch;
}

interface Session {
  user: OrgUser;
  remote: boolean;
  start: number;
  end: number;
}

type Activity = (plan: DayPlan, session: Session, time: number) => void;

const GENERAL_SITES = [
  'bbc.co.uk',
  'reuters.com',
  'google.com',
  'wikipedia.org',
  'linkedin.com',
  'weather.com',
  'office.com',
  'amazon.com',
  'youtube.com',
  `intranet.${ORG_DOMAIN}`,
  `wiki.${ORG_DOMAIN}`,
  'meridian.sharepoint.com',
];
const DEV_SITES = [
  'github.com',
  'stackoverflow.com',
  'npmjs.com',
  'docs.python.org',
  'developer.mozilla.org',
  'pypi.org',
];
const JOB_SITES = ['indeed.com', 'glassdoor.com', 'monster.com'];
const SHARE_FILES = [
  'minutes',
  'report',
  'plan',
  'budget',
  'overview',
  'notes',
  'forecast',
  'checklist',
  'presentation',
  'summary',
];
const EXTENSIONS = ['docx', 'xlsx', 'pptx', 'pdf'];
const PROCESSES = [
  'code.exe',
  'node.exe',
  'docker.exe',
  'git.exe',
  'python.exe',
  'powershell.exe',
  'ssh.exe',
];
const SUBJECTS = [
  'Weekly update',
  'Re: agenda for Thursday',
  'Quick question',
  'Draft for review',
  'Meeting notes',
  'FYI',
  'Re: planning',
  'Status',
  'Follow-up',
];

function base(session: Session, category: string, action: string): EngineEvent {
  const event = eventHead(category, action);
  event['user.name'] = session.user.name;
  event['host.name'] = session.user.host;
  event['host.managed'] = true;
  event['source.ip'] = session.remote ? session.user.home_ip : session.user.ip;
  return event;
}

function emit(plan: DayPlan, time: number, event: EngineEvent): void {
  addEvent(plan.out, Math.floor(time / SECOND) * SECOND, event);
}

/** About `share` of the events carry a body of roughly `contentBytes`. */
function maybeContent(plan: DayPlan, event: EngineEvent, share: number, body: () => string): void {
  if (plan.rng.chance(share)) event.content = body();
}

function colleague(plan: DayPlan, user: OrgUser): OrgUser {
  const team = plan.colleagues.get(user.department) ?? plan.users;
  const other = plan.rng.pick(team);
  return other === user ? plan.rng.pick(plan.users) : other;
}

function fileName(plan: DayPlan): [string, string] {
  const ext = plan.rng.pick(EXTENSIONS);
  return [`${plan.rng.pick(SHARE_FILES)}_${plan.rng.int(1, 40)}.${ext}`, ext];
}

const webVisit: Activity = (plan, s, t) => {
  const domain = plan.rng.chance(0.015) ? plan.rng.pick(JOB_SITES) : plan.rng.pick(GENERAL_SITES);
  const e = base(s, 'web', 'visit');
  e['url.full'] = `https://${domain}/`;
  e['destination.domain'] = domain;
  e['network.protocol'] = 'https';
  emit(plan, t, e);
};

const internalMail: Activity = (plan, s, t) => {
  const to = colleague(plan, s.user);
  const e = base(s, 'email', 'send');
  e['email.from'] = s.user.email;
  e['email.to'] = [to.email];
  e['email.subject'] = plan.rng.pick(SUBJECTS);
  e['email.encrypted'] = false;
  e['destination.domain'] = ORG_DOMAIN;
  e['network.protocol'] = 'smtp';
  maybeContent(plan, e, 0.45, () => businessText(plan.rng, plan.contentBytes));
  emit(plan, t, e);
};

const receiveMail: Activity = (plan, s, t) => {
  const external = plan.rng.chance(0.4);
  const e = base(s, 'email', 'receive');
  e['email.from'] = external ? `info@${plan.rng.pick(plan.customerDomains)}` : colleague(plan, s.user).email;
  e['email.to'] = [s.user.email];
  e['email.subject'] = plan.rng.pick(SUBJECTS);
  e['email.encrypted'] = false;
  e['network.protocol'] = 'smtp';
  maybeContent(plan, e, 0.35, () => businessText(plan.rng, plan.contentBytes));
  emit(plan, t, e);
};

const chat: Activity = (plan, s, t) => {
  const e = base(s, 'chat', 'message');
  e['chat.recipient'] = colleague(plan, s.user).name;
  e.content = businessText(plan.rng, 60);
  emit(plan, t, e);
};

const shareRead: Activity = (plan, s, t) => {
  const [name, ext] = fileName(plan);
  const e = base(s, 'file', 'read');
  e['resource.id'] = fileShareId(s.user.department);
  e['file.name'] = name;
  e['file.extension'] = ext;
  e['file.path'] = `\\\\fs01\\${s.user.department.toLowerCase()}\\${name}`;
  emit(plan, t, e);
};

const shareWrite: Activity = (plan, s, t) => {
  const [name, ext] = fileName(plan);
  const e = base(s, 'file', 'write');
  e['resource.id'] = fileShareId(s.user.department);
  e['file.name'] = name;
  e['file.extension'] = ext;
  e['file.size'] = plan.rng.int(12_000, 4_000_000);
  e['file.path'] = `\\\\fs01\\${s.user.department.toLowerCase()}\\${name}`;
  maybeContent(plan, e, 0.3, () => businessText(plan.rng, plan.contentBytes));
  emit(plan, t, e);
};

const printJob: Activity = (plan, s, t) => {
  const [name] = fileName(plan);
  const e = base(s, 'print', 'print');
  e['resource.id'] = plan.rng.pick(['printer-2f', 'printer-4f']);
  e['printer.name'] = e['resource.id'] === 'printer-2f' ? 'PRN-2F-WEST' : 'PRN-4F-EAST';
  e['file.name'] = name;
  e['file.sensitivity'] = 'internal';
  e['print.pages'] = plan.rng.int(1, 14);
  emit(plan, t, e);
};

const sharepointUpload: Activity = (plan, s, t) => {
  const [name, ext] = fileName(plan);
  const e = base(s, 'web', 'upload');
  e['url.full'] = `https://meridian.sharepoint.com/sites/${s.user.department.toLowerCase()}/upload`;
  e['destination.domain'] = 'meridian.sharepoint.com';
  e['network.protocol'] = 'https';
  e['file.name'] = name;
  e['file.extension'] = ext;
  e['file.size'] = plan.rng.int(20_000, 3_000_000);
  maybeContent(plan, e, 0.6, () => businessText(plan.rng, plan.contentBytes));
  emit(plan, t, e);
};

const usbCopy: Activity = (plan, s, t) => {
  const id = `USB-${plan.rng.pick(['KINGSTON', 'SANDISK', 'LEXAR'])}-${s.user.host.slice(-4)}`;
  const connect = base(s, 'device', 'connect');
  connect['device.type'] = 'usb';
  connect['device.id'] = id;
  emit(plan, t, connect);
  const [name, ext] = fileName(plan);
  const write = base(s, 'device', 'usb-write');
  write['device.type'] = 'usb';
  write['device.id'] = id;
  write['file.name'] = name;
  write['file.extension'] = ext;
  write['file.size'] = plan.rng.int(50_000, 8_000_000);
  write['file.sensitivity'] = plan.rng.pick(['public', 'internal']);
  emit(plan, t + MINUTE, write);
};

/** Someone mails themselves a harmless private document: ground for "mail to personal domain" rules. */
const mailSelfPrivate: Activity = (plan, s, t) => {
  const e = base(s, 'email', 'send');
  e['email.from'] = s.user.email;
  e['email.to'] = [s.user.personal_email];
  e['email.subject'] = plan.rng.pick(['pension form', 'holiday photos', 'train tickets', 'cv draft']);
  e['email.encrypted'] = false;
  e['destination.domain'] = 'gmail.com';
  e['network.protocol'] = 'smtp';
  emit(plan, t, e);
};

const expenseSubmit: Activity = (plan, s, t) => {
  const amount = plan.rng.int(12, 420);
  const id = `EXP-${plan.rng.digits(6)}`;
  const e = base(s, 'erp', 'expense-submit');
  e['resource.id'] = 'erp';
  e['erp.object_id'] = id;
  e['erp.amount'] = amount;
  e['erp.currency'] = 'EUR';
  e['erp.approval_limit'] = 250;
  e['erp.expense_type'] = plan.rng.pick(['client-meal', 'taxi', 'train', 'hotel', 'office-supplies']);
  emit(plan, t, e);
  const manager = amount > 250 ? plan.approverOf('expense', s.user) : undefined;
  const approve = base(manager ? { ...s, user: manager, remote: false } : s, 'erp', 'expense-approve');
  approve['resource.id'] = 'erp';
  approve['erp.object_id'] = id;
  approve['erp.amount'] = amount;
  approve['erp.currency'] = 'EUR';
  approve['erp.approval_limit'] = 250;
  approve['erp.approver'] = manager ? manager.name : 'auto';
  approve['erp.submitted_by'] = s.user.name;
  emit(plan, Math.min(t + plan.rng.int(1, 4) * HOUR, plan.midnight + 24 * HOUR - MINUTE), approve);
};

const crmQuery: Activity = (plan, s, t) => {
  const e = base(s, 'database', 'query');
  e['resource.id'] = 'crm';
  e['database.statement'] =
    `SELECT * FROM accounts WHERE owner = '${s.user.name}' AND id = ${plan.rng.int(10000, 99999)}`;
  e['database.rows'] = plan.rng.int(1, 40);
  emit(plan, t, e);
};

const customerMail: Activity = (plan, s, t) => {
  const domain = plan.rng.pick(plan.customerDomains);
  const e = base(s, 'email', 'send');
  e['email.from'] = s.user.email;
  e['email.to'] = [
    `${plan.rng.pick(['purchasing', 'j.miller', 'procurement', 'a.khan', 'office'])}@${domain}`,
  ];
  e['email.subject'] = plan.rng.pick([
    'Your quote',
    'Proposal for Q3',
    'Follow-up on our call',
    'Renewal offer',
  ]);
  e['email.encrypted'] = plan.rng.chance(0.5);
  e['destination.domain'] = domain;
  e['network.protocol'] = 'smtp';
  maybeContent(plan, e, 0.5, () =>
    withProse(
      plan.rng,
      `Contact: ${fullName(plan.rng)}, ${phone(plan.rng)}. Offer valid 30 days, total ${plan.rng.int(2, 90)}${plan.rng.digits(3)} EUR.`,
      plan.contentBytes,
    ),
  );
  emit(plan, t, e);
};

const crmExportSmall: Activity = (plan, s, t) => {
  const e = base(s, 'database', 'export');
  e['resource.id'] = 'crm';
  e['database.rows'] = plan.rng.int(20, 400);
  e['file.name'] = `pipeline_${plan.rng.int(1, 52)}.xlsx`;
  e['file.extension'] = 'xlsx';
  e['file.size'] = plan.rng.int(20_000, 200_000);
  e['file.sensitivity'] = 'internal';
  emit(plan, t, e);
};

const paymentCreate: Activity = (plan, s, t) => {
  const id = `PAY-${plan.rng.digits(6)}`;
  const vendor = `V-${plan.rng.int(10000, 10999)}`;
  const amount = plan.rng.int(200, 60000);
  const e = base(s, 'erp', 'payment-create');
  Object.assign(e, {
    'resource.id': 'erp',
    'erp.vendor_id': vendor,
    'erp.object_id': id,
    'erp.amount': amount,
    'erp.currency': 'EUR',
    'erp.approval_limit': 50000,
  });
  emit(plan, t, e);
  const approver = plan.approverOf('payment', s.user);
  if (!approver || approver === s.user) return;
  const approve = base({ ...s, user: approver, remote: false }, 'erp', 'payment-approve');
  Object.assign(approve, {
    'resource.id': 'erp',
    'erp.vendor_id': vendor,
    'erp.object_id': id,
    'erp.amount': amount,
    'erp.currency': 'EUR',
    'erp.approval_limit': 100000,
    'erp.created_by': s.user.name,
  });
  emit(plan, Math.min(t + plan.rng.int(1, 3) * HOUR, plan.midnight + 24 * HOUR - MINUTE), approve);
};

const vendorCreate: Activity = (plan, s, t) => {
  const e = base(s, 'erp', plan.rng.chance(0.3) ? 'vendor-bank-change' : 'vendor-create');
  e['resource.id'] = 'erp';
  e['erp.vendor_id'] = `V-${plan.rng.int(11000, 11999)}`;
  e['erp.object_id'] = e['erp.vendor_id'];
  e['erp.callback_verified'] = true;
  e.content = `Vendor master data: IBAN ${iban(plan.rng)}`;
  emit(plan, t, e);
};

const erpQuery: Activity = (plan, s, t) => {
  const e = base(s, 'database', 'query');
  e['resource.id'] = 'erp';
  e['database.statement'] = `SELECT * FROM ledger WHERE period = '${plan.date.slice(0, 7)}'`;
  e['database.rows'] = plan.rng.int(10, 900);
  emit(plan, t, e);
};

/** Sanctioned: the payment run with IBANs to the company's bank, encrypted. */
const bankMail: Activity = (plan, s, t) => {
  const e = base(s, 'email', 'send');
  e['email.from'] = s.user.email;
  e['email.to'] = ['payments@northbank.example'];
  e['email.subject'] = `Payment run ${plan.date}`;
  e['email.encrypted'] = true;
  e['destination.domain'] = 'northbank.example';
  e['network.protocol'] = 'https';
  e.content = withProse(
    plan.rng,
    `Batch: IBAN ${iban(plan.rng)} EUR ${plan.rng.int(100, 9000)}.00; IBAN ${iban(plan.rng)} EUR ${plan.rng.int(100, 9000)}.00`,
    plan.contentBytes,
  );
  emit(plan, t, e);
};

const gitPush: Activity = (plan, s, t) => {
  const repo = s.user.role === 'devops-engineer' ? 'infra' : plan.rng.pick(['web-portal', 'mobile-app']);
  const e = base(s, 'file', 'write');
  e['resource.id'] = `repo-${repo}`;
  e['url.full'] = `https://git.${ORG_DOMAIN}/${repo}.git`;
  e['destination.domain'] = `git.${ORG_DOMAIN}`;
  e['network.protocol'] = 'ssh';
  e['git.operation'] = 'push';
  e['file.size'] = plan.rng.int(2_000, 400_000);
  maybeContent(plan, e, 0.4, () =>
    sourceCode(plan.rng, plan.rng.chance(0.05)).slice(0, plan.contentBytes * 2),
  );
  emit(plan, t, e);
};

const gitClone: Activity = (plan, s, t) => {
  const repo = plan.rng.pick(REPOSITORIES.slice(1, 3));
  const e = base(s, 'file', 'clone');
  e['resource.id'] = `repo-${repo}`;
  e['url.full'] = `https://git.${ORG_DOMAIN}/${repo}.git`;
  e['destination.domain'] = `git.${ORG_DOMAIN}`;
  e['network.protocol'] = 'ssh';
  e['file.size'] = plan.rng.int(20_000_000, 90_000_000);
  emit(plan, t, e);
};

const devWeb: Activity = (plan, s, t) => {
  const domain = plan.rng.pick(DEV_SITES);
  const e = base(s, 'web', 'visit');
  e['url.full'] = `https://${domain}/`;
  e['destination.domain'] = domain;
  e['network.protocol'] = 'https';
  emit(plan, t, e);
};

const processStart: Activity = (plan, s, t) => {
  const e = base(s, 'process', 'start');
  e['process.name'] = plan.rng.pick(PROCESSES);
  emit(plan, t, e);
};

const iamChange: Activity = (plan, s, t) => {
  const action = plan.rng.pick([
    'password-change',
    'password-change',
    'group-add',
    'user-create',
    'privilege-grant',
  ]);
  const e = base(s, 'iam', action);
  e['resource.id'] = 'iam-directory';
  e['target.user.name'] = plan.rng.pick(plan.users).name;
  if (action === 'group-add' || action === 'privilege-grant')
    e['group.name'] = plan.rng.pick(['vpn-users', 'erp-users', 'git-users', 'printers']);
  e['iam.ticket'] = `REQ-${plan.rng.digits(5)}`;
  emit(plan, t, e);
};

const serverLogon: Activity = (plan, s, t) => {
  const e = base(s, 'authentication', 'logon');
  e['host.name'] = `srv-${plan.rng.pick(['app', 'db', 'web', 'file'])}-${plan.rng.int(1, 9)}`;
  e['network.protocol'] = 'ssh';
  e['authentication.method'] = 'key';
  emit(plan, t, e);
};

const hrRead: Activity = (plan, s, t) => {
  const e = base(s, 'file', 'read');
  e['resource.id'] = 'hr-records';
  e['file.name'] = `personnel_${plan.rng.digits(5)}.pdf`;
  e['file.sensitivity'] = 'restricted';
  emit(plan, t, e);
};

/** Sanctioned: payroll rows sent internally, encrypted. */
const payrollMail: Activity = (plan, s, t) => {
  const e = base(s, 'email', 'send');
  e['email.from'] = s.user.email;
  e['email.to'] = [`finance@${ORG_DOMAIN}`];
  e['email.subject'] = 'Payroll changes for approval';
  e['email.encrypted'] = true;
  e['destination.domain'] = ORG_DOMAIN;
  e['network.protocol'] = 'smtp';
  e.content = payrollRows(plan.rng, Math.max(2, Math.round(plan.contentBytes / 90)));
  emit(plan, t, e);
};

const contractRead: Activity = (plan, s, t) => {
  const e = base(s, 'file', 'read');
  e['resource.id'] = 'contracts';
  e['file.name'] = `contract_${plan.rng.int(1000, 9999)}.pdf`;
  e['file.sensitivity'] = 'confidential';
  emit(plan, t, e);
};

/** Sanctioned: contract drafts to the company's law firm, encrypted. */
const lawFirmMail: Activity = (plan, s, t) => {
  const e = base(s, 'email', 'send');
  e['email.from'] = s.user.email;
  e['email.to'] = ['counsel@harlow-law.example'];
  e['email.subject'] = 'Draft agreement - privileged';
  e['email.encrypted'] = true;
  e['destination.domain'] = 'harlow-law.example';
  e['network.protocol'] = 'smtp';
  e.content = contractText(plan.rng).slice(0, plan.contentBytes * 2);
  emit(plan, t, e);
};

const supportLookup: Activity = (plan, s, t) => {
  const e = base(s, 'database', 'query');
  e['resource.id'] = 'customer-db';
  e['database.statement'] = `SELECT * FROM customers WHERE id = ${plan.rng.int(100000, 999999)}`;
  e['database.rows'] = 1;
  e['support.ticket'] = `INC-${plan.rng.int(100000, 199999)}`;
  emit(plan, t, e);
};

const customerExport: Activity = (plan, s, t) => {
  const e = base(s, 'database', 'export');
  e['resource.id'] = 'customer-db';
  e['database.rows'] = plan.rng.int(5, 60);
  e['file.name'] = `complaints_${plan.date}.csv`;
  e['file.sensitivity'] = 'confidential';
  maybeContent(plan, e, 0.5, () => customerRows(plan.rng, Math.max(2, Math.round(plan.contentBytes / 120))));
  emit(plan, t, e);
};

type Mix = [Activity, number][];

const COMMON: Mix = [
  [webVisit, 28],
  [internalMail, 12],
  [receiveMail, 12],
  [chat, 9],
  [shareRead, 10],
  [shareWrite, 5],
  [printJob, 1.4],
  [sharepointUpload, 1.2],
  [expenseSubmit, 0.35],
  [usbCopy, 0.12],
  [mailSelfPrivate, 0.06],
];

const ROLE_MIX: Record<string, Mix> = {
  'sales-director': [
    [crmQuery, 8],
    [customerMail, 8],
    [crmExportSmall, 0.4],
  ],
  'account-manager': [
    [crmQuery, 12],
    [customerMail, 10],
    [crmExportSmall, 0.15],
  ],
  'sales-rep': [
    [crmQuery, 10],
    [customerMail, 10],
  ],
  'finance-controller': [
    [erpQuery, 8],
    [bankMail, 1.5],
  ],
  accountant: [
    [erpQuery, 8],
    [paymentCreate, 4],
    [bankMail, 1.2],
  ],
  'accounts-payable-clerk': [
    [erpQuery, 6],
    [paymentCreate, 5],
    [vendorCreate, 0.4],
  ],
  'engineering-manager': [
    [gitPush, 2],
    [devWeb, 4],
  ],
  'software-engineer': [
    [gitPush, 8],
    [gitClone, 0.4],
    [devWeb, 10],
    [processStart, 6],
  ],
  'devops-engineer': [
    [gitPush, 6],
    [gitClone, 0.4],
    [devWeb, 8],
    [processStart, 6],
    [serverLogon, 4],
  ],
  contractor: [
    [gitPush, 8],
    [devWeb, 10],
    [processStart, 6],
  ],
  'it-manager': [
    [iamChange, 2],
    [serverLogon, 2],
  ],
  'system-administrator': [
    [iamChange, 4],
    [serverLogon, 6],
    [processStart, 5],
  ],
  'helpdesk-technician': [[iamChange, 5]],
  'hr-director': [[hrRead, 6]],
  'hr-specialist': [[hrRead, 10]],
  'payroll-specialist': [
    [hrRead, 6],
    [payrollMail, 1],
  ],
  'general-counsel': [
    [contractRead, 8],
    [lawFirmMail, 1.2],
  ],
  'legal-counsel': [
    [contractRead, 10],
    [lawFirmMail, 1.5],
  ],
  'customer-support-agent': [
    [supportLookup, 16],
    [receiveMail, 6],
  ],
  'operations-analyst': [
    [shareRead, 8],
    [customerExport, 0.4],
  ],
  'operations-manager': [
    [shareRead, 4],
    [customerExport, 0.2],
  ],
  ceo: [[internalMail, 8]],
  cfo: [
    [erpQuery, 3],
    [internalMail, 6],
  ],
  cto: [
    [devWeb, 3],
    [internalMail, 6],
  ],
  'executive-assistant': [
    [internalMail, 8],
    [printJob, 3],
  ],
  'shared-account': [],
};

const mixes = new Map<string, { activities: Activity[]; cumulative: number[] }>();
function mixFor(role: string) {
  let mix = mixes.get(role);
  if (!mix) {
    const all =
      role === 'shared-account' ? ([[shareRead, 1]] as Mix) : [...COMMON, ...(ROLE_MIX[role] ?? [])];
    const cumulative: number[] = [];
    let sum = 0;
    for (const [, weight] of all) cumulative.push((sum += weight));
    mix = { activities: all.map(([a]) => a), cumulative: cumulative.map((c) => c / sum) };
    mixes.set(role, mix);
  }
  return mix;
}

function pickActivity(rng: Random, role: string): Activity {
  const { activities, cumulative } = mixFor(role);
  const x = rng.next();
  let i = 0;
  while (i < cumulative.length - 1 && cumulative[i]! < x) i++;
  return activities[i]!;
}

/** Events per working day for a typical user; weekends and holidays are much quieter. */
export const EVENTS_PER_WORKDAY = 17;

export function benignDay(plan: DayPlan): void {
  const { rng, midnight } = plan;
  for (const user of plan.users) {
    if (user.role === 'partner-consultant') continue;
    if (
      user.employment.start > plan.date ||
      (user.employment.end !== null && user.employment.end < plan.date)
    )
      continue;
    const present = plan.workday ? rng.chance(0.94) : rng.chance(user.weekendWorker ? 0.35 : 0.015);
    if (!present) continue;
    let start: number;
    let end: number;
    if (plan.workday) {
      start = user.dayStart + rng.normal(0, 20);
      end =
        user.lateWorker && rng.chance(0.4) ? rng.int(19 * 60, 22 * 60 + 30) : user.dayEnd + rng.normal(0, 25);
    } else {
      start = rng.int(9 * 60, 15 * 60);
      end = start + rng.int(40, 150);
    }
    const session: Session = {
      user,
      remote: !plan.workday || rng.chance(0.2),
      start: midnight + Math.round(start) * MINUTE,
      end: midnight + Math.min(Math.round(end), 23 * 60 + 50) * MINUTE,
    };
    const logonAction = session.remote ? 'vpn-connect' : 'logon';
    const logon = base(session, 'authentication', logonAction);
    logon['source.geo.country_iso_code'] = user.office.country;
    logon['source.geo.city'] = user.office.city;
    logon['authentication.method'] = session.remote ? 'mfa' : 'password';
    if (user.role === 'shared-account') logon['authentication.shared_account'] = true;
    if (rng.chance(0.02)) {
      const failed = base(session, 'authentication', 'logon-failed');
      failed['event.outcome'] = 'failure';
      emit(plan, session.start - 30 * SECOND, failed);
    }
    emit(plan, session.start, logon);
    const span = Math.max(MINUTE, session.end - session.start - 2 * MINUTE);
    const volume =
      (plan.workday ? EVENTS_PER_WORKDAY : EVENTS_PER_WORKDAY * 0.3) * user.activity * (span / (8.5 * HOUR));
    const count = Math.max(1, Math.round(rng.normal(volume, volume * 0.25)));
    for (let i = 0; i < count; i++) {
      const time = session.start + MINUTE + rng.next() * span;
      pickActivity(rng, user.role)(plan, session, time);
    }
    emit(plan, session.end, base(session, 'authentication', 'logoff'));
  }
}
