// JSON Web Token (RFC 7519): three base64url parts whose header decodes to a JSON object with "alg".
// Decoded by hand: the engine runs where `atob` or `Buffer` may not be.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodeBase64Url(text: string): string | undefined {
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

export function jwt(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 3) return false;
  const header = decodeBase64Url(parts[0] ?? '');
  if (header === undefined) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return typeof parsed === 'object' && parsed !== null && 'alg' in parsed;
  } catch {
    return false;
  }
}
