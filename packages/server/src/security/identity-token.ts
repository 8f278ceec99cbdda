import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A visitor the site signed on its own server: `sub` plus the claims the widget owner allows. */
export interface VerifiedUser {
  readonly id: string;
  readonly [claim: string]: unknown;
}

export type IdentityResult =
  | { readonly ok: true; readonly user: VerifiedUser; readonly sub: string }
  | { readonly ok: false; readonly reason: IdentityFailure };

export type IdentityFailure = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims';

/** Longest a token may be valid ahead of now: sites mint short-lived tokens on each page load. */
export const maxTokenLifetimeSeconds = 24 * 60 * 60;
/** Clock difference tolerated between the site's server and this one. */
export const clockSkewSeconds = 60;
const maxTokenLength = 4096;
const maxSubLength = 256;
const base64url = /^[A-Za-z0-9_-]+$/;

/** A new per-widget identity secret: 32 random bytes, base64url. */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}

function decodeJson(part: string): unknown {
  if (!base64url.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Verifies a compact HS256 JWT signed with the widget's identity secret. The header must say
 * `alg: "HS256"` exactly; `sub` (a non-empty string) and `exp` (at most 24 h ahead) are required.
 * Only the `allowedClaims` are passed on, beside `id` (the `sub`).
 */
export function verifyIdentityToken(
  token: string,
  secret: string,
  allowedClaims: readonly string[],
  nowMs = Date.now(),
): IdentityResult {
  const fail = (reason: IdentityFailure): IdentityResult => ({ ok: false, reason });
  if (token.length > maxTokenLength) return fail('malformed');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (!isRecord(header)) return fail('malformed');
  if (header.alg !== 'HS256') return fail('algorithm');
  // Extensions the token says must be understood are not: refuse rather than ignore them.
  if (header.crit !== undefined) return fail('malformed');
  if (!base64url.test(signaturePart)) return fail('signature');
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('signature');
  }
  const payload = decodeJson(payloadPart);
  if (!isRecord(payload)) return fail('malformed');
  const { sub, exp, iat, nbf } = payload;
  if (typeof sub !== 'string' || sub === '' || sub.length > maxSubLength) return fail('claims');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return fail('claims');
  const now = nowMs / 1000;
  if (exp <= now - clockSkewSeconds) return fail('expired');
  if (exp > now + maxTokenLifetimeSeconds + clockSkewSeconds) return fail('claims');
  if (iat !== undefined && (typeof iat !== 'number' || iat > now + clockSkewSeconds)) {
    return fail('claims');
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + clockSkewSeconds)) {
    return fail('claims');
  }
  const user: Record<string, unknown> = { id: sub };
  for (const claim of allowedClaims) {
    if (claim !== 'id' && Object.hasOwn(payload, claim)) user[claim] = payload[claim];
  }
  return { ok: true, sub, user: user as VerifiedUser };
}

/** Signs a token the way the README's snippets do; used by the CLI and tests. */
export function signIdentityToken(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const identityFailureMessages: Readonly<Record<IdentityFailure, string>> = {
  malformed: 'the identity token is not a compact JWT',
  algorithm: 'the identity token must be signed with HS256',
  signature: 'the identity token signature does not match the widget identity secret',
  expired: 'the identity token has expired',
  claims: 'the identity token needs a string sub and an exp at most 24 hours ahead',
};
