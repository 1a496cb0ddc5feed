// The generated company: departments, roles, managers, offices, working rhythms. Deterministic from
// the seed. Scenario actors are picked from (or added to) this organisation later.
import type { Random } from './random.ts';
import { FIRST_NAMES, LAST_NAMES } from './names.ts';

export const ORG_DOMAIN = 'meridian.example';
export const ORG_NAME = 'Meridian Ltd';

export const DEPARTMENTS = [
  'Executive',
  'Sales',
  'Engineering',
  'Operations',
  'Finance',
  'IT',
  'HR',
  'Legal',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

interface DepartmentPlan {
  weight: number;
  head: string;
  /** Roles filled right after the head, so small organisations still have every job scenarios use. */
  required: string[];
  fill: string[];
  code: string;
}

export const DEPARTMENT_PLANS: Record<Department, DepartmentPlan> = {
  Executive: {
    weight: 0.07,
    head: 'ceo',
    required: ['cfo', 'cto'],
    fill: ['executive-assistant'],
    code: 'EXE',
  },
  Sales: {
    weight: 0.2,
    head: 'sales-director',
    required: ['account-manager', 'sales-rep', 'account-manager'],
    fill: ['account-manager', 'sales-rep'],
    code: 'SAL',
  },
  Engineering: {
    weight: 0.24,
    head: 'engineering-manager',
    required: ['software-engineer', 'devops-engineer'],
    fill: ['software-engineer', 'software-engineer', 'devops-engineer'],
    code: 'ENG',
  },
  Operations: {
    weight: 0.18,
    head: 'operations-manager',
    required: ['customer-support-agent', 'operations-analyst'],
    fill: ['customer-support-agent', 'customer-support-agent', 'operations-analyst'],
    code: 'OPS',
  },
  Finance: {
    weight: 0.11,
    head: 'finance-controller',
    required: ['accounts-payable-clerk', 'accountant', 'accountant'],
    fill: ['accountant', 'accounts-payable-clerk'],
    code: 'FIN',
  },
  IT: {
    weight: 0.08,
    head: 'it-manager',
    required: ['system-administrator', 'helpdesk-technician'],
    fill: ['system-administrator', 'helpdesk-technician'],
    code: 'ITS',
  },
  HR: {
    weight: 0.07,
    head: 'hr-director',
    required: ['hr-specialist', 'payroll-specialist'],
    fill: ['hr-specialist'],
    code: 'HRS',
  },
  Legal: {
    weight: 0.05,
    head: 'general-counsel',
    required: ['legal-counsel'],
    fill: ['legal-counsel'],
    code: 'LEG',
  },
};

export const OFFICES = [
  { city: 'London', country: 'GB', network: 10 },
  { city: 'Frankfurt', country: 'DE', network: 20 },
] as const;

export interface OrgUser {
  name: string;
  first: string;
  last: string;
  full_name: string;
  email: string;
  personal_email: string;
  department: string;
  role: string;
  manager?: string;
  groups: string[];
  office: { city: string; country: string };
  host: string;
  ip: string;
  home_ip: string;
  employment: { start: string; end: string | null };
  /** Minutes after midnight UTC the working day usually starts / ends. */
  dayStart: number;
  dayEnd: number;
  /** Often still at work in the evening (benign ground for after-hours rules). */
  lateWorker: boolean;
  weekendWorker: boolean;
  /** Relative volume of activity (1 = typical). */
  activity: number;
  /** Accounts the generator added for scenarios (contractor, partner, shared login). */
  created?: boolean;
  hr?: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/** Seats per department for `count` employees: every department first, then by weight. */
function departmentSeats(count: number): Department[] {
  const seats: Department[] = [];
  const order: Department[] = [
    'Sales',
    'Finance',
    'IT',
    'Engineering',
    'Operations',
    'HR',
    'Legal',
    'Executive',
  ];
  for (const department of order) if (seats.length < count) seats.push(department);
  const remaining = count - seats.length;
  const quotas = DEPARTMENTS.map((d) => ({ d, exact: remaining * DEPARTMENT_PLANS[d].weight }));
  for (const q of quotas) for (let i = 0; i < Math.floor(q.exact); i++) seats.push(q.d);
  quotas.sort((x, y) => y.exact - Math.floor(y.exact) - (x.exact - Math.floor(x.exact)));
  for (let i = 0; seats.length < count; i++) seats.push(quotas[i % quotas.length]!.d);
  return seats;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class AccountNames {
  private readonly taken = new Set<string>();
  claim(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    return name;
  }
}

export function makeUser(
  rng: Random,
  names: AccountNames,
  department: string,
  role: string,
  index: number,
  periodStart: number,
  account?: string,
): OrgUser {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const name = names.claim(account ?? `${first[0]!.toLowerCase()}${last.toLowerCase()}`);
  const office = rng.chance(0.7) ? OFFICES[0] : OFFICES[1];
  const code = DEPARTMENT_PLANS[department as Department]?.code ?? 'EXT';
  const startYearsAgo = rng.next() * 9 + 0.3;
  const dayStart = Math.round(rng.normal(8.4 * 60, 40));
  return {
    name,
    first,
    last,
    full_name: `${first} ${last}`,
    email: `${name.replace(/[^a-z0-9.]/g, '.')}@${ORG_DOMAIN}`,
    personal_email: `${first.toLowerCase()}.${last.toLowerCase()}${rng.int(10, 99)}@gmail.com`,
    department,
    role,
    groups: ['all-staff', department.toLowerCase()],
    office: { city: office.city, country: office.country },
    host: `WS-${code}-${String(1000 + index).padStart(4, '0')}`,
    ip: `10.${office.network + (index >> 8)}.${((index >> 4) % 16) + 16 * (DEPARTMENTS.indexOf(department as Department) + 1)}.${(index % 250) + 2}`,
    home_ip: `${rng.pick([81, 86, 92, 95])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(2, 254)}`,
    employment: { start: isoDate(periodStart - Math.round(startYearsAgo * 365) * 86_400_000), end: null },
    dayStart,
    dayEnd: dayStart + Math.round(rng.normal(8.6 * 60, 35)),
    lateWorker: rng.chance(0.12),
    weekendWorker: rng.chance(0.08),
    activity: Math.max(0.4, rng.normal(1, 0.3)),
    extra: {},
  };
}

/** `count` employees with managers: department heads report to the CEO, staff to their head. */
export function buildOrganisation(
  rng: Random,
  count: number,
  periodStart: number,
  names: AccountNames,
): OrgUser[] {
  const seats = departmentSeats(count);
  const byDepartment = new Map<string, OrgUser[]>();
  const users: OrgUser[] = [];
  for (const department of DEPARTMENTS) {
    const plan = DEPARTMENT_PLANS[department];
    const size = seats.filter((d) => d === department).length;
    const members: OrgUser[] = [];
    for (let i = 0; i < size; i++) {
      const role =
        i === 0
          ? plan.head
          : (plan.required[i - 1] ?? plan.fill[(i - 1 - plan.required.length) % plan.fill.length]!);
      const user = makeUser(rng, names, department, role, users.length, periodStart);
      members.push(user);
      users.push(user);
    }
    byDepartment.set(department, members);
  }
  const ceo = byDepartment.get('Executive')?.[0];
  for (const [department, members] of byDepartment) {
    const head = members[0];
    for (const member of members) {
      if (member === head) {
        if (ceo && member !== ceo) member.manager = ceo.name;
      } else if (head) member.manager = head.name;
      if (member === head) member.groups.push('managers');
      if (department === 'IT' && member.role !== 'helpdesk-technician') member.groups.push('it-admins');
      if (department === 'Finance') member.groups.push('erp-users');
      if (department === 'Engineering') member.groups.push('git-users');
      if (member.lateWorker || department === 'Sales' || department === 'Executive')
        member.groups.push('vpn-users');
    }
  }
  return users;
}
