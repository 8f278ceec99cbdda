/** Compact JWT: three base64url parts. Only @cwp/server checks the signature. */
export const identityTokenPattern = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export interface IdentityHeaders {
  /** One live object: ky reads it at each request, so a new token applies to the next one. */
  readonly headers: Record<string, string>;
  /**
   * Sets (or, with null, clears) the visitor's identity token. True when a signed-in visitor became
   * someone else or signed out: the server refuses their session to anyone else.
   */
  set(token: string | null | undefined): boolean;
  /** Copies the page's own headers in, keeping the identity's authorization. */
  withBase(base: Readonly<Record<string, string>>): Record<string, string>;
}

/** The `Authorization: Bearer <token>` a managed widget sends with chat and history requests. */
export function createIdentityHeaders(token: string | undefined): IdentityHeaders {
  const headers: Record<string, string> = {};
  let sub: string | null = null;
  const identity: IdentityHeaders = {
    headers,
    set(next) {
      if (next != null && !identityTokenPattern.test(next)) {
        throw new TypeError(
          'setIdentity: the token must be a compact JWT (header.payload.signature)',
        );
      }
      const previous = sub;
      sub = next == null ? null : subjectOf(next);
      if (next == null) delete headers.authorization;
      else headers.authorization = `Bearer ${next}`;
      return previous !== null && previous !== sub;
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

/** The token's `sub`, read without checking the signature (only the server can). */
function subjectOf(token: string): string | null {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const payload: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))),
    );
    const sub = (payload as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}
