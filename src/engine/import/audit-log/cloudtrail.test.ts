// CloudTrail records as AWS writes them (invented accounts, addresses and ids): each keeps its own
// flattened fields for SigmaHQ's rules and is given the ECS fields our rules read.
import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from '../json.ts';
import { parseNdjson } from '../ndjson.ts';
import { ASSUME_ROLE_BY_SERVICE, CONSOLE_LOGIN_FAILURE, S3_GET_OBJECT } from './samples.test-support.ts';

/** An IAM change that failed: `errorCode` says the call was refused. */
const CREATE_ACCESS_KEY_DENIED = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDA4EXAMPLEBOB00001',
    arn: 'arn:aws:iam::111122223333:user/ops/bob',
    accountId: '111122223333',
  },
  eventTime: '2026-03-02T10:05:12Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateAccessKey',
  awsRegion: 'us-east-1',
  sourceIPAddress: '2001:db8:5::17',
  userAgent: 'aws-cli/2.15.30',
  errorCode: 'AccessDenied',
  errorMessage:
    'User: arn:aws:iam::111122223333:user/ops/bob is not authorized to perform: iam:CreateAccessKey',
  requestParameters: { userName: 'carol' },
  responseElements: null,
  eventID: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  readOnly: false,
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
};

const TRAIL = {
  Records: [CONSOLE_LOGIN_FAILURE, S3_GET_OBJECT, ASSUME_ROLE_BY_SERVICE, CREATE_ACCESS_KEY_DENIED],
};

describe('CloudTrail records', () => {
  const { events, errors } = parseJsonEvents(JSON.stringify(TRAIL, null, 2), 'trail.json');

  it('keep their own fields flattened, as SigmaHQ cloudtrail rules name them', () => {
    const [login, get, assume] = events;
    expect(login).toMatchObject({
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      'userIdentity.type': 'IAMUser',
      'responseElements.ConsoleLogin': 'Failure',
      sourceIPAddress: '203.0.113.57',
    });
    expect(get).toMatchObject({
      'userIdentity.arn': S3_GET_OBJECT.userIdentity.arn,
      'requestParameters.bucketName': 'acme-finance-reports',
      'requestParameters.key': 'payroll/2026-02/payroll.xlsx',
      'additionalEventData.bytesTransferredOut': 48213,
    });
    expect(assume).toMatchObject({
      'userIdentity.invokedBy': 'ec2.amazonaws.com',
      sourceIPAddress: 'ec2.amazonaws.com',
    });
  });

  it('are given the ECS fields our rules read', () => {
    const ecs = (event: (typeof events)[number]) => ({
      '@timestamp': event['@timestamp'],
      'event.id': event['event.id'],
      'event.action': event['event.action'],
      'event.category': event['event.category'],
      'event.outcome': event['event.outcome'],
      'user.name': event['user.name'],
      'source.ip': event['source.ip'],
      'user_agent.original': event['user_agent.original'],
      'cloud.region': event['cloud.region'],
    });
    expect(events.map(ecs)).toEqual([
      {
        '@timestamp': '2026-03-02T08:59:41Z',
        'event.id': '3f1c2a8e-5b7d-4e0a-9c61-2d8f4b7a1e90',
        'event.action': 'ConsoleLogin',
        'event.category': 'authentication',
        // No errorCode on a failed console sign-in: its responseElements say it.
        'event.outcome': 'failure',
        'user.name': 'jdoe',
        'source.ip': '203.0.113.57',
        'user_agent.original': CONSOLE_LOGIN_FAILURE.userAgent,
        'cloud.region': 'us-east-1',
      },
      {
        '@timestamp': '2026-03-02T09:14:05Z',
        'event.id': '9d7e1f40-2c3b-4a5d-8e6f-7a8b9c0d1e2f',
        'event.action': 'GetObject',
        // S3 has no category in our data model: none is made up.
        'event.category': undefined,
        'event.outcome': 'success',
        // The SSO session name that ends the assumed role's ARN: the person.
        'user.name': 'alice@example.com',
        'source.ip': '198.51.100.23',
        'user_agent.original': S3_GET_OBJECT.userAgent,
        'cloud.region': 'eu-west-1',
      },
      {
        '@timestamp': '2026-03-02T09:20:00Z',
        'event.id': '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
        'event.action': 'AssumeRole',
        'event.category': undefined,
        'event.outcome': 'success',
        // A service has no user name, ARN or principal id.
        'user.name': undefined,
        // `ec2.amazonaws.com` is no address.
        'source.ip': undefined,
        'user_agent.original': 'ec2.amazonaws.com',
        'cloud.region': 'eu-west-1',
      },
      {
        '@timestamp': '2026-03-02T10:05:12Z',
        'event.id': '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
        'event.action': 'CreateAccessKey',
        'event.category': 'iam',
        'event.outcome': 'failure',
        'user.name': 'bob',
        'source.ip': '2001:db8:5::17',
        'user_agent.original': 'aws-cli/2.15.30',
        'cloud.region': 'us-east-1',
      },
    ]);
  });

  it('keep ECS fields a record already has', () => {
    const own = { ...S3_GET_OBJECT, user: { name: 'svc-reports' }, event: { action: 'read', id: 'mine-1' } };
    const [event] = parseNdjson(JSON.stringify(own), 'trail.ndjson').events;
    expect(event).toMatchObject({ 'user.name': 'svc-reports', 'event.action': 'read', 'event.id': 'mine-1' });
  });

  it('are said once per file, with the fields they are given', () => {
    expect(errors.map((e) => [e.line, e.severity, e.message])).toEqual([
      [1, 'warning', 'read the events listed under "Records"'],
      [
        3,
        'warning',
        'events take @timestamp from "eventTime" (CloudTrail\'s time) where they lack it (first at line 3)',
      ],
      [
        3,
        'warning',
        'read as AWS CloudTrail records (first at line 3): each keeps its own fields and is given event.id, event.action, event.category, event.outcome, user.name, source.ip, user_agent.original, cloud.region where it lacks them',
      ],
    ]);
  });

  it('read one per line give the same events as the Records document', () => {
    const lines = TRAIL.Records.map((record) => JSON.stringify(record)).join('\n');
    const read = parseNdjson(lines, 'trail.ndjson');
    const withoutIds = (list: typeof events) => list.map((e) => ({ ...e, 'event.id': undefined }));
    expect(withoutIds(read.events)).toEqual(withoutIds(events));
    expect(read.errors.filter((e) => e.severity === 'error')).toEqual([]);
  });

  it('a record without eventSource, eventName and eventTime is not read as CloudTrail', () => {
    const [event] = parseNdjson(
      '{"eventName":"GetObject","sourceIPAddress":"198.51.100.23"}',
      'x.ndjson',
    ).events;
    expect(event!['event.action']).toBeUndefined();
    expect(event!['source.ip']).toBeUndefined();
  });
});
