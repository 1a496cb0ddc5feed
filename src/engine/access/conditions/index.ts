// The entitlement conditions, one file per kind, registered here by their YAML key.
import type { Diagnostic, LoadedDocument } from '../../types.ts';
import type { AccessCondition } from '../model.ts';
import { compileManagedDevice } from './managed-device.ts';
import { compileCountries, compileNetworks } from './network.ts';
import { compileWorkingHours } from './working-hours.ts';

export type ConditionCompiler = (
  value: unknown,
  doc: LoadedDocument,
  path: (string | number)[],
  errors: Diagnostic[],
) => AccessCondition | null;

export const CONDITIONS: Record<string, ConditionCompiler> = {
  'working-hours': compileWorkingHours,
  'managed-device': compileManagedDevice,
  networks: compileNetworks,
  countries: compileCountries,
};
