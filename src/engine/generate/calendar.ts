// Working days: Monday to Friday, except public holidays both offices observe.
const HOLIDAYS = new Set(['01-01', '05-01', '12-24', '12-25', '12-26', '12-31']);

export function isWorkday(midnight: number): boolean {
  const date = new Date(midnight);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !HOLIDAYS.has(date.toISOString().slice(5, 10));
}
