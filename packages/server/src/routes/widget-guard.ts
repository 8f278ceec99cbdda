import type { AppContext } from '../app-context.js';
import { errorResponse } from '../http-error.js';
import { clientIp, rateLimitKey } from '../security/client-ip.js';
import { isOriginAllowed } from '../security/origin.js';
import { refusalLog } from '../security/refusal-log.js';
import type { WidgetRecord } from '../store/types.js';

const widgetIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin
    ? {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'retry-after',
        vary: 'Origin',
      }
    : { vary: 'Origin' };
}

export function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** What the guard reads of a public widget request. */
export interface WidgetRequest {
  readonly widgetId: string;
  readonly origin: string | undefined;
  /** A preflight's refusal stays opaque (no CORS headers). */
  readonly preflight: boolean;
}

export type Guarded = { widget: WidgetRecord; origin: string | undefined } | { response: Response };

/** The widget a public request is for, or the refusal: unknown, disabled or from an origin not allowed. */
export type WidgetGuard = (request: WidgetRequest) => Promise<Guarded>;

export function widgetGuard(ctx: AppContext): WidgetGuard {
  const logRefusal = refusalLog(ctx.logger);

  /**
   * A refusal is readable by the page (its origin echoed, no credentials) so the widget can say
   * why it failed; the body is the error alone.
   */
  const refused = (
    request: WidgetRequest,
    refusal: 'not_found' | 'origin_not_allowed',
    response: Response,
  ): Guarded => {
    logRefusal(refusal, request.widgetId, request.origin);
    return {
      response: request.preflight ? response : withHeaders(response, corsHeaders(request.origin)),
    };
  };

  return async (request) => {
    // Unknown, malformed and disabled ids all end here, with one answer.
    const found = widgetIdPattern.test(request.widgetId)
      ? await ctx.widgets.get(request.widgetId)
      : null;
    const widget = found && !found.disabled ? found : null;
    if (!widget) {
      return refused(
        request,
        'not_found',
        errorResponse(404, 'not_found', { message: 'no widget with this id, or it is disabled' }),
      );
    }
    if (!isOriginAllowed(request.origin, widget.allowedOrigins)) {
      return refused(
        request,
        'origin_not_allowed',
        errorResponse(403, 'origin_not_allowed', {
          message: 'this origin is not allowed to use this widget',
        }),
      );
    }
    return { widget, origin: request.origin };
  };
}

// Without trusted proxies the key depends on the peer alone: worked out once per address.
const peerKeys = new Map<string, string>();
const maxPeerKeys = 10_000;

/** The rate-limit key of the visitor: forwarded headers count only from trusted proxies. */
export function visitorKey(
  ctx: AppContext,
  peer: string | undefined,
  headers: { forwarded?: string | undefined; xForwardedFor?: string | undefined },
): string {
  if (ctx.trustedProxies.length > 0 || peer === undefined)
    return rateLimitKey(clientIp(peer, headers, ctx.trustedProxies));
  let key = peerKeys.get(peer);
  if (key === undefined) {
    key = rateLimitKey(clientIp(peer, {}, []));
    if (peerKeys.size >= maxPeerKeys) peerKeys.clear();
    peerKeys.set(peer, key);
  }
  return key;
}
