// A CERT insider-threat dataset folder (r4.2, r5.x, r6.x) is recognised by its activity logs.
export const CERT_ACTIVITY_FILES = ['logon.csv', 'device.csv', 'file.csv', 'email.csv', 'http.csv'] as const;

export function isCertListing(names: readonly string[]): boolean {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return CERT_ACTIVITY_FILES.some((name) => lower.has(name));
}
