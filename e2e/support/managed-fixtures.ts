/**
 * Fixtures for the managed-mode browser tests: per worker the real local bot and the page server
 * (two origins); per test a real @cwp/server on its own temporary SQLite file, and `managedWidget`
 * to create a widget there and open a page that embeds it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bot, startBot } from '@cwp/bot';
import { test as base } from '@playwright/test';
// The source entry: Playwright's loader does not apply the `source` export condition.
import { type RunningServer, silentLogger, startServer } from '../../packages/server/src/index.js';
import type { WidgetReport } from '../../packages/server/src/store/types.js';
import { WidgetModel } from '../page-model.js';
import { type ManagedEmbedding, type ManagedPages, startManagedPages } from './managed-pages.js';

export const adminToken = 'e2e-admin-token-0123456789abcdef';

export interface WidgetInput {
  name?: string;
  webhookUrl: string;
  allowedOrigins: string[];
  config?: Record<string, unknown>;
}

export interface CwpServer {
  url: string;
  /** Creates a widget through the admin API; returns its id. */
  createWidget(input: WidgetInput): Promise<string>;
  /** Writes pending analytics, then reads the widget's report through the admin API. */
  report(widgetId: string): Promise<WidgetReport>;
}

/** A widget on the test's server that allows `pages.origin`. */
export interface ManagedWidget {
  id: string;
  /** A page that embeds the widget, on the origin it allows unless `origin` says otherwise. */
  url(embedding: ManagedEmbedding, options?: { type?: 'inline'; origin?: string }): string;
  /** Loads a page on the allowed origin that embeds the widget, and opens the floating widget. */
  open(embedding: ManagedEmbedding): Promise<WidgetModel>;
}

interface WorkerFixtures {
  bot: Bot;
  pages: ManagedPages;
}

interface TestFixtures {
  cwp: CwpServer;
  /** Creates a widget through the admin API, allowed on `pages.origin`. */
  managedWidget: (input: Omit<WidgetInput, 'allowedOrigins'>) => Promise<ManagedWidget>;
}

async function admin(server: RunningServer, path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}/v1/admin${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${adminToken}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`admin ${path} answered ${response.status}: ${body}`);
  return JSON.parse(body) as unknown;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  bot: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps as a pattern
    async ({}, use) => {
      const bot = await startBot({ delayMs: 10 });
      await use(bot);
      await bot.close();
    },
    { scope: 'worker' },
  ],
  pages: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps as a pattern
    async ({}, use) => {
      const pages = await startManagedPages();
      await use(pages);
      await pages.close();
    },
    { scope: 'worker' },
  ],
  cwp: async ({ bot }, use) => {
    bot.reset();
    const dir = await mkdtemp(join(tmpdir(), 'cwp-e2e-managed-'));
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dbFile: join(dir, 'cwp.db'),
      adminToken,
      allowPrivateWebhooks: true,
      logger: silentLogger,
      shutdownGraceMs: 500,
    });
    try {
      await use({
        url: server.url,
        async createWidget({ name = 'E2E widget', ...rest }) {
          const body = await admin(server, '/widgets', {
            method: 'POST',
            body: JSON.stringify({ name, ...rest }),
          });
          return (body as { id: string }).id;
        },
        async report(widgetId) {
          await server.flushAnalytics();
          return (await admin(
            server,
            `/widgets/${encodeURIComponent(widgetId)}/report`,
          )) as WidgetReport;
        },
      });
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
  managedWidget: async ({ cwp, pages, page }, use) => {
    await use(async (input) => {
      const id = await cwp.createWidget({ ...input, allowedOrigins: [pages.origin] });
      const url: ManagedWidget['url'] = (embedding, { type, origin } = {}) =>
        pages.page({ embedding, server: cwp.url, widgetId: id, ...(type ? { type } : {}) }, origin);
      return {
        id,
        url,
        async open(embedding) {
          await page.goto(url(embedding));
          const w = new WidgetModel(page, 'floating');
          await w.open();
          return w;
        },
      };
    });
  },
});

export { expect } from '@playwright/test';
