// AWS CloudTrail records: a `{"Records": […]}` file (the JSON reader reads the list), one record
// per line, or a folder of either. SigmaHQ's cloudtrail rules name the record's own fields
// (`eventSource`, `eventName`, `userIdentity.arn`, `requestParameters.bucketName`), which stay as
// flattened; `@timestamp` comes from `eventTime` as for any log that keeps its time there
// (`SOURCE_FIELDS` in `../flatten.ts`).
import type { EngineEvent } from '../../types.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/**
 * The acting account: an IAM user's `userName`; for an assumed role or a federated user, the
 * session name that ends the ARN (`…:assumed-role/Admin/alice@example.com` → `alice@example.com`,
 * the person in the SSO case); else the principal id.
 */
function actingAccount(event: EngineEvent): string | undefined {
  const arn = textOf(event, 'userIdentity.arn');
  const slash = arn === undefined ? -1 : arn.lastIndexOf('/');
  const sessionName =
    arn !== undefined && slash >= 0 && slash < arn.length - 1 ? arn.slice(slash + 1) : undefined;
  return textOf(event, 'userIdentity.userName') ?? sessionName ?? textOf(event, 'userIdentity.principalId');
}

/**
 * A call that failed carries an `errorCode`; a failed console sign-in carries none, only
 * `responseElements.ConsoleLogin: Failure` (and an `errorMessage`).
 */
function outcome(event: EngineEvent): 'success' | 'failure' {
  const failed =
    textOf(event, 'errorCode') !== undefined || event['responseElements.ConsoleLogin'] === 'Failure';
  return failed ? 'failure' : 'success';
}

/**
 * The data model's categories that CloudTrail records fit: console sign-ins are `authentication`,
 * IAM calls that change something (`readOnly: false`) are `iam`. Other services (S3, STS, EC2) fit
 * none of ours, and get no category rather than a made-up one.
 */
function category(event: EngineEvent): string | undefined {
  if (event.eventSource === 'signin.amazonaws.com') return 'authentication';
  const changes = event.readOnly === false || event.readOnly === 'false';
  if (event.eventSource === 'iam.amazonaws.com' && changes) return 'iam';
  return undefined;
}

export const CLOUDTRAIL: AuditLogFormat = {
  name: 'AWS CloudTrail records',
  // Every record says which service, which call and when; together the three are CloudTrail's.
  recognises: (event) =>
    typeof event.eventSource === 'string' &&
    typeof event.eventName === 'string' &&
    event.eventTime !== undefined,
  fields: (event) => {
    const sourceAddress = textOf(event, 'sourceIPAddress');
    return {
      'event.id': textOf(event, 'eventID'),
      'event.action': textOf(event, 'eventName'),
      'event.category': category(event),
      'event.outcome': outcome(event),
      'user.name': actingAccount(event),
      // A call a service made for the user names the service here (`ec2.amazonaws.com`).
      'source.ip': sourceAddress !== undefined && isIpAddress(sourceAddress) ? sourceAddress : undefined,
      'user_agent.original': textOf(event, 'userAgent'),
      'cloud.region': textOf(event, 'awsRegion'),
    };
  },
};
