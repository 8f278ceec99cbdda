import { Hono } from 'hono';
import type { AppContext } from './app-context.js';
import { errorResponse, notFound } from './http-error.js';
import { type Logger, silentLogger } from './logger.js';
import type { AnalyticsSink } from './proxy/forward.js';
import { createUpstreamAgents } from './proxy/upstream.js';
import { ExecutionRegistry } from './response-node/executions.js';
import {
  responseNodeSockets,
  type SocketRouteOptions,
  type UpgradeHandler,
} from './response-node/socket-route.js';
import { adminRoutes } from './routes/admin-routes.js';
import { buttonRoutes } from './routes/button-routes.js';
import { type ChatHandler, chatHandler } from './routes/chat-route.js';
import { widgetGuard } from './routes/widget-guard.js';
import { widgetRoutes } from './routes/widget-routes.js';
import { isValidProxyEntry } from './security/client-ip.js';
import { addSecurityHeaders } from './security/response-headers.js';
import { type ChatLimiter, memoryChatLimiter } from './security/shared-limits.js';
import type { Store, WidgetLimits } from './store/types.js';
import { WidgetCache } from './widget-cache.js';

export interface CreateAppOptions {
  readonly store: Store;
  /** Where analytics go; `createAnalyticsRecorder(store)` in production. */
  readonly recorder: AnalyticsSink;
  /** Enables the admin API; without it every /v1/admin route answers 404. */
  readonly adminToken?: string | undefined;
  /** Let webhooks on loopback and private addresses through (self-hosted n8n on a LAN, tests). */
  readonly allowPrivateWebhooks?: boolean | undefined;
  /** Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For / Forwarded headers are believed. */
  readonly trustedProxies?: readonly string[] | undefined;
  /** Server-wide limits; each widget may override them. */
  readonly defaults?: Partial<WidgetLimits> | undefined;
  /**
   * Rate limits and stream caps; `redisChatLimiter` shares them between instances. Default: in this
   * process's memory. The caller closes it.
   */
  readonly limiter?: ChatLimiter | undefined;
  readonly logger?: Logger | undefined;
  /**
   * How long a widget looked up by the public routes is reused, ms (default 1000; 0 = every time).
   * Other instances sharing the database see admin changes after at most this long.
   */
  readonly widgetCacheMs?: number | undefined;
  /** Response-node sockets (`/v1/widgets/:id/socket`): idle and lifetime limits. */
  readonly sockets?: SocketRouteOptions | undefined;
}

/** The managed-mode HTTP app: widget config, the n8n chat proxy, event batches, admin API and dashboard. */
export function createApp(options: CreateAppOptions): Hono {
  return createServerApp(options).app;
}

/**
 * The app, its websocket routes (which a Node server attaches to its `upgrade` event) and its chat
 * handler, which the Node server also calls without Hono (routes/chat-fast-path.ts).
 */
export function createServerApp(options: CreateAppOptions): {
  app: Hono;
  upgrade: UpgradeHandler;
  chat: ChatHandler;
  logger: Logger;
} {
  const badProxy = options.trustedProxies?.find((entry) => !isValidProxyEntry(entry));
  if (badProxy !== undefined) {
    throw new TypeError(
      `trusted proxy ${JSON.stringify(badProxy)} is not an IP address or CIDR block`,
    );
  }
  const ctx: AppContext = {
    store: options.store,
    recorder: options.recorder,
    adminToken: options.adminToken || undefined,
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
    trustedProxies: options.trustedProxies ?? [],
    defaults: options.defaults,
    logger: options.logger ?? silentLogger,
    limiter: options.limiter ?? memoryChatLimiter(),
    agents: createUpstreamAgents(),
    widgets: new WidgetCache(options.store, options.widgetCacheMs ?? 1000),
    executions: new ExecutionRegistry(),
  };
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    addSecurityHeaders(c.res.headers);
  });

  app.get('/healthz', async () => {
    const healthy = await ctx.store.ping().catch(() => false);
    return new Response(JSON.stringify({ ok: healthy }), {
      status: healthy ? 200 : 503,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  });

  app.route('/v1/widgets', buttonRoutes(ctx));
  const guard = widgetGuard(ctx);
  const chat = chatHandler(ctx, guard);
  app.route('/v1/widgets', widgetRoutes(ctx, guard, chat));
  app.route('/v1/admin', adminRoutes(ctx));

  app.notFound(() => notFound());
  app.onError((error) => {
    ctx.logger.error('request failed', { error: error instanceof Error ? error.name : 'unknown' });
    return errorResponse(500, 'internal_error');
  });
  return {
    app,
    upgrade: responseNodeSockets(ctx, ctx.executions, options.sockets),
    chat,
    logger: ctx.logger,
  };
}
