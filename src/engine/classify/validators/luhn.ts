// Luhn (ISO/IEC 7812-1 mod 10): the check digit every payment card number carries.
import { digitsOf } from './digits.ts';

export function luhn(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 12 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * A card number read with the group that follows it (`4111 1111 1111 1111 123`: the 16-digit card
 * and its CVV read as a 19-digit number): the number without its last separated group, when at least
 * 13 digits are left. One group only, so a card is never cut out of a longer number's front.
 */
export function luhnPrefix(value: string): string | undefined {
  const cut = Math.max(value.lastIndexOf(' '), value.lastIndexOf('-'));
  if (cut <= 0) return undefined;
  const head = value.slice(0, cut);
  return digitsOf(head).length >= 13 ? head : undefined;
}
