import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createAnalyticsRecorder } from './analytics/index.js';
import { createServerApp } from './app.js';
import { jsonLogger, type Logger } from './logger.js';
import type { SocketRouteOptions } from './response-node/socket-route.js';
import { chatFastPath } from './routes/chat-fast-path.js';
import { type ChatLimiter, redisChatLimiter } from './security/shared-limits.js';
import { openStore } from './store/index.js';
import type { WidgetLimits } from './store/types.js';

export interface StartServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** `postgres://…` uses PostgreSQL; wins over `dbFile`. */
  readonly databaseUrl?: string | undefined;
  /** SQLite file (default ./cwp.db). */
  readonly dbFile?: string | undefined;
  readonly adminToken?: string | undefined;
  readonly allowPrivateWebhooks?: boolean | undefined;
  readonly trustedProxies?: readonly string[] | undefined;
  readonly defaults?: Partial<WidgetLimits> | undefined;
  readonly logger?: Logger | undefined;
  /** How long close() lets replies in flight finish before cutting them, ms (default 5000). */
  readonly shutdownGraceMs?: number | undefined;
  /** See CreateAppOptions.widgetCacheMs. */
  readonly widgetCacheMs?: number | undefined;
  /** How long analytics may wait in memory before being written, ms. */
  readonly analyticsFlushIntervalMs?: number | undefined;
  /**
   * redis://… shared by every instance: rate limits and stream caps count across all of them. Without
   * it each instance counts on its own. While Redis is away, limits fall back to per instance.
   */
  readonly redisUrl?: string | undefined;
  /** How long a stream slot held by an instance that died keeps counting in Redis, ms (default 30 s). */
  readonly redisLeaseMs?: number | undefined;
  /** Response-node sockets: idle and lifetime limits. */
  readonly sockets?: SocketRouteOptions | undefined;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  /** Resolves once every analytics record received so far is written. */
  flushAnalytics(): Promise<void>;
  /** Stops listening, lets replies in flight finish (up to shutdownGraceMs), writes pending analytics and closes the store. */
  close(): Promise<void>;
}

/** Opens (and migrates) the store, then listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? jsonLogger();
  const store = await openStore({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dbFile ? { file: options.dbFile } : {}),
  });
  await store.migrate();
  const recorder = createAnalyticsRecorder(store, {
    ...(options.analyticsFlushIntervalMs !== undefined
      ? { flushIntervalMs: options.analyticsFlushIntervalMs }
      : {}),
  });
  let limiter: ChatLimiter | undefined;
  if (options.redisUrl) {
    const shared = redisChatLimiter({
      url: options.redisUrl,
      logger,
      leaseMs: options.redisLeaseMs,
    });
    // Starting without Redis is allowed: limits are per instance until it answers.
    await shared.ready(2_000);
    limiter = shared;
  }
  const host = options.host ?? '127.0.0.1';
  let server: ReturnType<typeof createServer> | undefined;
  let address: AddressInfo;
  let upgrade: ReturnType<typeof createServerApp>['upgrade'] | undefined;
  try {
    const created = createServerApp({
      store,
      recorder,
      adminToken: options.adminToken,
      allowPrivateWebhooks: options.allowPrivateWebhooks,
      trustedProxies: options.trustedProxies,
      defaults: options.defaults,
      limiter,
      logger,
      widgetCacheMs: options.widgetCacheMs,
      sockets: options.sockets,
    });
    const { app } = created;
    upgrade = created.upgrade;
    const viaHono = getRequestListener(app.fetch, { hostname: host });
    // The chat POST, the hot path, skips Hono's Request and Response objects (same checks).
    const chat = chatFastPath(created.chat, created.logger);
    // A client trickling its request (headers or body) is cut off; replies may stream longer.
    const listening = createServer(
      { headersTimeout: 15_000, requestTimeout: 30_000 },
      (req, res) => {
        if (!chat(req, res)) void viaHono(req, res);
      },
    );
    server = listening;
    address = await new Promise<AddressInfo>((resolve, reject) => {
      listening.listen(options.port, host, () => resolve(listening.address() as AddressInfo));
      listening.once('error', reject);
      listening.on('upgrade', (req, socket, head) => {
        if (!created.upgrade.handle(req, socket, head)) socket.destroy();
      });
    });
  } catch (error) {
    server?.close();
    await limiter?.close();
    await recorder.close();
    await store.close();
    throw error;
  }
  const listening = server!;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  logger.info('cwp-server listening', { url, database: store.kind });
  let closing: Promise<void> | null = null;
  return {
    url,
    flushAnalytics: () => recorder.flush(),
    close() {
      closing ??= (async () => {
        // Stop accepting, let replies in flight finish for a while, then cut what is left.
        upgrade?.close();
        await new Promise<void>((resolve) => {
          const cut = () => {
            if ('closeAllConnections' in listening) listening.closeAllConnections();
          };
          const timer = setTimeout(cut, options.shutdownGraceMs ?? 5000);
          listening.close(() => {
            clearTimeout(timer);
            resolve();
          });
          if ('closeIdleConnections' in listening) listening.closeIdleConnections();
          if ((options.shutdownGraceMs ?? 5000) <= 0) cut();
        });
        await limiter?.close();
        await recorder.close();
        await store.close();
      })();
      return closing;
    },
  };
}
