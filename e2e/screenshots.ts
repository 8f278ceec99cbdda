/**
 * Screenshots of each widget type, light and dark, for the README: docs/screenshots/<type>-<scheme>.png.
 *   npx tsx e2e/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBot } from '@cwp/bot';
import { chromium } from 'playwright-core';
import { WidgetModel } from './page-model.js';
import { chromiumLaunchOptions } from './support/chromium.js';
import { startFixtureServer } from './support/fixture-server.js';

const out = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const bot = await startBot({ delayMs: 5 });
const server = await startFixtureServer(bot);
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const type of ['floating', 'inline', 'fullscreen'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 900, height: 720 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      const config = {
        webhookUrl: server.hookUrl,
        type,
        tooltip: false,
        header: { title: 'Support', subtitle: 'Replies in a few seconds' },
        footer: { links: [{ label: 'Privacy', href: 'https://example.com/privacy' }] },
        initialMessages: ['Hi! Ask me anything.'],
      };
      await page.goto(
        server.page({
          renderer: 'dom',
          widgets: [type === 'inline' ? { config, target: '#inline-1' } : { config }],
        }),
      );
      const w = new WidgetModel(page, type);
      await w.open();
      await w.send('/markdown');
      await w.expectBotReply('A markdown reply');
      await page.mouse.move(0, 0);
      const file = join(out, `${type}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  await bot.close();
}
