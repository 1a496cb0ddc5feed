// The event categories and actions of docs/data-model.md, so a scenario's templates are checked
// against the same words rules and importers use.

export const EVENT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  authentication: ['logon', 'logoff', 'logon-failed', 'vpn-connect'],
  file: [
    'read',
    'write',
    'copy',
    'rename',
    'delete',
    'download',
    'upload',
    'archive',
    'label-change',
    'clone',
  ],
  email: ['send', 'receive', 'forward-rule-create'],
  web: ['visit', 'upload', 'download'],
  device: ['connect', 'disconnect', 'usb-write'],
  iam: [
    'user-create',
    'user-disable',
    'group-add',
    'privilege-grant',
    'mfa-disable',
    'password-change',
    'logging-disable',
    'backup-delete',
  ],
  database: ['query', 'export'],
  print: ['print'],
  chat: ['message'],
  process: ['start'],
  erp: [
    'vendor-create',
    'vendor-bank-change',
    'payment-create',
    'payment-approve',
    'expense-submit',
    'expense-approve',
  ],
  hr: [
    'resignation',
    'performance-plan',
    'conflict-report',
    'anonymous-complaint',
    'financial-stress',
    'termination',
  ],
};

/** Fields the generator owns: a template that sets them would break ids, order or ground truth. */
export const GENERATED_FIELDS = ['@timestamp', 'event.id', 'labels.scenario', 'labels.step'] as const;
