// managed-device: true — the access must come from a company-managed device. Only an explicit
// `host.managed: false` breaks it: events that do not say are not held against the user.
import type { Diagnostic, LoadedDocument } from '../../types.ts';
import { documentError } from '../../correlate/diagnostic.ts';
import type { AccessCondition } from '../model.ts';

export function compileManagedDevice(
  value: unknown,
  doc: LoadedDocument,
  path: (string | number)[],
  errors: Diagnostic[],
): AccessCondition | null {
  if (typeof value !== 'boolean') {
    errors.push(documentError(doc, path, '`managed-device` must be true or false'));
    return null;
  }
  if (!value) return null;
  return {
    kind: 'managed-device',
    reads: ['host.managed', 'host.name'],
    requirement: 'from a managed device',
    violation(event) {
      const managed = event['host.managed'];
      if (managed === false || managed === 'false') {
        const host = event['host.name'];
        return `host ${typeof host === 'string' ? `"${host}" ` : ''}is not managed`;
      }
      return null;
    },
  };
}
