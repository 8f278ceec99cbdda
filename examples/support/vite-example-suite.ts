/**
 * The test every framework example (examples/vue, svelte, solid) runs: build the app with Vite's
 * JS API as `vite build` would, serve the output, and chat in Chromium with the local bot as each
 * widget type, directly and through @cwp/server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partSelector } from '@cwp/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../e2e/support/chromium.js';
import { type LocalBackends, startLocalBackends } from './local-backends.js';
import { type StaticServer, serveDirectory } from './static-server.js';

const widgetTypes = ['floating', 'inline', 'fullscreen'] as const;

/** `vite build` of the example at `root` into `outDir`, with `env` as the shell would pass it. */
async function buildExample(root: string, outDir: string, env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

/** Polls generously: the unit suite shares the machine's cores with every other test file. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

export function describeViteExample(name: string, root: string): void {
  describe(`the ${name} example`, () => {
    let backends: LocalBackends;
    let site: StaticServer;
    let outDir: string;
    let browser: Browser;
    let page: Page | undefined;

    beforeAll(async () => {
      backends = await startLocalBackends();
      outDir = await mkdtemp(join(tmpdir(), `cwp-example-${name}-`));
      site = await serveDirectory(outDir);
      const widgetId = await backends.createWidget({ origins: [site.origin] });
      const [, launched] = await Promise.all([
        buildExample(root, outDir, {
          VITE_BOT_URL: backends.bot.url,
          VITE_CWP_SERVER_URL: backends.serverUrl,
          VITE_CWP_WIDGET_ID: widgetId,
        }),
        chromium.launch(chromiumLaunchOptions),
      ]);
      browser = launched;
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await site?.close();
      await backends?.close();
      if (outDir) await rm(outDir, { recursive: true, force: true });
    });

    afterEach(async () => {
      await page?.context().close();
      page = undefined;
    });

    for (const mode of ['direct', 'managed'] as const) {
      const via = mode === 'direct' ? 'directly' : 'through @cwp/server';
      it(`chats with the local bot ${via} as a floating, inline and fullscreen widget`, async () => {
        const context = await browser.newContext();
        const p = await context.newPage();
        page = p;
        const errors: string[] = [];
        p.on('pageerror', (error) => errors.push(error.message));
        const chatRequests: string[] = [];
        p.on('request', (request) => {
          if (request.method() === 'POST') chatRequests.push(request.url());
        });
        await p.goto(`${site.origin}/`);
        await p.getByLabel('Mode').selectOption(mode);
        for (const type of widgetTypes) {
          await p.getByLabel('Widget type').selectOption(type);
          const root = p.locator(partSelector('root'));
          await eventually(() => root.count()).toBe(1);
          await eventually(() => root.getAttribute('data-type')).toBe(type);
          if (type === 'floating') await p.locator(partSelector('bubble')).click();
          const text = `hello from ${name}, ${type}, ${mode}`;
          await p.locator(partSelector('input')).fill(text);
          await p.locator(partSelector('send-button')).click();
          const reply = p.locator(`${partSelector('message')}[data-role="bot"]`).last();
          await eventually(() => reply.locator(partSelector('message-content')).textContent()).toBe(
            `You said: ${text}`,
          );
        }
        expect(errors).toEqual([]);
        const expected = mode === 'direct' ? backends.bot.url : backends.serverUrl;
        expect(chatRequests.length).toBeGreaterThanOrEqual(widgetTypes.length);
        for (const url of chatRequests) expect(url.startsWith(expected)).toBe(true);
      });
    }
  });
}
