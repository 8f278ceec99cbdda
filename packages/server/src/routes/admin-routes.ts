import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../app-context.js';
import { DashboardSessions, dashboardSessionSeconds } from '../dashboard/dashboard-session.js';
import { consoleBase } from '../dashboard/layout.js';
import { errorResponse, notFound } from '../http-error.js';
import { readLimitedBody } from '../proxy/read-body.js';
import { bearerToken, minAdminTokenLength, tokenMatches } from '../security/admin-auth.js';
import { clientIp, rateLimitKey } from '../security/client-ip.js';
import { newIdentitySecret } from '../security/identity-token.js';
import { RateLimiter } from '../security/rate-limit.js';
import { parseNewWidget, parseWidgetPatch } from '../widget-input.js';
import { consoleRoutes, dashboardCookie } from './console-routes.js';
import { parseDayRange } from './day-range.js';
import { bodySource, type NodeEnv, peerAddress } from './node-request.js';
import { requestOverTls } from './request-tls.js';

const maxAdminBodyBytes = 256 * 1024;
const maxAdminFailuresPerMinute = 20;

export { type DayRange, parseDayRange } from './day-range.js';

async function readJson(
  request: Request | IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const body = await readLimitedBody(request, maxAdminBodyBytes);
  if (!body.ok) {
    return {
      ok: false,
      response:
        body.reason === 'too_large'
          ? errorResponse(413, 'payload_too_large')
          : errorResponse(400, 'bad_request'),
    };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(body.bytes)) };
  } catch {
    return {
      ok: false,
      response: errorResponse(400, 'bad_request', { message: 'the body must be JSON' }),
    };
  }
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/** The admin API, mounted at /v1/admin; every route answers 404 when no admin token is configured. */
export function adminRoutes(ctx: AppContext): Hono<NodeEnv> {
  const app = new Hono<NodeEnv>();
  const token = ctx.adminToken;

  const sessions = token ? new DashboardSessions(token) : undefined;
  // Failures only, per process: a right token is never refused, whatever was tried before it.
  const failures = new RateLimiter();
  if (token && token.length < minAdminTokenLength) {
    ctx.logger.warn('the admin token is short; use at least 24 random characters', {
      length: token.length,
    });
  }

  app.use('*', async (c, next) => {
    if (!token || !sessions) return notFound();
    if (tokenMatches(bearerToken(c.req.header('authorization')), token)) return next();
    const path = c.req.path;
    if (path === consoleBase && c.req.method === 'GET') {
      // The login link is the one place a token is read from the address.
      const queryToken = c.req.query('token');
      if (queryToken !== undefined && tokenMatches(queryToken, token)) {
        setCookie(c, dashboardCookie, await sessions.create(), {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/v1/admin/dashboard',
          secure: requestOverTls(c, ctx.trustedProxies),
          maxAge: dashboardSessionSeconds,
        });
        // Take the token out of the address bar and history.
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        c.header('cache-control', 'no-store');
        return c.redirect(`${url.pathname}${url.search}`, 303);
      }
    }
    // The cookie opens the console (its pages and forms), never the JSON API.
    if (
      (path === consoleBase || path.startsWith(`${consoleBase}/`)) &&
      c.req.query('token') === undefined &&
      (await sessions.isValid(getCookie(c, dashboardCookie)))
    ) {
      return next();
    }
    const address = rateLimitKey(
      clientIp(
        peerAddress(c),
        { forwarded: c.req.header('forwarded'), xForwardedFor: c.req.header('x-forwarded-for') },
        ctx.trustedProxies,
      ),
    );
    const decision = failures.take(`admin-failures:${address}`, maxAdminFailuresPerMinute);
    if (!decision.ok) {
      return errorResponse(429, 'rate_limited', { retryAfter: String(decision.retryAfterSeconds) });
    }
    return errorResponse(401, 'unauthorized', { headers: { 'www-authenticate': 'Bearer' } });
  });

  app.post('/widgets', async (c) => {
    const body = await readJson(bodySource(c));
    if (!body.ok) return body.response;
    const input = await parseNewWidget(body.value, ctx.allowPrivateWebhooks);
    if (!input.ok) return errorResponse(400, 'invalid_widget', { message: input.message });
    const widget = await ctx.store.createWidget(input.value);
    ctx.logger.info('widget created', { widgetId: widget.id });
    // The only answers that carry the identity secret: this one and a rotation.
    return json({ ...widget, identitySecret: await ctx.store.identitySecret(widget.id) }, 201);
  });

  app.get('/widgets', async () => json({ widgets: await ctx.store.listWidgets() }));

  app.get('/widgets/:id', async (c) => {
    const widget = await ctx.store.getWidget(c.req.param('id'));
    return widget ? json(widget) : notFound();
  });

  app.patch('/widgets/:id', async (c) => {
    const current = await ctx.store.getWidget(c.req.param('id'));
    if (!current) return notFound();
    const body = await readJson(bodySource(c));
    if (!body.ok) return body.response;
    const patch = await parseWidgetPatch(body.value, ctx.allowPrivateWebhooks, current);
    if (!patch.ok) return errorResponse(400, 'invalid_widget', { message: patch.message });
    const identity = patch.value.identity && { ...current.identity, ...patch.value.identity };
    const widget = await ctx.store.updateWidget(current.id, {
      ...patch.value,
      ...(identity ? { identity } : {}),
    });
    ctx.widgets.invalidate(current.id);
    if (!widget) return notFound();
    ctx.logger.info('widget updated', { widgetId: widget.id, disabled: widget.disabled });
    return json(widget);
  });

  app.delete('/widgets/:id', async (c) => {
    const deleted = await ctx.store.deleteWidget(c.req.param('id'));
    ctx.widgets.invalidate(c.req.param('id'));
    if (!deleted) return notFound();
    ctx.logger.info('widget deleted', { widgetId: c.req.param('id') });
    return new Response(null, { status: 204 });
  });

  app.post('/widgets/:id/identity-secret', async (c) => {
    const identitySecret = newIdentitySecret();
    if (!(await ctx.store.setIdentitySecret(c.req.param('id'), identitySecret))) return notFound();
    ctx.logger.info('widget identity secret rotated', { widgetId: c.req.param('id') });
    return json({ identitySecret });
  });

  app.get('/widgets/:id/report', async (c) => {
    const widget = await ctx.store.getWidget(c.req.param('id'));
    if (!widget) return notFound();
    const range = parseDayRange(c.req.query('from'), c.req.query('to'));
    if (!range.ok) return errorResponse(400, 'bad_request', { message: range.message });
    return json(await ctx.store.report(widget.id, range.fromMs, range.toMs));
  });

  if (sessions) app.route('/dashboard', consoleRoutes(ctx, sessions));

  app.all('*', () => notFound());
  return app;
}
