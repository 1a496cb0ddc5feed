// `access` documents → entitlements and separation-of-duty pairs.
//
//   kind: access
//   id: finance-access
//   entitlements:
//     - id: ap-approve
//       roles: [accounts-payable]          # and/or groups, users, departments ('*' = anyone)
//       actions: [payment-create, payment-approve]
//       resources: { ids: [erp-*], paths: ['/finance/**'], labels: [confidential] }
//       conditions: { working-hours: { days: [mon,tue,wed,thu,fri], from: '07:00', to: '19:00' },
//                     managed-device: true, networks: [10.0.0.0/8], countries: [DE] }
//   separation-of-duties:
//     - id: vendor-payment
//       actions: [vendor-create, payment-approve]
//       object: erp.vendor_id
//       response: { severity: high, owner: both, category: fraud }
import type { Diagnostic, LoadedDocument } from '../types.ts';
import { closest, documentError } from '../correlate/diagnostic.ts';
import { compileResponse } from '../correlate/response.ts';
import { CONDITIONS } from './conditions/index.ts';
import type {
  AccessCondition,
  CompiledAccess,
  CompiledEntitlement,
  ResourceSelector,
  SeparationOfDuty,
} from './model.ts';

const ENTITLEMENT_KEYS = [
  'id',
  'title',
  'description',
  'roles',
  'groups',
  'users',
  'departments',
  'actions',
  'resources',
  'conditions',
];

export function policyId(doc: LoadedDocument): string {
  for (const key of ['id', 'name', 'title']) {
    const v = doc.data[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return `${doc.file}#${doc.index}`;
}

export function compileAccessDocument(doc: LoadedDocument, into: CompiledAccess, errors: Diagnostic[]): void {
  const policy = policyId(doc);
  const { entitlements, ...rest } = doc.data;
  const sod = rest['separation-of-duties'];
  if (entitlements === undefined && sod === undefined) {
    errors.push(
      documentError(doc, [], 'an access document needs `entitlements` and/or `separation-of-duties`'),
    );
    return;
  }
  if (entitlements !== undefined) {
    if (!Array.isArray(entitlements)) {
      errors.push(documentError(doc, ['entitlements'], '`entitlements` must be a list'));
    } else {
      entitlements.forEach((raw, i) => {
        const e = compileEntitlement(doc, policy, raw, ['entitlements', i], errors);
        if (e) into.entitlements.push(e);
      });
    }
  }
  if (sod !== undefined) {
    if (!Array.isArray(sod)) {
      errors.push(documentError(doc, ['separation-of-duties'], '`separation-of-duties` must be a list'));
    } else {
      sod.forEach((raw, i) => {
        const s = compileSeparation(doc, policy, raw, ['separation-of-duties', i], errors);
        if (s) into.separationOfDuties.push(s);
      });
    }
  }
}

function strings(value: unknown): string[] | null {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.map(String);
  return null;
}

function compileEntitlement(
  doc: LoadedDocument,
  policy: string,
  raw: unknown,
  path: (string | number)[],
  errors: Diagnostic[],
): CompiledEntitlement | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(
      documentError(
        doc,
        path,
        'an entitlement is a map of roles/groups/users, actions, resources, conditions',
      ),
    );
    return null;
  }
  const e = raw as Record<string, unknown>;
  const before = errors.length;
  for (const key of Object.keys(e)) {
    if (!ENTITLEMENT_KEYS.includes(key)) {
      const guess = closest(key, ENTITLEMENT_KEYS);
      errors.push(
        documentError(
          doc,
          [...path, key],
          `unknown entitlement key "${key}"`,
          guess ? `did you mean "${guess}"?` : undefined,
        ),
      );
    }
  }
  const list = (key: string): string[] => {
    const v = strings(e[key]);
    if (v === null) {
      errors.push(documentError(doc, [...path, key], `\`${key}\` must be a list of names`));
      return [];
    }
    return v;
  };
  const roles = list('roles');
  const groups = list('groups');
  const users = list('users');
  const departments = list('departments');
  if (roles.length + groups.length + users.length + departments.length === 0) {
    errors.push(
      documentError(
        doc,
        path,
        'an entitlement must say who it is for',
        "add roles, groups, users or departments ('*' for anyone)",
      ),
    );
  }
  const actions = list('actions');
  if (actions.length === 0)
    errors.push(
      documentError(
        doc,
        [...path, 'actions'],
        'an entitlement must list the actions it allows',
        "e.g. actions: [read, write] ('*' for any)",
      ),
    );
  const resources = compileSelector(doc, e.resources, [...path, 'resources'], errors);
  const conditions: AccessCondition[] = [];
  if (e.conditions !== undefined) {
    if (typeof e.conditions !== 'object' || e.conditions === null || Array.isArray(e.conditions)) {
      errors.push(
        documentError(
          doc,
          [...path, 'conditions'],
          '`conditions` must be a map such as { managed-device: true }',
        ),
      );
    } else {
      for (const [key, value] of Object.entries(e.conditions as Record<string, unknown>)) {
        const compiler = CONDITIONS[key];
        if (!compiler) {
          const guess = closest(key, Object.keys(CONDITIONS));
          errors.push(
            documentError(
              doc,
              [...path, 'conditions', key],
              `unknown condition "${key}"`,
              guess ? `did you mean "${guess}"?` : `one of ${Object.keys(CONDITIONS).join(', ')}`,
            ),
          );
          continue;
        }
        const condition = compiler(value, doc, [...path, 'conditions', key], errors);
        if (condition) conditions.push(condition);
      }
    }
  }
  if (errors.length > before) return null;
  const index = path[path.length - 1];
  return {
    id: typeof e.id === 'string' ? e.id : `${policy}#${String(index)}`,
    policy,
    file: doc.file,
    roles,
    groups,
    users,
    departments,
    actions,
    resources: resources ?? { ids: [], paths: [], labels: [] },
    conditions,
  };
}

