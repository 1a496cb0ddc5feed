// ABA routing transit number: nine digits whose weighted sum (3, 7, 1 repeating) is a multiple of
// ten, and whose first two digits are a Federal Reserve prefix (00–12, 21–32, 61–72, 80).
import { digitsOf } from './digits.ts';

const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

export function aba(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 9) return false;
  const prefix = Number(digits.slice(0, 2));
  const validPrefix =
    prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!validPrefix || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return sum % 10 === 0;
}
