import type { Store, WidgetRecord } from '../store/types.js';
import { bearerToken } from './admin-auth.js';
import {
  identityFailureMessages,
  type VerifiedUser,
  verifyIdentityToken,
} from './identity-token.js';

/** The metadata key the webhook reads the verified visitor from; a client's own value is dropped. */
export const verifiedUserKey = 'verifiedUser';

export type VisitorCheck =
  | { readonly ok: true; readonly user: VerifiedUser | null }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly code: string;
      readonly message: string;
    };

const refuse = (status: 401 | 403, code: string, message: string): VisitorCheck => ({
  ok: false,
  status,
  code,
  message,
});

/**
 * Who is chatting: a visitor the site signed (an `Authorization: Bearer` identity token), or an
 * anonymous one where the widget allows it. A session is bound to the first verified `sub` that
 * uses it, and refused to every other identity, signed or not.
 */
export async function checkVisitor(
  store: Store,
  widget: WidgetRecord,
  authorization: string | undefined,
  sessionId: string,
): Promise<VisitorCheck> {
  if (authorization === undefined || authorization.trim() === '') {
    if (widget.identity.required) {
      return refuse(401, 'identity_required', 'this widget only chats with signed-in visitors');
    }
    const bound = await store.sessionIdentity(widget.id, sessionId);
    if (bound !== null) {
      return refuse(
        403,
        'session_identity_mismatch',
        'this session belongs to a signed-in visitor',
      );
    }
    return { ok: true, user: null };
  }
  const token = bearerToken(authorization);
  if (token === undefined) {
    return refuse(
      401,
      'identity_invalid',
      'send the identity token as Authorization: Bearer <token>',
    );
  }
  const secret = await store.identitySecret(widget.id);
  if (secret === null) {
    return refuse(401, 'identity_invalid', 'this widget has no identity secret yet; rotate one');
  }
  const verified = verifyIdentityToken(token, secret, widget.identity.claims);
  if (!verified.ok) {
    const code = verified.reason === 'expired' ? 'identity_expired' : 'identity_invalid';
    return refuse(401, code, identityFailureMessages[verified.reason]);
  }
  const bound = await store.bindSession(widget.id, sessionId, verified.sub);
  if (bound !== verified.sub) {
    return refuse(403, 'session_identity_mismatch', 'this session belongs to another visitor');
  }
  return { ok: true, user: verified.user };
}

/** The metadata forwarded to the webhook: the client's, minus any verifiedUser, plus the verified one. */
export function metadataWithVisitor(
  metadata: Readonly<Record<string, unknown>> | undefined,
  user: VerifiedUser | null,
): Readonly<Record<string, unknown>> | undefined {
  if (metadata === undefined && user === null) return undefined;
  // fromEntries defines own properties, so a client key named __proto__ stays a plain key.
  const entries = Object.entries(metadata ?? {}).filter(([key]) => key !== verifiedUserKey);
  return Object.fromEntries(user === null ? entries : [...entries, [verifiedUserKey, user]]);
}
