import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array;

/**
 * Parses an IP literal in any spelling the WHATWG URL parser or a resolver could hand us:
 * dotted IPv4, IPv6 (with or without brackets, zone ids dropped), IPv4-mapped forms.
 * Legacy IPv4 spellings (decimal, hex, octal, short) are normalised by `new URL()` before this.
 */
export function parseIp(input: string): IpBytes | null {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  if (isIPv4(text)) return Uint8Array.from(text.split('.').map(Number));
  if (isIPv6(text)) return parseIpv6(text);
  return null;
}

function parseIpv6(text: string): IpBytes | null {
  let head = text;
  const tailV4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    if (!isIPv4(maybeV4)) return null;
    tailV4.push(...maybeV4.split('.').map(Number));
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left = '', right] = head.split('::');
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const missing = 8 - leftGroups.length - rightGroups.length;
  if (missing < 0 || (right === undefined && missing !== 0)) return null;
  const groups = [...leftGroups, ...Array<string>(missing).fill('0'), ...rightGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = (value >> 8) & 0xff;
    bytes[i * 2 + 1] = value & 0xff;
  });
  if (tailV4.length === 4) bytes.set(tailV4, 12);
  return bytes;
}

interface Range {
  readonly prefix: IpBytes;
  readonly bits: number;
  readonly label: string;
}

function range(cidr: string, label: string): Range {
  const [address = '', bits = '0'] = cidr.split('/');
  const prefix = parseIp(address);
  if (!prefix) throw new Error(`bad range ${cidr}`);
  return { prefix, bits: Number(bits), label };
}

function inRange(bytes: IpBytes, { prefix, bits }: Range): boolean {
  if (bytes.length !== prefix.length) return false;
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    const index = Math.floor(bit / 8);
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

const blockedV4: readonly Range[] = [
  range('0.0.0.0/8', 'the "this network" block'),
  range('10.0.0.0/8', 'a private network'),
  range('100.64.0.0/10', 'carrier-grade NAT space'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local (cloud metadata)'),
  range('172.16.0.0/12', 'a private network'),
  range('192.0.0.0/24', 'IETF protocol assignments'),
  range('192.0.2.0/24', 'documentation space'),
  range('192.168.0.0/16', 'a private network'),
  range('198.18.0.0/15', 'benchmarking space'),
  range('198.51.100.0/24', 'documentation space'),
  range('203.0.113.0/24', 'documentation space'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved space'),
];

const blockedV6: readonly Range[] = [
  range('::/128', 'the unspecified address'),
  range('::1/128', 'loopback'),
  range('fc00::/7', 'a unique-local network'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local'),
  range('ff00::/8', 'multicast'),
  range('2001:db8::/32', 'documentation space'),
  range('100::/64', 'discard space'),
];

// IPv6 forms that carry an IPv4 address inside: judge them by that address.
const embeddingV4: readonly { range: Range; offset: number }[] = [
  { range: range('::ffff:0:0/96', 'IPv4-mapped'), offset: 12 },
  { range: range('::/96', 'IPv4-compatible'), offset: 12 },
  { range: range('64:ff9b::/96', 'NAT64'), offset: 12 },
  { range: range('64:ff9b:1::/48', 'local NAT64'), offset: 12 },
  { range: range('2002::/16', '6to4'), offset: 2 },
];

/** Why an address is not a public unicast address, or null when it is. */
export function blockedReason(address: string | IpBytes): string | null {
  const bytes = typeof address === 'string' ? parseIp(address) : address;
  if (!bytes) return 'not an IP address';
  if (bytes.length === 4) {
    if (bytes.every((b) => b === 255)) return 'broadcast';
    return blockedV4.find((r) => inRange(bytes, r))?.label ?? null;
  }
  const direct = blockedV6.find((r) => inRange(bytes, r));
  if (direct) return direct.label;
  for (const { range: r, offset } of embeddingV4) {
    if (inRange(bytes, r)) {
      const inner = blockedReason(bytes.slice(offset, offset + 4));
      if (inner) return `${inner} (${r.label})`;
    }
  }
  return null;
}

/** Canonical text of an address, IPv4-mapped IPv6 shown as IPv4 (what sockets report for v4 peers). */
export function canonicalIp(address: string): string {
  const bytes = parseIp(address);
  if (!bytes) return address;
  const v4 = bytes.length === 4 ? bytes : isMappedV4(bytes) ? bytes.slice(12) : null;
  if (v4) return Array.from(v4).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

function isMappedV4(bytes: IpBytes): boolean {
  return (
    bytes.length === 16 &&
    bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  );
}

/** Does `address` fall in `cidrOrIp` (an address or an address/bits block)? */
export function ipMatches(address: string, cidrOrIp: string): boolean {
  const [base = '', bitsText] = cidrOrIp.split('/');
  const target = parseIp(canonicalIp(address));
  const prefix = parseIp(canonicalIp(base));
  if (!target || !prefix || target.length !== prefix.length) return false;
  const bits = bitsText === undefined ? prefix.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > prefix.length * 8) return false;
  return inRange(target, { prefix, bits, label: '' });
}
