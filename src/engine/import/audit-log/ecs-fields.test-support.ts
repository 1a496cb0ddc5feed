// What the audit-log tests compare: the ECS fields a format gives, as an event holds them.
/** The ECS fields every audit-log format may give, and `extra` ones, as an event holds them. */
export function ecsFieldsOf(
  event: Record<string, unknown>,
  extra: readonly string[] = [],
): Record<string, unknown> {
  const fields = [
    '@timestamp',
    'event.id',
    'event.action',
    'event.category',
    'event.outcome',
    'user.name',
    'source.ip',
    'user_agent.original',
    ...extra,
  ];
  return Object.fromEntries(fields.map((field) => [field, event[field]]));
}
