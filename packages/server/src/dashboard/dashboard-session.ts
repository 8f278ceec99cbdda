import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** How long one dashboard login lasts. */
export const dashboardSessionSeconds = 12 * 60 * 60;

const version = 'v1';
const maxCookieLength = 200;

/**
 * Dashboard sessions carried by the cookie itself: a random id per login and an expiry, signed
 * with a key derived from the admin token. Every instance started with the same token accepts
 * them without shared state, the server checks the expiry itself (a kept cookie is refused once
 * past it), and changing the token ends every session at once.
 */
export class DashboardSessions {
  readonly #token: string;
  readonly #now: () => number;
  #key: Promise<Buffer> | undefined;

  constructor(token: string, options: { now?: () => number } = {}) {
    this.#token = token;
    this.#now = options.now ?? (() => Date.now());
  }

  /** A new session value for the cookie. */
  async create(): Promise<string> {
    const expires = this.#now() + dashboardSessionSeconds * 1000;
    const body = `${version}.${expires.toString(36)}.${randomBytes(18).toString('base64url')}`;
    return `${body}.${(await this.#mac(body)).toString('base64url')}`;
  }

  async isValid(value: string | undefined): Promise<boolean> {
    if (!value || value.length > maxCookieLength) return false;
    const parts = value.split('.');
    if (parts.length !== 4 || parts[0] !== version) return false;
    const expires = Number.parseInt(parts[1] ?? '', 36);
    const now = this.#now();
    if (!Number.isSafeInteger(expires) || expires <= now) return false;
    if (expires > now + dashboardSessionSeconds * 1000) return false;
    const expected = await this.#mac(parts.slice(0, 3).join('.'));
    const given = Buffer.from(parts[3] ?? '', 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * The console forms' anti-CSRF token for a session: bound to that login, so a token seen in
   * one session is worthless in another, and checkable without server state.
   */
  async csrfToken(sessionValue: string): Promise<string> {
    return (await this.#mac(`csrf.${sessionValue}`)).toString('base64url');
  }

  async #mac(body: string): Promise<Buffer> {
    // scrypt: a stolen cookie must not make guessing the admin token offline cheap.
    this.#key ??= new Promise<Buffer>((resolve, reject) =>
      scrypt(this.#token, 'cwp-dashboard-session-v1', 32, { N: 2 ** 14 }, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
    return createHmac('sha256', await this.#key)
      .update(body)
      .digest();
  }
}
