// Cloud audit records as AWS and Microsoft write them (invented accounts, tenant, addresses and
// ids), shared by the tests of the audit-log readers.

/** A console sign-in with a wrong password: no errorCode, the failure is in responseElements. */
export const CONSOLE_LOGIN_FAILURE = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDA4EXAMPLE7QFAILED',
    accountId: '111122223333',
    accessKeyId: '',
    userName: 'jdoe',
  },
  eventTime: '2026-03-02T08:59:41Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.57',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0',
  errorMessage: 'Failed authentication',
  requestParameters: null,
  responseElements: { ConsoleLogin: 'Failure' },
  additionalEventData: {
    LoginTo: 'https://console.aws.amazon.com/console/home',
    MobileVersion: 'No',
    MFAUsed: 'No',
  },
  eventID: '3f1c2a8e-5b7d-4e0a-9c61-2d8f4b7a1e90',
  readOnly: false,
  eventType: 'AwsConsoleSignIn',
  managementEvent: true,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  tlsDetails: {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 'signin.aws.amazon.com',
  },
};

export const S3_GET_OBJECT = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROA4EXAMPLEROLEID:alice@example.com',
    arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DataAnalyst_0a1b2c3d4e5f6a7b/alice@example.com',
    accountId: '111122223333',
    accessKeyId: 'ASIA4EXAMPLEKEY12345',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROA4EXAMPLEROLEID',
        arn: 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataAnalyst_0a1b2c3d4e5f6a7b',
        accountId: '111122223333',
        userName: 'AWSReservedSSO_DataAnalyst_0a1b2c3d4e5f6a7b',
      },
      attributes: { creationDate: '2026-03-02T09:02:10Z', mfaAuthenticated: 'false' },
    },
  },
  eventTime: '2026-03-02T09:14:05Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '198.51.100.23',
  userAgent: '[aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.cp]',
  requestParameters: {
    bucketName: 'acme-finance-reports',
    Host: 'acme-finance-reports.s3.eu-west-1.amazonaws.com',
    key: 'payroll/2026-02/payroll.xlsx',
  },
  responseElements: null,
  additionalEventData: { bytesTransferredIn: 0, bytesTransferredOut: 48213, 'x-amz-id-2': 'EXAMPLEamzid2' },
  requestID: 'K3JQ7EXAMPLE9Z2P',
  eventID: '9d7e1f40-2c3b-4a5d-8e6f-7a8b9c0d1e2f',
  readOnly: true,
  resources: [
    { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::acme-finance-reports/payroll/2026-02/payroll.xlsx' },
    { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::acme-finance-reports' },
  ],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: '111122223333',
  eventCategory: 'Data',
};

/** A role an EC2 instance profile assumes: the caller is a service, named where an address would be. */
export const ASSUME_ROLE_BY_SERVICE = {
  eventVersion: '1.08',
  userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
  eventTime: '2026-03-02T09:20:00Z',
  eventSource: 'sts.amazonaws.com',
  eventName: 'AssumeRole',
  awsRegion: 'eu-west-1',
  sourceIPAddress: 'ec2.amazonaws.com',
  userAgent: 'ec2.amazonaws.com',
  requestParameters: {
    roleArn: 'arn:aws:iam::111122223333:role/app-server',
    roleSessionName: 'i-0abc123def4567890',
  },
  responseElements: {
    credentials: {
      accessKeyId: 'ASIA4EXAMPLEKEY67890',
      sessionToken: 'EXAMPLE',
      expiration: 'Mar 2, 2026, 3:20:00 PM',
    },
  },
  requestID: 'b1c2d3e4-0000-4a5b-8c9d-0e1f2a3b4c5d',
  eventID: '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  readOnly: true,
  resources: [
    { accountId: '111122223333', type: 'AWS::IAM::Role', ARN: 'arn:aws:iam::111122223333:role/app-server' },
  ],
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '111122223333',
  sharedEventID: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  eventCategory: 'Management',
};

export const FILE_DOWNLOADED = {
  CreationTime: '2026-03-02T09:31:17',
  Id: '5d2f7a61-0c4b-4e8a-9f13-08de1c2b3a4f',
  Operation: 'FileDownloaded',
  OrganizationId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  RecordType: 6,
  UserKey: 'i:0h.f|membership|10033fff8a1b2c3d@live.com',
  UserType: 0,
  Version: 1,
  Workload: 'OneDrive',
  ClientIP: '203.0.113.80:50321',
  ObjectId: 'https://contoso-my.sharepoint.com/personal/megan_b_contoso_com/Documents/Budget 2026.xlsx',
  UserId: 'megan.b@contoso.com',
  CorrelationId: '2a9f1ea0-c0de-4000-b1e8-4d5c6b7a8f90',
  EventSource: 'SharePoint',
  ItemType: 'File',
  ListId: '9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a',
  ListItemUniqueId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  Site: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
  UserAgent: 'Microsoft SkyDriveSync 24.020.0128.0003 ship; Windows NT 10.0 (22631)',
  WebId: '4f5a6b7c-8d9e-4f0a-8b1c-2d3e4f5a6b7c',
  FileSizeBytes: 184320,
  SourceFileExtension: 'xlsx',
  SiteUrl: 'https://contoso-my.sharepoint.com/personal/megan_b_contoso_com/',
  SourceFileName: 'Budget 2026.xlsx',
  SourceRelativeUrl: 'Documents',
};

export const MAIL_ITEMS_ACCESSED = {
  CreationTime: '2026-03-02T09:40:02',
  Id: 'e8f9a0b1-c2d3-4e4f-9a5b-6c7d8e9f0a1b',
  Operation: 'MailItemsAccessed',
  OrganizationId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  RecordType: 50,
  ResultStatus: 'Succeeded',
  UserKey: '10033FFF8A1B2C3D',
  UserType: 0,
  Version: 1,
  Workload: 'Exchange',
  ClientIP: '[2001:db8:44::7]:51234',
  UserId: 'megan.b@contoso.com',
  AppId: '00000002-0000-0ff1-ce00-000000000000',
  ClientAppId: '',
  ClientIPAddress: '2001:db8:44::7',
  ClientInfoString: 'Client=OWA;Action=ViaProxy',
  ExternalAccess: false,
  InternalLogonType: 0,
  LogonType: 0,
  MailboxGuid: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  MailboxOwnerUPN: 'megan.b@contoso.com',
  OperationProperties: [
    { Name: 'MailAccessType', Value: 'Bind' },
    { Name: 'IsThrottled', Value: 'False' },
  ],
  OrganizationName: 'contoso.onmicrosoft.com',
  SessionId: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e',
  OperationCount: 3,
};

/** A wrong password at Okta's sign-in page, as `/api/v1/logs` lists it. */
export const OKTA_LOGIN_FAILURE = {
  actor: {
    id: '00u1a2b3c4D5e6F7g8h9',
    type: 'User',
    alternateId: 'dana.k@acme.example',
    displayName: 'Dana Kowalski',
    detailEntry: null,
  },
  client: {
    userAgent: {
      rawUserAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
      os: 'Mac OS X',
      browser: 'CHROME',
    },
    zone: 'null',
    device: 'Computer',
    id: null,
    ipAddress: '198.51.100.14',
    geographicalContext: {
      city: 'Lyon',
      state: 'Auvergne-Rhone-Alpes',
      country: 'France',
      postalCode: '69001',
      geolocation: { lat: 45.764, lon: 4.8357 },
    },
  },
  device: null,
  authenticationContext: {
    authenticationProvider: null,
    credentialProvider: null,
    credentialType: null,
    issuer: null,
    interface: null,
    authenticationStep: 0,
    externalSessionId: 'unknown',
  },
  displayMessage: 'User login to Okta',
  eventType: 'user.session.start',
  outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
  published: '2026-03-02T08:12:44.511Z',
  securityContext: {
    asNumber: 64496,
    asOrg: 'example isp',
    isp: 'example isp',
    domain: 'example.net',
    isProxy: false,
  },
  severity: 'INFO',
  debugContext: {
    debugData: {
      requestId: 'ZeOq1aBcDeFgHiJkLmNoPAAAB0',
      requestUri: '/idp/idx/identify',
      url: '/idp/idx/identify?',
    },
  },
  legacyEventType: 'core.user_auth.login_failed',
  transaction: { type: 'WEB', id: 'ZeOq1aBcDeFgHiJkLmNoPAAAB0', detail: {} },
  uuid: '2c1b6f0e-d8a4-11ee-9b1f-5f3c2a1b0c9d',
  version: '0',
  request: {
    ipChain: [
      {
        ip: '198.51.100.14',
        geographicalContext: { city: 'Lyon', country: 'France' },
        version: 'V4',
        source: null,
      },
    ],
  },
  target: null,
};

/** An administrator resets a user's factors: the user is the target, the admin the actor. */
export const OKTA_MFA_RESET = {
  actor: {
    id: '00u9z8y7x6W5v4U3t2s1',
    type: 'User',
    alternateId: 'it.admin@acme.example',
    displayName: 'IT Admin',
    detailEntry: null,
  },
  client: {
    userAgent: { rawUserAgent: 'UNKNOWN', os: 'Unknown', browser: 'UNKNOWN' },
    zone: 'null',
    device: 'Unknown',
    id: null,
    ipAddress: '2001:db8:77::5',
    geographicalContext: null,
  },
  displayMessage: 'Reset all factors for user',
  eventType: 'user.mfa.factor.reset_all',
  outcome: { result: 'SUCCESS', reason: null },
  published: '2026-03-02T08:20:03.002Z',
  severity: 'INFO',
  legacyEventType: 'core.user.factor.reset_all',
  transaction: { type: 'WEB', id: 'ZeOr7bCdEfGhIjKlMnOpQAAAC1', detail: {} },
  uuid: '5e7a9c10-d8a5-11ee-8c2d-6a4b3c2d1e0f',
  version: '0',
  target: [
    {
      id: '00u1a2b3c4D5e6F7g8h9',
      type: 'User',
      alternateId: 'dana.k@acme.example',
      displayName: 'Dana Kowalski',
      detailEntry: null,
    },
  ],
};

/** A sign-in as Microsoft Graph's `/auditLogs/signIns` lists it: it worked (`errorCode` 0). */
export const ENTRA_SIGN_IN_GRAPH = {
  id: '66ea54eb-6301-4ee5-be62-ff5a759b0100',
  createdDateTime: '2026-03-02T08:30:11Z',
  userDisplayName: 'Megan Bowen',
  userPrincipalName: 'megan.b@contoso.com',
  userId: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a',
  appId: '00000002-0000-0ff1-ce00-000000000000',
  appDisplayName: 'Office 365 Exchange Online',
  ipAddress: '203.0.113.80',
  clientAppUsed: 'Browser',
  correlationId: 'c0ffee00-1234-4abc-9def-0123456789ab',
  conditionalAccessStatus: 'success',
  isInteractive: true,
  riskDetail: 'none',
  riskLevelAggregated: 'none',
  riskLevelDuringSignIn: 'none',
  riskState: 'none',
  riskEventTypes: [],
  riskEventTypes_v2: [],
  resourceDisplayName: 'Office 365 Exchange Online',
  resourceId: '00000002-0000-0ff1-ce00-000000000000',
  status: { errorCode: 0, failureReason: 'Other.', additionalDetails: null },
  deviceDetail: {
    deviceId: '',
    displayName: '',
    operatingSystem: 'Windows10',
    browser: 'Edge 122.0.0',
    isCompliant: false,
    isManaged: false,
    trustType: '',
  },
  location: {
    city: 'Seattle',
    state: 'Washington',
    countryOrRegion: 'US',
    geoCoordinates: { altitude: null, latitude: 47.6, longitude: -122.3 },
  },
  appliedConditionalAccessPolicies: [],
};

/** A sign-in with a wrong password, as an Azure diagnostic setting writes it (`SignInLogs`). */
export const ENTRA_SIGN_IN_DIAGNOSTIC = {
  time: '2026-03-02T08:41:57.3917422Z',
  resourceId: '/tenants/b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e/providers/Microsoft.aadiam',
  operationName: 'Sign-in activity',
  operationVersion: '1.0',
  category: 'SignInLogs',
  tenantId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  resultType: '50126',
  resultSignature: 'None',
  resultDescription: 'Error validating credentials due to invalid username or password.',
  durationMs: 0,
  callerIpAddress: '198.51.100.200',
  correlationId: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
  identity: 'Megan Bowen',
  Level: 4,
  location: 'NL',
  properties: {
    id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
    createdDateTime: '2026-03-02T08:41:51.1234567+00:00',
    userDisplayName: 'Megan Bowen',
    userPrincipalName: 'megan.b@contoso.com',
    userId: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a',
    appId: '1b730954-1685-4b74-9bfd-dac224a7b894',
    appDisplayName: 'Azure Active Directory PowerShell',
    ipAddress: '198.51.100.200',
    status: {
      errorCode: 50126,
      failureReason: 'Error validating credentials due to invalid username or password.',
    },
    clientAppUsed: 'Mobile Apps and Desktop clients',
    userAgent: 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.22621.2506',
    deviceDetail: { deviceId: '', operatingSystem: 'Windows', browser: '' },
    location: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL' },
    correlationId: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
    conditionalAccessStatus: 'notApplied',
    isInteractive: true,
    authenticationRequirement: 'singleFactorAuthentication',
  },
};

/** A role granted, as Microsoft Graph's `/auditLogs/directoryAudits` lists it. */
export const ENTRA_AUDIT_GRAPH = {
  id: 'Directory_3c2b1a09-8f7e-4d6c-b5a4-392817160504_ABCDE_123456789',
  category: 'RoleManagement',
  correlationId: '3c2b1a09-8f7e-4d6c-b5a4-392817160504',
  result: 'success',
  resultReason: '',
  activityDisplayName: 'Add member to role',
  activityDateTime: '2026-03-02T10:01:00.4512345Z',
  loggedByService: 'Core Directory',
  operationType: 'Assign',
  initiatedBy: {
    app: null,
    user: {
      id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      displayName: null,
      userPrincipalName: 'it.admin@contoso.com',
      ipAddress: '203.0.113.9',
      userType: null,
      homeTenantId: null,
      homeTenantName: null,
    },
  },
  targetResources: [
    {
      id: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a',
      displayName: null,
      type: 'User',
      userPrincipalName: 'megan.b@contoso.com',
      groupType: null,
      modifiedProperties: [
        { displayName: 'Role.DisplayName', oldValue: null, newValue: '"Global Administrator"' },
      ],
    },
  ],
  additionalDetails: [],
};

/** A user deleted, as an Azure diagnostic setting writes it (`AuditLogs`); no address on record. */
export const ENTRA_AUDIT_DIAGNOSTIC = {
  time: '2026-03-02T10:12:30.0000000Z',
  resourceId: '/tenants/b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e/providers/Microsoft.aadiam',
  operationName: 'Delete user',
  operationVersion: '1.0',
  category: 'AuditLogs',
  tenantId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  resultSignature: 'None',
  durationMs: 0,
  callerIpAddress: '<null>',
  correlationId: '8e9f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b',
  Level: 4,
  properties: {
    id: 'Directory_8e9f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b_FGHIJ_987654321',
    category: 'UserManagement',
    correlationId: '8e9f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b',
    result: 'failure',
    resultReason: 'Insufficient privileges',
    activityDisplayName: 'Delete user',
    activityDateTime: '2026-03-02T10:12:29.8123456+00:00',
    loggedByService: 'Core Directory',
    operationType: 'Delete',
    userAgent: null,
    initiatedBy: {
      user: {
        id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
        userPrincipalName: 'helpdesk.2@contoso.com',
        ipAddress: '',
      },
    },
    targetResources: [
      {
        id: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a',
        type: 'User',
        userPrincipalName: 'megan.b@contoso.com',
        modifiedProperties: [],
      },
    ],
    additionalDetails: [],
  },
};

/** A Key Vault secret read, as a diagnostic setting streams it (`AuditEvent`): the common schema. */
export const AZURE_KEY_VAULT_SECRET_GET = {
  time: '2026-03-02T10:20:41.2250000Z',
  category: 'AuditEvent',
  operationName: 'SecretGet',
  resultType: 'Success',
  correlationId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  callerIpAddress: '203.0.113.41',
  identity: { claim: { appid: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' } },
  properties: { id: 'https://kv-payroll.vault.azure.net/secrets/db-password', clientInfo: 'azsdk-net' },
  resourceId:
    '/SUBSCRIPTIONS/5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B/RESOURCEGROUPS/PAYROLL/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV-PAYROLL',
  operationVersion: '7.4',
  resultSignature: 'OK',
  durationMs: '12',
};

/** A Drive download, as the Reports API's `activities.list` (application `drive`) gives it. */
export const WORKSPACE_DRIVE_DOWNLOAD = {
  kind: 'admin#reports#activity',
  id: {
    time: '2026-03-02T11:05:33.412Z',
    uniqueQualifier: '-5012345678901234567',
    applicationName: 'drive',
    customerId: 'C03abc123',
  },
  etag: '"Qx1yZ2aB3cD4/eF5gH6iJ7kL8mN9"',
  actor: { email: 'dana.k@acme.example', profileId: '109876543210987654321', callerType: 'USER' },
  ipAddress: '198.51.100.14',
  events: [
    {
      type: 'access',
      name: 'download',
      parameters: [
        { name: 'primary_event', boolValue: true },
        { name: 'billable', boolValue: true },
        { name: 'doc_id', value: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' },
        { name: 'doc_type', value: 'spreadsheet' },
        { name: 'doc_title', value: 'Customer list 2026' },
        { name: 'owner', value: 'sales.lead@acme.example' },
        { name: 'visibility', value: 'people_within_domain_with_link' },
      ],
    },
  ],
};

/** A failed sign-in (application `login`): the event's name says how it ended. */
export const WORKSPACE_LOGIN_FAILURE = {
  kind: 'admin#reports#activity',
  id: {
    time: '2026-03-02T07:58:02.100Z',
    uniqueQualifier: '7012345678901234567',
    applicationName: 'login',
    customerId: 'C03abc123',
  },
  etag: '"Qx1yZ2aB3cD4/aa11bb22cc33"',
  actor: { email: 'dana.k@acme.example', profileId: '109876543210987654321' },
  ipAddress: '2001:db8:9::14',
  events: [
    {
      type: 'login',
      name: 'login_failure',
      parameters: [
        { name: 'login_type', value: 'google_password' },
        { name: 'login_challenge_method', multiValue: ['password'] },
        { name: 'login_failure_type', value: 'login_failure_invalid_password' },
        { name: 'is_suspicious', boolValue: false },
      ],
    },
  ],
};

/** A private repository cloned over HTTPS, as an organisation's audit log export writes it. */
export const GITHUB_GIT_CLONE = {
  '@timestamp': 1772445600123,
  _document_id: 'Xj9aB3cD4eF5gH6iJ7kL8m',
  action: 'git.clone',
  actor: 'dana-k',
  actor_id: 4412345,
  actor_ip: '198.51.100.14',
  actor_location: { country_code: 'FR' },
  business: 'acme',
  business_id: 9012,
  org: 'acme-corp',
  org_id: 812345,
  repo: 'acme-corp/payments-service',
  repo_id: 700123456,
  repository: 'acme-corp/payments-service',
  repository_public: false,
  transport_protocol: 1,
  transport_protocol_name: 'http',
  user_agent: 'git/2.43.0',
};

/** A member added to the organisation: no address (the export leaves `actor_ip` out). */
export const GITHUB_ADD_MEMBER = {
  '@timestamp': 1772449200456,
  _document_id: 'Qw3eR4tY5uI6oP7aS8dF9g',
  action: 'org.add_member',
  actor: 'octo-admin',
  actor_id: 1001,
  created_at: 1772449200456,
  org: 'acme-corp',
  org_id: 812345,
  permission: 'read',
  user: 'contractor-7',
  user_id: 5512345,
};

/**
 * `aws cloudtrail lookup-events` output (AWS CLI v2; management events only): the record is text in
 * `CloudTrailEvent`.
 */
export const LOOKUP_EVENTS_ENTRY = {
  EventId: CONSOLE_LOGIN_FAILURE.eventID,
  EventName: 'ConsoleLogin',
  ReadOnly: 'false',
  EventTime: '2026-03-02T08:59:41+00:00',
  EventSource: 'signin.amazonaws.com',
  Username: 'jdoe',
  Resources: [],
  CloudTrailEvent: JSON.stringify(CONSOLE_LOGIN_FAILURE),
};

/** An upload over HTTP, as Zeek's `http.log` writes it in JSON (`LogAscii::use_json`). */
export const ZEEK_HTTP_POST = {
  ts: 1772442125.402311,
  uid: 'CH3kq41Zx8wQp2Ld7',
  'id.orig_h': '10.20.4.17',
  'id.orig_p': 50712,
  'id.resp_h': '192.0.2.80',
  'id.resp_p': 80,
  trans_depth: 1,
  method: 'POST',
  host: 'paste.example.net',
  uri: '/api/upload?name=q3-forecast.xlsx',
  version: '1.1',
  user_agent: 'curl/8.5.0',
  request_body_len: 2483200,
  response_body_len: 64,
  status_code: 201,
  status_msg: 'Created',
  tags: [],
  orig_fuids: ['FqT1mZ3sY0nPcW2e8'],
  orig_mime_types: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

/** The file of that upload, as Zeek 6's `files.log` writes it in JSON. */
export const ZEEK_FILE_SEEN = {
  ts: 1772442125.61,
  fuid: 'FqT1mZ3sY0nPcW2e8',
  uid: 'CH3kq41Zx8wQp2Ld7',
  'id.orig_h': '10.20.4.17',
  'id.orig_p': 50712,
  'id.resp_h': '192.0.2.80',
  'id.resp_p': 80,
  source: 'HTTP',
  depth: 0,
  analyzers: ['SHA256'],
  mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  filename: 'q3-forecast.xlsx',
  duration: 0.2,
  is_orig: true,
  seen_bytes: 2483200,
  total_bytes: 2483200,
  missing_bytes: 0,
  overflow_bytes: 0,
  timedout: false,
  sha256: '9f2c4e1a7b3d5f60812a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80',
};

/** A file carried over HTTP, as Suricata's EVE log writes it (`fileinfo`). */
export const SURICATA_FILEINFO = {
  timestamp: '2026-03-02T10:02:05.402311+0100',
  flow_id: 1623981723456789,
  in_iface: 'eth1',
  event_type: 'fileinfo',
  src_ip: '192.0.2.80',
  src_port: 80,
  dest_ip: '10.20.4.17',
  dest_port: 50712,
  proto: 'TCP',
  app_proto: 'http',
  http: {
    hostname: 'files.example.org',
    url: '/share/payroll-2026.zip',
    http_user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    http_method: 'GET',
    protocol: 'HTTP/1.1',
    status: 200,
    length: 7340032,
  },
  fileinfo: {
    filename: '/share/payroll-2026.zip',
    gaps: false,
    state: 'CLOSED',
    sha256: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f',
    stored: false,
    size: 7340032,
    tx_id: 0,
  },
};

/** A mail with an attachment, as Suricata's EVE log writes it (`smtp`). */
export const SURICATA_SMTP = {
  timestamp: '2026-03-02T10:15:00.000100+0100',
  flow_id: 2075312987654321,
  event_type: 'smtp',
  src_ip: '10.20.4.17',
  src_port: 51234,
  dest_ip: '198.51.100.25',
  dest_port: 25,
  proto: 'TCP',
  app_proto: 'smtp',
  smtp: {
    helo: 'ws-17.corp.example',
    mail_from: '<dana@corp.example>',
    rcpt_to: ['<dana.home@mail.example>'],
  },
  email: {
    status: 'PARSE_DONE',
    from: 'Dana <dana@corp.example>',
    to: ['<dana.home@mail.example>'],
    attachment: ['customers.xlsx'],
  },
};

/** A file read, as Winlogbeat 8 writes Security event 4663 to a file (no ingest pipeline). */
export const WINLOGBEAT_OBJECT_ACCESS = {
  '@timestamp': '2026-03-02T09:12:44.518Z',
  event: {
    code: '4663',
    kind: 'event',
    provider: 'Microsoft-Windows-Security-Auditing',
    created: '2026-03-02T09:12:45.002Z',
  },
  host: { name: 'fs-02.corp.example' },
  log: { level: 'information' },
  message: 'An attempt was made to access an object.',
  winlog: {
    channel: 'Security',
    event_id: '4663',
    provider_name: 'Microsoft-Windows-Security-Auditing',
    provider_guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}',
    computer_name: 'fs-02.corp.example',
    record_id: 918273,
    task: 'File System',
    keywords: ['Audit Success'],
    process: { pid: 4, thread: { id: 212 } },
    event_data: {
      SubjectUserSid: 'S-1-5-21-1111111111-2222222222-3333333333-1107',
      SubjectUserName: 'dana',
      SubjectDomainName: 'CORP',
      SubjectLogonId: '0x3e7a1f',
      ObjectServer: 'Security',
      ObjectType: 'File',
      ObjectName: 'D:\\Shares\\Finance\\customers-2026.xlsx',
      HandleId: '0x1c4',
      AccessList: '%%4416',
      AccessMask: '0x1',
      ProcessId: '0x4',
      ProcessName: 'System',
    },
  },
};

/** A file written to a USB stick, as Winlogbeat writes Sysmon event 11. */
export const WINLOGBEAT_SYSMON_FILE_CREATE = {
  '@timestamp': '2026-03-02T09:20:03.117Z',
  event: { code: '11', kind: 'event', provider: 'Microsoft-Windows-Sysmon' },
  host: { name: 'ws-17.corp.example' },
  winlog: {
    channel: 'Microsoft-Windows-Sysmon/Operational',
    event_id: 11,
    provider_name: 'Microsoft-Windows-Sysmon',
    computer_name: 'ws-17.corp.example',
    record_id: 55120,
    event_data: {
      RuleName: '-',
      UtcTime: '2026-03-02 09:20:03.115',
      ProcessGuid: '{5e6f7a8b-1c2d-65e3-9a01-000000000c00}',
      ProcessId: '7312',
      Image: 'C:\\Windows\\explorer.exe',
      TargetFilename: 'E:\\backup\\customers-2026.xlsx',
      CreationUtcTime: '2026-03-02 09:20:03.115',
      User: 'CORP\\dana',
    },
  },
};

/** A wrong password at Microsoft's sign-in page, as the unified audit log records it. */
export const USER_LOGIN_FAILED = {
  CreationTime: '2026-03-03T06:12:40',
  Id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  Operation: 'UserLoginFailed',
  OrganizationId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  RecordType: 15,
  ResultStatus: 'Failed',
  UserKey: '10033FFF8A1B2C3D',
  UserType: 0,
  Version: 1,
  Workload: 'AzureActiveDirectory',
  ClientIP: '203.0.113.45',
  ObjectId: '00000003-0000-0ff1-ce00-000000000000',
  UserId: 'megan.b@contoso.example',
  AzureActiveDirectoryEventType: 1,
  ExtendedProperties: [
    { Name: 'ResultStatusDetail', Value: 'UserError' },
    { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/122.0.0.0' },
    { Name: 'RequestType', Value: 'Login:login' },
  ],
  ModifiedProperties: [],
  Actor: [
    { ID: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', Type: 0 },
    { ID: 'megan.b@contoso.example', Type: 5 },
  ],
  ActorContextId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  ActorIpAddress: '203.0.113.45',
  InterSystemsId: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
  IntraSystemId: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c',
  Target: [{ ID: '00000003-0000-0ff1-ce00-000000000000', Type: 0 }],
  TargetContextId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  ApplicationId: '4765445b-32c6-49b0-83e6-1d93765276ca',
  DeviceProperties: [
    { Name: 'OS', Value: 'Windows 10' },
    { Name: 'BrowserType', Value: 'Edge' },
  ],
  ErrorNumber: '50126',
  LogonError: 'InvalidUserNameOrPassword',
};

/** An inbox rule that forwards mail outside, made with New-InboxRule (Exchange admin audit). */
export const NEW_INBOX_RULE_FORWARD = {
  CreationTime: '2026-03-03T06:20:05',
  Id: '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
  Operation: 'New-InboxRule',
  OrganizationId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  RecordType: 1,
  ResultStatus: 'True',
  UserKey: '10033FFF8A1B2C3D',
  UserType: 0,
  Version: 1,
  Workload: 'Exchange',
  ClientIP: '203.0.113.45:61022',
  ObjectId: 'contoso.example/Staff/megan.b\\.',
  UserId: 'megan.b@contoso.example',
  AppId: '00000002-0000-0ff1-ce00-000000000000',
  ClientAppId: '',
  ExternalAccess: false,
  OrganizationName: 'contoso.onmicrosoft.example',
  OriginatingServer: 'AM0PR01MB0001 (15.20.7316.000)',
  Parameters: [
    { Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' },
    { Name: 'Force', Value: 'False' },
    { Name: 'ForwardTo', Value: '"m.b.archive" [SMTP:m.b.archive@gmail.com];colleague@contoso.example' },
    { Name: 'Name', Value: '.' },
    { Name: 'StopProcessingRules', Value: 'True' },
  ],
  SessionId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
};

/** A Purview DLP policy match on a sent message. */
export const DLP_RULE_MATCH_EXCHANGE = {
  CreationTime: '2026-03-03T10:41:22',
  Id: '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a',
  Operation: 'DlpRuleMatch',
  OrganizationId: 'b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  RecordType: 13,
  UserKey: 'DlpAgent',
  UserType: 4,
  Version: 1,
  Workload: 'Exchange',
  ObjectId: '<CWXP265MB0001.GBRP265.PROD.OUTLOOK.EXAMPLE@contoso.example>',
  UserId: 'megan.b@contoso.example',
  IncidentId: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7c',
  PolicyDetails: [
    {
      PolicyId: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8d',
      PolicyName: 'Card data',
      Rules: [
        {
          RuleId: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9e',
          RuleName: 'Card numbers sent outside',
          Actions: ['NotifyUser'],
          RuleMode: 'Enable',
          Severity: 'High',
        },
      ],
    },
  ],
  SensitiveInfoDetectionIsIncluded: false,
  ExchangeMetaData: {
    BCC: [],
    CC: [],
    FileSize: 20480,
    From: 'megan.b@contoso.example',
    MessageID: '<CWXP265MB0001.GBRP265.PROD.OUTLOOK.EXAMPLE@contoso.example>',
    RecipientCount: 1,
    Sent: '2026-03-03T10:41:18',
    Subject: 'card list',
    To: ['m.b.archive@gmail.com'],
    UniqueID: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0f',
  },
};

/** A file deleted through a share, as Winlogbeat writes Security event 5145 (DELETE and ReadAttributes). */
export const WINLOGBEAT_SHARE_DELETE = {
  '@timestamp': '2026-03-02T18:40:12.201Z',
  winlog: {
    channel: 'Security',
    event_id: 5145,
    provider_name: 'Microsoft-Windows-Security-Auditing',
    computer_name: 'fs-02.corp.example',
    record_id: 918301,
    task: 'Detailed File Share',
    keywords: ['Audit Success'],
    event_data: {
      SubjectUserSid: 'S-1-5-21-1111111111-2222222222-3333333333-1107',
      SubjectUserName: 'dana',
      SubjectDomainName: 'CORP',
      SubjectLogonId: '0x3e7a1f',
      ObjectType: 'File',
      IpAddress: '10.20.4.17',
      IpPort: '52144',
      ShareName: '\\\\*\\Finance',
      ShareLocalPath: '\\??\\D:\\Shares\\Finance',
      RelativeTargetName: 'Budgets\\2026.xlsx',
      AccessMask: '0x10080',
      AccessList: '%%1537\n\t\t\t\t%%4423\n\t\t\t\t',
      AccessReason: '-',
    },
  },
};

/** A member added to a global security group, as Winlogbeat writes Security event 4728. */
export const WINLOGBEAT_GROUP_ADD = {
  '@timestamp': '2026-03-02T23:06:54.880Z',
  winlog: {
    channel: 'Security',
    event_id: '4728',
    provider_name: 'Microsoft-Windows-Security-Auditing',
    computer_name: 'dc-01.corp.example',
    record_id: 77121,
    keywords: ['Audit Success'],
    event_data: {
      MemberName: 'CN=Maint Svc,OU=Service Accounts,DC=corp,DC=example',
      MemberSid: 'S-1-5-21-1111111111-2222222222-3333333333-2209',
      TargetUserName: 'Domain Admins',
      TargetDomainName: 'CORP',
      TargetSid: 'S-1-5-21-1111111111-2222222222-3333333333-512',
      SubjectUserSid: 'S-1-5-21-1111111111-2222222222-3333333333-1104',
      SubjectUserName: 'rkoch',
      SubjectDomainName: 'CORP',
      SubjectLogonId: '0x5c1e2f',
      PrivilegeList: '-',
    },
  },
};