function compileSelector(
  doc: LoadedDocument,
  raw: unknown,
  path: (string | number)[],
  errors: Diagnostic[],
): ResourceSelector | null {
  const asIds = strings(raw);
  if (raw !== undefined && asIds !== null && asIds.length > 0) return { ids: asIds, paths: [], labels: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(
      documentError(
        doc,
        path,
        'an entitlement must say which resources it covers',
        'resources: { ids: [...], paths: [...], labels: [...] }',
      ),
    );
    return null;
  }
  const r = raw as Record<string, unknown>;
  const selector: ResourceSelector = { ids: [], paths: [], labels: [] };
  for (const [key, value] of Object.entries(r)) {
    const v = strings(value);
    const target =
      key === 'ids' || key === 'id'
        ? 'ids'
        : key === 'paths' || key === 'path'
          ? 'paths'
          : key === 'labels' || key === 'sensitivity'
            ? 'labels'
            : null;
    if (target === null) {
      const guess = closest(key, ['ids', 'paths', 'labels']);
      errors.push(
        documentError(
          doc,
          [...path, key],
          `unknown resource selector "${key}"`,
          guess ? `did you mean "${guess}"?` : 'use ids, paths or labels',
        ),
      );
      continue;
    }
    if (v === null) {
      errors.push(documentError(doc, [...path, key], `\`${key}\` must be a list`));
      continue;
    }
    for (const item of v) selector[target].push(item);
  }
  if (selector.ids.length + selector.paths.length + selector.labels.length === 0) {
    errors.push(documentError(doc, path, 'the resource selector is empty', 'name ids, paths or labels'));
    return null;
  }
  return selector;
}

function compileSeparation(
  doc: LoadedDocument,
  policy: string,
  raw: unknown,
  path: (string | number)[],
  errors: Diagnostic[],
): SeparationOfDuty | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(
      documentError(doc, path, 'a separation-of-duty entry is { id, actions: [a, b], object: field }'),
    );
    return null;
  }
  const s = raw as Record<string, unknown>;
  const before = errors.length;
  const actions = strings(s.actions);
  if (actions === null || actions.length < 2) {
    errors.push(
      documentError(
        doc,
        [...path, 'actions'],
        'separation of duties needs at least two actions one person must not both do',
        'e.g. actions: [vendor-create, payment-approve]',
      ),
    );
  }
  const object = s.object ?? s.same;
  if (typeof object !== 'string' || object === '') {
    errors.push(
      documentError(
        doc,
        [...path, 'object'],
        'name the field that identifies the shared object',
        'e.g. object: erp.vendor_id',
      ),
    );
  }
  const exclude: Record<string, string[]> = {};
  if (s.exclude !== undefined) {
    if (typeof s.exclude !== 'object' || s.exclude === null || Array.isArray(s.exclude)) {
      errors.push(
        documentError(
          doc,
          [...path, 'exclude'],
          '`exclude` maps fields to values, e.g. { erp.approver: auto }',
        ),
      );
    } else {
      for (const [field, value] of Object.entries(s.exclude as Record<string, unknown>)) {
        const values = strings(value);
        if (values === null)
          errors.push(
            documentError(
              doc,
              [...path, 'exclude', field],
              `\`${field}\` must be a value or a list of values`,
            ),
          );
        else exclude[field] = values;
      }
    }
  }
  const response = compileResponse(doc, s.response, [...path, 'response'], s.level, errors);
  if (errors.length > before) return null;
  const index = path[path.length - 1];
  const id = typeof s.id === 'string' ? s.id : `${policy}#sod${String(index)}`;
  return {
    id,
    title: typeof s.title === 'string' ? s.title : `${actions!.join(' + ')} on the same ${String(object)}`,
    policy,
    actions: actions!,
    object: object as string,
    exclude,
    response: { ...response, category: response.category ?? 'fraud' },
  };
}
