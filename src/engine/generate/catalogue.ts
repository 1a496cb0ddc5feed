// The resource catalogue: what exists, who owns it, and how sensitive it is. Ids are stable so
// scenarios and access policies can name them (docs/scenarios.md lists them).
import type { CatalogResource } from '../types.ts';
import { DEPARTMENTS, ORG_DOMAIN } from './organisation.ts';

const FIXED: CatalogResource[] = [
  {
    id: 'crm',
    name: 'Customer relationship management',
    type: 'application',
    sensitivity: 'confidential',
    department: 'Sales',
  },
  {
    id: 'crm-vip',
    name: 'VIP customer records',
    type: 'database',
    sensitivity: 'restricted',
    department: 'Operations',
  },
  {
    id: 'customer-db',
    name: 'Customer database',
    type: 'database',
    sensitivity: 'confidential',
    department: 'Operations',
  },
  {
    id: 'erp',
    name: 'ERP finance system',
    type: 'application',
    sensitivity: 'confidential',
    department: 'Finance',
  },
  {
    id: 'hr-records',
    name: 'HR personnel records',
    type: 'application',
    sensitivity: 'restricted',
    department: 'HR',
  },
  {
    id: 'hr-exec-comp',
    name: 'Executive compensation',
    type: 'file-share',
    path: '\\\\hr-fs01\\compensation\\executive',
    sensitivity: 'restricted',
    department: 'HR',
  },
  { id: 'payroll', name: 'Payroll', type: 'application', sensitivity: 'restricted', department: 'HR' },
  {
    id: 'contracts',
    name: 'Contract repository',
    type: 'document-store',
    sensitivity: 'confidential',
    department: 'Legal',
  },
  {
    id: 'iam-directory',
    name: 'Identity directory',
    type: 'directory',
    sensitivity: 'restricted',
    department: 'IT',
  },
  { id: 'backups', name: 'Backup vault', type: 'storage', sensitivity: 'restricted', department: 'IT' },
  {
    id: 'audit-logging',
    name: 'Audit logging pipeline',
    type: 'service',
    sensitivity: 'restricted',
    department: 'IT',
  },
  {
    id: 'website',
    name: 'Public website and press kit',
    type: 'web',
    url: 'https://www.meridian.example',
    sensitivity: 'public',
    department: 'Sales',
  },
  {
    id: 'intranet',
    name: 'Intranet',
    type: 'web',
    url: `https://intranet.${ORG_DOMAIN}`,
    sensitivity: 'internal',
    department: 'IT',
  },
  {
    id: 'wiki',
    name: 'Company wiki',
    type: 'web',
    url: `https://wiki.${ORG_DOMAIN}`,
    sensitivity: 'internal',
    department: 'IT',
  },
  {
    id: 'printer-2f',
    name: 'Printer 2nd floor west',
    type: 'printer',
    sensitivity: 'internal',
    department: 'IT',
  },
  {
    id: 'printer-4f',
    name: 'Printer 4th floor east',
    type: 'printer',
    sensitivity: 'internal',
    department: 'IT',
  },
];

export const REPOSITORIES = ['payments-core', 'mobile-app', 'web-portal', 'data-platform', 'infra'] as const;

export function fileShareId(department: string): string {
  return `fs-${department.toLowerCase()}`;
}

/** The catalogue; owners are the department heads of the generated organisation. */
export function buildCatalogue(headOf: (department: string) => string | undefined): CatalogResource[] {
  const resources: CatalogResource[] = FIXED.map((r) => ({ ...r }));
  for (const repo of REPOSITORIES) {
    resources.push({
      id: `repo-${repo}`,
      name: `Git repository ${repo}`,
      type: 'repository',
      url: `https://git.${ORG_DOMAIN}/${repo}.git`,
      sensitivity: 'confidential',
      department: 'Engineering',
    });
  }
  for (const department of DEPARTMENTS) {
    const sensitive = ['Executive', 'Finance', 'HR', 'Legal'].includes(department);
    resources.push({
      id: fileShareId(department),
      name: `${department} file share`,
      type: 'file-share',
      path: `\\\\fs01\\${department.toLowerCase()}`,
      sensitivity: sensitive ? 'confidential' : 'internal',
      department,
    });
  }
  for (const resource of resources) {
    const owner = headOf(resource.department ?? '');
    if (owner) resource.owner = owner;
  }
  return resources;
}
