import type { Context } from 'hono';
import { Hono } from 'hono';
import * as v from 'valibot';
import { batchRecords, batchSchema } from '../analytics/event-batch.js';
import type { AppContext } from '../app-context.js';
import { errorResponse } from '../http-error.js';
import { resolveLimits } from '../limits.js';
import type { PublicWidgetConfigResponse } from '../protocol.js';
import { parseJsonBody, readLimitedBody } from '../proxy/read-body.js';
import { publicConfig } from '../public-config.js';
import type { ChatHandler } from './chat-route.js';
import { bodySource, clientGoneSignal, type NodeEnv, peerAddress } from './node-request.js';
import { corsHeaders, visitorKey, type WidgetGuard, withHeaders } from './widget-guard.js';

type Env = NodeEnv;

/** The public routes of a widget: preflights, its config, chat (chat-route.ts) and event batches. */
export function widgetRoutes(ctx: AppContext, guard: WidgetGuard, chat: ChatHandler): Hono<Env> {
  const app = new Hono<Env>();

  const request = (c: Context<Env>) => ({
    widgetId: c.req.param('id') ?? '',
    origin: c.req.header('origin'),
    preflight: c.req.method === 'OPTIONS',
  });

  /** The rate-limit key of the visitor: forwarded headers count only from trusted proxies. */
  const clientKey = (c: Context<Env>) =>
    visitorKey(ctx, peerAddress(c), {
      forwarded: c.req.header('forwarded'),
      xForwardedFor: c.req.header('x-forwarded-for'),
    });

  app.options('/:id/:route{config|chat|events}', async (c) => {
    const result = await guard(request(c));
    if ('response' in result) return result.response;
    return new Response(null, {
      status: 204,
      headers: {
        ...corsHeaders(result.origin),
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, accept, authorization',
        'access-control-max-age': '600',
      },
    });
  });

  app.get('/:id/config', async (c) => {
    const result = await guard(request(c));
    if ('response' in result) return result.response;
    const body: PublicWidgetConfigResponse = {
      id: result.widget.id,
      config: publicConfig(result.widget.config, result.widget),
    };
    return new Response(JSON.stringify(body), {
      headers: {
        ...corsHeaders(result.origin),
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
      },
    });
  });

  app.post('/:id/chat', (c) =>
    chat({
      widgetId: c.req.param('id') ?? '',
      header: (name) => c.req.header(name),
      peer: peerAddress(c),
      body: bodySource(c),
      outgoing: c.env?.outgoing,
      clientGone: () => clientGoneSignal(c),
    }),
  );

  app.post('/:id/events', async (c) => {
    const result = await guard(request(c));
    if ('response' in result) return result.response;
    const { widget, origin } = result;
    const answer = (response: Response) => withHeaders(response, corsHeaders(origin));
    const limits = resolveLimits(ctx.defaults, widget.limits);
    const ip = clientKey(c);
    const perIp = await ctx.limiter.take([
      { key: `events-ip:${widget.id}:${ip}`, perMinute: limits.perIpPerMinute },
    ]);
    if (!perIp.ok) {
      return answer(
        errorResponse(429, 'rate_limited', { retryAfter: String(perIp.retryAfterSeconds) }),
      );
    }
    const body = await readLimitedBody(bodySource(c), limits.maxBodyBytes);
    if (!body.ok) {
      return answer(
        body.reason === 'too_large'
          ? errorResponse(413, 'payload_too_large')
          : errorResponse(400, 'bad_request'),
      );
    }
    const json = parseJsonBody(body.bytes);
    if (!json.ok)
      return answer(errorResponse(400, 'bad_request', { message: 'the body must be JSON' }));
    const parsed = v.safeParse(batchSchema, json.value);
    if (!parsed.success) {
      return answer(
        errorResponse(400, 'bad_request', {
          message: parsed.issues[0]?.message ?? 'invalid batch',
        }),
      );
    }
    const { records, accepted } = batchRecords(widget.id, parsed.output.events, Date.now());
    const { batchId } = parsed.output;
    if (batchId === undefined) {
      for (const record of records) ctx.recorder.record(record);
    } else {
      // Written before the answer, in one transaction with the batch id, so a retry of a batch
      // whose answer was lost is not counted again; a failed write asks the widget to retry.
      try {
        await ctx.store.recordAnalytics(records, { batchId: `events:${widget.id}:${batchId}` });
      } catch (error) {
        console.error(`analytics: writing an events batch failed (${String(error)})`);
        return answer(errorResponse(503, 'unavailable', { retryAfter: '5' }));
      }
    }
    return answer(
      new Response(JSON.stringify({ accepted, ignored: parsed.output.events.length - accepted }), {
        status: 202,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    );
  });

  return app;
}
