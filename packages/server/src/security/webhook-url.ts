import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { blockedReason, parseIp } from './ip-address.js';

export interface WebhookCheckOptions {
  /** Let loopback, private, link-local and other non-public targets through. */
  readonly allowPrivate: boolean;
}

/** dns.lookup's `all: true` form; replaceable so tests can play a DNS that answers with loopback. */
export type Resolver = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, callback);

export type WebhookCheck = { ok: true; url: URL } | { ok: false; message: string };

/** Thrown at connect time when a webhook host resolves to an address we refuse. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Syntax and literal-address checks for a webhook URL, run when a widget is created or updated
 * and again before every connection. Hostnames are judged by what they resolve to at connect time.
 */
export function checkWebhookUrl(
  input: string,
  { allowPrivate }: WebhookCheckOptions,
): WebhookCheck {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, message: 'webhookUrl must be an absolute http(s) URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'webhookUrl must use http or https' };
  }
  if (url.hostname === '') return { ok: false, message: 'webhookUrl must name a host' };
  if (allowPrivate) return { ok: true, url };
  if (isLocalhostName(url.hostname)) {
    return {
      ok: false,
      message:
        'webhookUrl points at localhost; start the server with --allow-private-webhooks to allow private targets',
    };
  }
  const literal = parseIp(url.hostname);
  if (literal) {
    const reason = blockedReason(literal);
    if (reason) {
      return {
        ok: false,
        message: `webhookUrl points at ${reason}; start the server with --allow-private-webhooks to allow private targets`,
      };
    }
  }
  return { ok: true, url };
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http that resolves the name itself and refuses the connection when any
 * resolved address is not public: the address checked is the address connected to.
 */
export function guardedLookup(
  { allowPrivate }: WebhookCheckOptions,
  resolve: Resolver = systemResolver,
) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: LookupCallback,
  ) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, []);
      if (!allowPrivate) {
        for (const { address } of addresses) {
          const reason = blockedReason(address);
          if (reason) {
            return callback(new BlockedAddressError(`webhook host resolves to ${reason}`), []);
          }
        }
      }
      if (addresses.length === 0) {
        const empty: NodeJS.ErrnoException = new Error('no addresses');
        empty.code = 'ENOTFOUND';
        return callback(empty, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Create/update-time resolution: refuses names that currently resolve to non-public addresses.
 * A name that does not resolve yet is accepted; the connect-time guard still applies.
 */
export async function checkWebhookHost(
  url: URL,
  options: WebhookCheckOptions,
): Promise<string | null> {
  if (options.allowPrivate || parseIp(url.hostname)) return null;
  const addresses = await new Promise<LookupAddress[]>((resolve) => {
    const timer = setTimeout(() => resolve([]), 2000);
    dnsLookup(url.hostname, { all: true, verbatim: true }, (error, found) => {
      clearTimeout(timer);
      resolve(error ? [] : found);
    });
  });
  for (const { address } of addresses) {
    const reason = blockedReason(address);
    if (reason) {
      return `webhookUrl host resolves to ${reason}; start the server with --allow-private-webhooks to allow private targets`;
    }
  }
  return null;
}
