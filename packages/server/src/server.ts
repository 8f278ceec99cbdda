import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createAnalyticsRecorder } from './analytics/index.js';
import { createApp } from './app.js';
import { jsonLogger, type Logger } from './logger.js';
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
  /** See CreateAppOptions.widgetCacheMs. */
  readonly widgetCacheMs?: number | undefined;
  /** How long analytics may wait in memory before being written, ms. */
  readonly analyticsFlushIntervalMs?: number | undefined;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  /** Resolves once every analytics record received so far is written. */
  flushAnalytics(): Promise<void>;
  /** Stops listening, ends open connections, writes pending analytics and closes the store. */
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
  const app = createApp({
    store,
    recorder,
    adminToken: options.adminToken,
    allowPrivateWebhooks: options.allowPrivateWebhooks,
    trustedProxies: options.trustedProxies,
    defaults: options.defaults,
    logger,
    widgetCacheMs: options.widgetCacheMs,
  });
  const host = options.host ?? '127.0.0.1';
  let server: ReturnType<typeof serve>;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port, hostname: host }, resolve);
    server.once('error', reject);
  });
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  logger.info('cwp-server listening', { url, database: store.kind });
  let closing: Promise<void> | null = null;
  return {
    url,
    async flushAnalytics() {
      // Waits for the recorder's own timer rather than calling recorder.flush(): see the note in the README.
      const deadline = Date.now() + 10_000;
      while (recorder.pending > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await recorder.close();
        await store.close();
      })();
      return closing;
    },
  };
}
