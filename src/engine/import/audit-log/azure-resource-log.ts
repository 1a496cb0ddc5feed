// Azure resource logs and the Activity log as a diagnostic setting streams them to an Event Hub or a
// storage account (`{"records": […]}`): every record has the common top-level schema (`time`,
// `operationName`, `category`, `resourceId` or, for tenant services, `tenantId`) and its service's own
// fields under `properties` (Key Vault `AuditEvent`, Storage `StorageRead`, Activity `Administrative`,
// Defender's `AdvancedHunting-*`). Entra's sign-in and audit records share the schema and are read by
// their own formats, with more fields; this one reads every other record of the schema.
import type { EngineEvent } from '../../types.ts';
import { ENTRA_AUDIT } from './entra-audit.ts';
import { ENTRA_SIGN_IN } from './entra-sign-in.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/** `resultType` words: the Activity log's `Success`/`Failure` (`Start`, `Accept` say no outcome), others' `Succeeded`/`Failed`. */
const OUTCOMES: Readonly<Record<string, 'success' | 'failure'>> = {
  Success: 'success',
  Succeeded: 'success',
  Failure: 'failure',
  Failed: 'failure',
};

function hasCommonSchema(event: EngineEvent): boolean {
  return (
    typeof event.time === 'string' &&
    typeof event.operationName === 'string' &&
    typeof event.category === 'string' &&
    (typeof event.resourceId === 'string' || typeof event.tenantId === 'string')
  );
}

export const AZURE_RESOURCE_LOG: AuditLogFormat = {
  name: 'Azure resource log records',
  recognises: (event) =>
    hasCommonSchema(event) && !ENTRA_SIGN_IN.recognises(event) && !ENTRA_AUDIT.recognises(event),
  fields: (event) => {
    const address = textOf(event, 'callerIpAddress');
    const result = textOf(event, 'resultType');
    return {
      '@timestamp': textOf(event, 'time'),
      'event.action': textOf(event, 'operationName'),
      'event.outcome': result === undefined ? undefined : OUTCOMES[result],
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
    };
  },
};
