// What IAM actually granted. Mostly what each role needs, plus the excess real organisations
// accumulate (rights copied from a colleague, holiday cover never removed, "engineering" groups
// that reach every repository, partners never revoked) — the ground access policies should flag.
import type { Entitlement } from '../types.ts';
import type { OrgUser } from './organisation.ts';
import { REPOSITORIES, fileShareId } from './catalogue.ts';

type Grant = [resource: string, actions: string[]];

const ROLE_GRANTS: Record<string, Grant[]> = {
  'sales-director': [['crm', ['query', 'export']]],
  'account-manager': [['crm', ['query', 'export']]],
  'sales-rep': [
    ['crm', ['query']],
    ['erp', ['expense-submit']],
  ],
  'finance-controller': [['erp', ['payment-approve', 'expense-approve', 'vendor-create', 'query', 'export']]],
  accountant: [['erp', ['payment-create', 'query', 'export']]],
  'accounts-payable-clerk': [['erp', ['vendor-create', 'vendor-bank-change', 'payment-create', 'query']]],
  'engineering-manager': [['repo-web-portal', ['clone', 'write']]],
  'software-engineer': [
    ['repo-web-portal', ['clone', 'write']],
    ['repo-mobile-app', ['clone', 'write']],
  ],
  'devops-engineer': [
    ['repo-infra', ['clone', 'write']],
    ['backups', ['read']],
  ],
  contractor: [['repo-mobile-app', ['clone', 'write']]],
  'customer-support-agent': [['customer-db', ['query']]],
  'operations-analyst': [['customer-db', ['query', 'export']]],
  'operations-manager': [
    ['customer-db', ['query', 'export']],
    ['crm-vip', ['query']],
  ],
  'it-manager': [
    ['iam-directory', ['user-create', 'user-disable', 'group-add', 'privilege-grant']],
    ['backups', ['backup-delete']],
    ['audit-logging', ['logging-disable']],
  ],
  'system-administrator': [
    [
      'iam-directory',
      ['user-create', 'user-disable', 'group-add', 'privilege-grant', 'mfa-disable', 'password-change'],
    ],
    ['backups', ['backup-delete', 'read']],
    ['audit-logging', ['logging-disable']],
  ],
  'helpdesk-technician': [['iam-directory', ['password-change', 'user-create', 'group-add']]],
  'hr-director': [
    ['hr-records', ['read', 'write']],
    ['hr-exec-comp', ['read']],
    ['payroll', ['read']],
  ],
  'hr-specialist': [['hr-records', ['read', 'write']]],
  'payroll-specialist': [
    ['payroll', ['read', 'write']],
    ['hr-records', ['read']],
  ],
  'general-counsel': [['contracts', ['read', 'write', 'download']]],
  'legal-counsel': [['contracts', ['read', 'write', 'download']]],
  ceo: [['hr-exec-comp', ['read']]],
  cfo: [
    ['erp', ['payment-approve', 'query']],
    ['hr-exec-comp', ['read']],
  ],
  cto: [],
  'executive-assistant': [],
  'partner-consultant': [],
  'shared-account': [[fileShareId('Operations'), ['read', 'download']]],
};

export function buildEntitlements(users: readonly OrgUser[], granted: string): Entitlement[] {
  const rights: Entitlement[] = [];
  const add = (user: OrgUser, resource: string, actions: string[], source: string) =>
    rights.push({ user: user.name, resource, actions, source, granted });
  for (const user of users) {
    add(
      user,
      fileShareId(user.department),
      ['read', 'write', 'download'],
      `group:${user.department.toLowerCase()}`,
    );
    add(user, 'intranet', ['visit'], 'group:all-staff');
    add(user, 'erp', ['expense-submit'], 'group:all-staff');
    for (const [resource, actions] of ROLE_GRANTS[user.role] ?? [])
      add(user, resource, actions, `role:${user.role}`);
    if (user.groups.includes('managers')) add(user, 'erp', ['expense-approve'], 'group:managers');
    // Deliberate excess, as the issue asks: each line is a least-privilege finding waiting to happen.
    if (user.department === 'Engineering')
      for (const repo of REPOSITORIES) add(user, `repo-${repo}`, ['clone'], 'group:engineering');
    if (user.role === 'hr-specialist')
      add(user, 'hr-exec-comp', ['read'], 'direct:copied-from-payroll-colleague');
    if (user.role === 'hr-specialist') add(user, 'payroll', ['read'], 'direct:copied-from-payroll-colleague');
    if (user.role === 'accounts-payable-clerk') add(user, 'erp', ['payment-approve'], 'direct:holiday-cover');
    if (user.role === 'customer-support-agent')
      add(user, 'crm-vip', ['query', 'export'], 'role:customer-support-agent');
    if (user.role === 'partner-consultant')
      add(user, fileShareId('Operations'), ['read', 'download'], 'group:partners');
    if (user.role === 'shared-account') add(user, fileShareId('Finance'), ['read', 'download'], 'direct');
    if (user.role === 'devops-engineer')
      add(user, 'iam-directory', ['privilege-grant'], 'direct:migration-2024');
  }
  return rights;
}
