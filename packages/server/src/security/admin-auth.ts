import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time token comparison; hashing first makes the lengths equal. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The dashboard cookie holds a value derived from the token, never the token itself. */
export function dashboardCookieValue(token: string): string {
  return createHmac('sha256', token).update('cwp-dashboard-session').digest('base64url');
}
