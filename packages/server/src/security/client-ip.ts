import { canonicalIp, ipMatches, parseIp } from './ip-address.js';

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy, in which case the
 * forwarded chain is walked from the right, skipping trusted hops. Headers from anyone else are
 * ignored, so a client cannot pick its own rate-limit key.
 */
export function clientIp(
  peer: string | undefined,
  headers: { forwarded?: string | undefined; xForwardedFor?: string | undefined },
  trustedProxies: readonly string[],
): string {
  const socketAddress = peer ? canonicalIp(peer) : 'unknown';
  const trusted = (address: string) => trustedProxies.some((entry) => ipMatches(address, entry));
  if (!peer || !trusted(socketAddress)) return socketAddress;
  const chain = headers.forwarded
    ? forwardedFor(headers.forwarded)
    : (headers.xForwardedFor ?? '').split(',').map((part) => part.trim());
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i];
    if (!hop || !parseIp(hop)) return socketAddress;
    const address = canonicalIp(hop);
    if (!trusted(address)) return address;
  }
  return socketAddress;
}

/** `for=` values of an RFC 7239 Forwarded header, ports and quotes removed. */
function forwardedFor(header: string): string[] {
  const hops: string[] = [];
  for (const element of header.split(',')) {
    for (const pair of element.split(';')) {
      const [name, rawValue = ''] = pair.split('=').map((part) => part.trim());
      if (name?.toLowerCase() !== 'for') continue;
      let value = rawValue.replace(/^"|"$/g, '');
      if (value.startsWith('[')) value = value.slice(1, value.indexOf(']'));
      else if (value.includes('.') && value.includes(':'))
        value = value.slice(0, value.indexOf(':'));
      hops.push(value);
    }
  }
  return hops;
}

/** A trusted-proxy entry is an address or an address/bits block. */
export function isValidProxyEntry(entry: string): boolean {
  const [base = '', bits] = entry.split('/');
  const bytes = parseIp(base);
  if (!bytes) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= bytes.length * 8;
}

/**
 * The rate-limit key for an address: IPv4 as is, IPv6 by its /64 network, since one subscriber
 * usually holds a whole /64 and could otherwise rotate through it.
 */
export function rateLimitKey(address: string): string {
  const bytes = parseIp(address);
  if (!bytes || bytes.length === 4) return address;
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return `${groups.join(':')}::/64`;
}
