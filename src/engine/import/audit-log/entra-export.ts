// Microsoft Entra ID (Azure AD) writes a sign-in or directory audit record two ways: Microsoft
// Graph (`/auditLogs/signIns`, `/auditLogs/directoryAudits`, the portal's JSON download) gives the
// record itself; an Azure diagnostic setting (storage account, Event Hub) wraps it as
// `{"records": [{"time", "operationName", "category", "callerIpAddress", "properties": {…}}]}`,
// the record under `properties` (the JSON reader reads the `records` list). Both are read: each
// field is looked for at the top and under `properties.`.

/** Where a record's fields sit: at the top (Graph) or under `properties.` (a diagnostic setting). */
export const ENTRA_PLACES = ['', 'properties.'] as const;
