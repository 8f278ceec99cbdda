import { type Bot, defaultReply, type HostileReply, hostileReplies, startBot } from '@cwp/bot';
import { test as base, type Page } from '@playwright/test';
import { WidgetModel } from '../page-model.js';
import type { Row } from '../rows.js';
import { type FixtureServer, type PageSpec, startFixtureServer } from './fixture-server.js';
import type { PageWidget } from './renderers.js';

export type HostileCase = HostileReply;
export const hostileCases = hostileReplies;

export function hostileText(c: HostileCase): string {
  return c.text ?? '';
}

/** The default bot, plus `/hostile <id>`: the text of that case of replies.json. */
function reply(input: { chatInput: string; sessionId: string }): string | Promise<string> {
  const match = /^\/hostile (\S+)$/.exec(input.chatInput.trim());
  const found = match && hostileCases.find((c) => c.id === match[1]);
  if (found) return hostileText(found);
  return defaultReply(input);
}

export interface WidgetOptions {
  /** Extra config for every widget on the page. */
  config?: Record<string, unknown>;
  /** Query string appended to the webhook URL (e.g. `?stream=1`). */
  query?: string;
  /** More than one widget: each entry's config is merged over the base. */
  widgets?: Record<string, unknown>[];
  hostileCss?: boolean;
  /** Serve the page under a strict, nonce-based Content-Security-Policy. */
  csp?: boolean;
}

interface TestFixtures {
  /** Opens a page with the row's widget(s) and returns the page model of the first. */
  openWidget(row: Row, options?: WidgetOptions): Promise<WidgetModel>;
}

interface WorkerFixtures {
  bot: Bot;
  server: FixtureServer;
}

export function pageSpec(row: Row, server: FixtureServer, options: WidgetOptions = {}): PageSpec {
  const base = {
    webhookUrl: `${server.hookUrl}${options.query ?? ''}`,
    type: row.type,
    tooltip: false,
    // Short enough that stalled streams end within a test.
    timeouts: { request: 8000, idle: 1500 },
    ...options.config,
  };
  const list = options.widgets ?? [{}];
  const widgets: PageWidget[] = list.map((extra, i) => {
    const config = { ...base, ...extra };
    return config.type === 'inline' ? { config, target: `#inline-${i + 1}` } : { config };
  });
  return {
    renderer: row.renderer,
    widgets,
    hostileCss: options.hostileCss ?? false,
    csp: options.csp ?? false,
  };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  bot: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps as a pattern
    async ({}, use) => {
      const bot = await startBot({ reply, delayMs: 10 });
      await use(bot);
      await bot.close();
    },
    { scope: 'worker' },
  ],
  server: [
    async ({ bot }, use) => {
      const server = await startFixtureServer(bot, (chatInput) => {
        const id = /^\/hostile (\S+)$/.exec(chatInput.trim())?.[1];
        return hostileCases.find((c) => c.id === id)?.raw;
      });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  openWidget: async ({ page, server, bot }, use) => {
    server.setHook('normal');
    server.hookRequests.length = 0;
    bot.reset();
    await use(async (row, options = {}) => {
      await page.goto(server.page(pageSpec(row, server, options)));
      const model = new WidgetModel(page, row.type);
      if (row.type !== 'floating') await model.window.waitFor();
      else await model.anyBubble.waitFor();
      return model;
    });
  },
});

export { expect } from '@playwright/test';

/** Requests the page sent anywhere but the page's and the bot's origins. */
export function recordForeignRequests(page: Page, allowed: string[]): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) {
      foreign.push(url.slice(0, 60));
      return;
    }
    if (!allowed.some((origin) => url.startsWith(`${origin}/`) || url === origin))
      foreign.push(url);
  });
  return foreign;
}

export const sendRequests = (server: FixtureServer) =>
  server.hookRequests.filter((r) => r.body?.action === 'sendMessage');
