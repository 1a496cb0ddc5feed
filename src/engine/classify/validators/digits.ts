// Validators see the matched text as written ("4111 1111-1111 1111"); separators people type
// between digit groups are not part of the number.

/** The digits of a value with spaces, dashes, dots and slashes removed; '' when anything else is left. */
export function digitsOf(value: string): string {
  const compact = value.replace(/[\s\-./]/g, '');
  return /^\d+$/.test(compact) ? compact : '';
}

/** The value upper-cased with spaces and dashes removed (IBAN, BIC, NINO are written in groups). */
export function compactUpper(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}
