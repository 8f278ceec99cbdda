import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { errorResponse } from '../http-error.js';
import { resolveLimits } from '../limits.js';
import { sessionIdPattern } from '../protocol.js';
import { openButtonLink } from '../proxy/button-links.js';
import { clientIp, rateLimitKey } from '../security/client-ip.js';
import { isOriginAllowed } from '../security/origin.js';
import { checkWebhookUrl, guardedLookup } from '../security/webhook-url.js';
import { type NodeEnv, peerAddress } from './node-request.js';

const widgetIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** GETs a sealed button link on the webhook's origin: the status only, no redirects, no body. */
function getOnWebhookOrigin(
  url: URL,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { 'user-agent': 'cwp-server', accept: '*/*' },
      lookup: guardedLookup({ allowPrivate: options.allowPrivate }),
      ...(secure && !isIP(url.hostname) ? { servername: url.hostname } : {}),
      timeout: options.timeoutMs,
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 502);
    });
    request.end();
  });
}

/**
 * `GET /v1/widgets/:id/buttons/:token?sessionId=…`: a visitor chose a button whose link the server
 * sealed (see proxy/button-links.ts). Only the session the link was made for, from an allowed
 * origin and within the chat rate limits, makes the server fetch it on the webhook's origin.
 */
export function buttonRoutes(ctx: AppContext): Hono<NodeEnv> {
  const app = new Hono<NodeEnv>();
  app.get('/:id/buttons/:token', async (c) => {
    const id = c.req.param('id');
    const widget = widgetIdPattern.test(id) ? await ctx.widgets.get(id) : null;
    if (!widget || widget.disabled) return errorResponse(404, 'not_found');
    const origin = c.req.header('origin');
    if (!isOriginAllowed(origin, widget.allowedOrigins)) {
      return errorResponse(403, 'origin_not_allowed', {
        message: 'this origin is not allowed to use this widget',
      });
    }
    const cors = { 'access-control-allow-origin': origin ?? '*', vary: 'Origin' };
    const answer = (response: Response) => {
      for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
      return response;
    };
    const sessionId = c.req.query('sessionId') ?? '';
    const link = openButtonLink(c.req.param('token'));
    if (!sessionIdPattern.test(sessionId) || link === null || link.widgetId !== widget.id)
      return answer(errorResponse(404, 'not_found', { message: 'no such button link' }));
    if (link.sessionId !== sessionId)
      return answer(errorResponse(403, 'wrong_session', { message: 'not this session’s button' }));

    const limits = resolveLimits(ctx.defaults, widget.limits);
    const ip = rateLimitKey(
      clientIp(
        peerAddress(c),
        { forwarded: c.req.header('forwarded'), xForwardedFor: c.req.header('x-forwarded-for') },
        ctx.trustedProxies,
      ),
    );
    const verdict = await ctx.limiter.take([
      { key: `button-ip:${widget.id}:${ip}`, perMinute: limits.perIpPerMinute },
      { key: `button-session:${widget.id}:${sessionId}`, perMinute: limits.perSessionPerMinute },
    ]);
    if (!verdict.ok) {
      return answer(
        errorResponse(429, 'rate_limited', { retryAfter: String(verdict.retryAfterSeconds) }),
      );
    }
    // The sealed path is joined to the webhook's origin here: a token can lead nowhere else.
    const target = new URL(link.path, new URL(widget.webhookUrl).origin);
    const check = checkWebhookUrl(target.href, { allowPrivate: ctx.allowPrivateWebhooks });
    if (!check.ok) return answer(errorResponse(502, 'upstream_blocked', { withStatus: true }));
    try {
      const status = await getOnWebhookOrigin(check.url, {
        allowPrivate: ctx.allowPrivateWebhooks,
        timeoutMs: limits.requestTimeoutMs,
      });
      if (status >= 200 && status < 300) return answer(new Response(null, { status: 204 }));
      ctx.logger.warn('button link answered with an error status', { widgetId: widget.id, status });
      return answer(
        errorResponse(502, 'upstream_error', { withStatus: true, upstreamStatus: status }),
      );
    } catch {
      ctx.logger.warn('button link could not be fetched', { widgetId: widget.id });
      return answer(errorResponse(502, 'upstream_unreachable', { withStatus: true }));
    }
  });
  return app;
}
