// German tax identification number (Steuerliche Identifikationsnummer): eleven digits, no leading
// zero, in the first ten exactly one digit repeats (twice or three times, the BZSt rule since
// 2016) and a digit occurring three times never does so three times in a row, and the last digit
// is the ISO 7064 MOD 11,10 check digit.
import { digitsOf } from './digits.ts';

export function deTaxId(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 11 || digits[0] === '0') return false;
  const counts = new Map<string, number>();
  for (const digit of digits.slice(0, 10)) counts.set(digit, (counts.get(digit) ?? 0) + 1);
  const repeated = [...counts.values()].filter((count) => count > 1);
  if (repeated.length !== 1 || (repeated[0] ?? 0) > 3) return false;
  for (let i = 2; i < 10; i++) if (digits[i] === digits[i - 1] && digits[i] === digits[i - 2]) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === digits.charCodeAt(10) - 48;
}
