/** Compact JWT: three base64url parts. Only @cwp/server checks the signature. */
export const identityTokenPattern = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export interface IdentityHeaders {
  /** One live object: ky reads it at each request, so a new token applies to the next one. */
  readonly headers: Record<string, string>;
  /** Sets (or, with null, clears) the visitor's identity token. */
  set(token: string | null | undefined): void;
  /** Copies the page's own headers in, keeping the identity's authorization. */
  withBase(base: Readonly<Record<string, string>>): Record<string, string>;
}

/** The `Authorization: Bearer <token>` a managed widget sends with chat and history requests. */
export function createIdentityHeaders(token: string | undefined): IdentityHeaders {
  const headers: Record<string, string> = {};
  let current: string | null = null;
  const identity: IdentityHeaders = {
    headers,
    set(next) {
      if (next != null && !identityTokenPattern.test(next)) {
        throw new TypeError(
          'setIdentity: the token must be a compact JWT (header.payload.signature)',
        );
      }
      current = next ?? null;
      if (current === null) delete headers.authorization;
      else headers.authorization = `Bearer ${current}`;
    },
    withBase(base) {
      for (const [name, value] of Object.entries(base)) {
        if (name.toLowerCase() !== 'authorization') headers[name] = value;
      }
      return headers;
    },
  };
  identity.set(token);
  return identity;
}
