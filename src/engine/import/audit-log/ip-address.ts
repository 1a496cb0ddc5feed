// Audit logs write where a call came from in fields that also hold other things: CloudTrail's
// `sourceIPAddress` names the AWS service that made a call on a user's behalf
// (`ec2.amazonaws.com`), and Microsoft 365's `ClientIP` carries the client's port (`1.2.3.4:5678`,
// `[2001:db8::1]:443`). `source.ip` must hold an address only: rules compare it with CIDR ranges.

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** Hex groups and colons, at least two of them, optionally ending in an IPv4 (`::ffff:1.2.3.4`). */
const IPV6 = /^(?=.*:.*:)[0-9a-f:]+(?:\d{1,3}(?:\.\d{1,3}){3})?$/i;

export function isIpAddress(text: string): boolean {
  return IPV4.test(text) || (IPV6.test(text) && !text.includes(':::'));
}

/**
 * The address of an `address:port` written by a client log: `1.2.3.4:5678` → `1.2.3.4`,
 * `[::1]:443` → `::1`. A bare IPv6 address has colons too and is given back whole; text that is no
 * address once its port is cut (a service name, `<null>`) gives undefined.
 */
export function addressWithoutPort(text: string): string | undefined {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return isIpAddress(bracketed[1]!) ? bracketed[1] : undefined;
  const v4WithPort = /^([\d.]+):\d+$/.exec(trimmed);
  const address = v4WithPort ? v4WithPort[1]! : trimmed;
  return isIpAddress(address) ? address : undefined;
}
