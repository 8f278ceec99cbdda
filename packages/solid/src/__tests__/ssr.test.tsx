// @vitest-environment happy-dom
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bot, startBot } from '@cwp/bot';
import {
  type ChatWidgetApi,
  type ChatWidgetConfig,
  createChatWidget,
  type PartName,
  partSelector,
  parts,
} from '@cwp/core';
import { sharedConfig } from 'solid-js';
import { hydrate } from 'solid-js/web';
import { createServer, type ViteDevServer } from 'vite';
import solid from 'vite-plugin-solid';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ChatWidget } from '../chat-widget.jsx';
import { until } from './helpers.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let bot: Bot;
let vite: ViteDevServer;
let server: typeof import('./fixtures/server-render.jsx');

beforeAll(async () => {
  bot = await startBot();
  // A Solid app's server: JSX compiled with generate 'ssr', solid-js resolved to its server build.
  vite = await createServer({
    configFile: false,
    root: packageDir,
    logLevel: 'silent',
    appType: 'custom',
    plugins: [solid({ ssr: true, dev: false })],
    // Inlined, so the compiled components and renderToString share one Solid.
    ssr: { noExternal: ['solid-js'], resolve: { conditions: ['source', 'module', 'node'] } },
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  // Importing the package (and @cwp/core) on the server touches no DOM either.
  server = (await withoutDom(() =>
    vite.ssrLoadModule('/src/__tests__/fixtures/server-render.tsx'),
  )) as typeof server;
});
afterAll(async () => {
  await vite.close();
  await bot.close();
});

/** What Solid's hydration script (`generateHydrationScript()`) sets up on a fresh page. */
function resetHydration(): void {
  sharedConfig.done = false;
  (globalThis as Record<string, unknown>)._$HY = {
    events: [],
    completed: new WeakSet(),
    r: {},
    fe() {},
  };
}

const noDom = ['window', 'document', 'requestAnimationFrame', 'HTMLElement'];

/** Runs `fn` as on a server: no DOM globals at all. */
async function withoutDom<T>(fn: () => T | Promise<T>): Promise<T> {
  for (const name of noDom) vi.stubGlobal(name, undefined);
  try {
    return await fn();
  } finally {
    vi.unstubAllGlobals();
  }
}

function serverRender(config: ChatWidgetConfig | ChatWidgetApi, shadow = false): Promise<string> {
  const props = 'getSnapshot' in config ? { widget: config } : { config };
  return withoutDom(() => server.renderWidget({ ...props, shadow }));
}

it('renders every part on the server, touching no DOM', async () => {
  const links = [{ label: 'Privacy', href: 'https://example.com/privacy' }];
  const inMessage =
    /^(message.*|code-copy|retry-button|copy-reply|feedback-.*|starter-prompt|attachment(-.*)?)$/;
  const html = await serverRender({
    webhookUrl: bot.webhookUrl,
    storage: 'memory',
    id: 'ssr',
    footer: { text: 'Powered by us', links },
  });
  // Every part but those inside a message (there are none yet) or a starter prompt (none set).
  for (const part of parts.filter((p) => !inMessage.test(p))) {
    expect(html, part).toContain(`data-part="${part}"`);
  }
  expect(html).toContain('data-hk=');
  expect(html).toContain('id="cwp-ssr-window"');
  expect(html).toMatch(/data-part="window"[^>]*hidden/);
  expect(html).not.toContain('data-cwp-host');
  expect(await serverRender({ webhookUrl: bot.webhookUrl, storage: 'memory' }, true)).toMatch(
    /^<div[^>]* data-cwp-host><\/div>$/,
  );
});

it('holds nothing once the server render is done', async () => {
  const widget = createChatWidget({ webhookUrl: bot.webhookUrl, storage: 'memory' });
  const subscribe = widget.subscribe.bind(widget);
  let listening = 0;
  vi.spyOn(widget, 'subscribe').mockImplementation((listener) => {
    const unsubscribe = subscribe(listener);
    listening++;
    return () => {
      listening--;
      unsubscribe();
    };
  });
  await serverRender(widget);
  expect(listening).toBe(2);
  // Solid disposes a server render on the next tick: the view and createWidgetDom let go.
  await until(() => listening === 0);
  widget.destroy();
});

it('hydrates the server markup: the bubble opens the window and the bot replies', async () => {
  const config = {
    webhookUrl: bot.webhookUrl,
    storage: 'memory',
    tooltip: false,
    id: 'hy',
  } as const;
  const html = await serverRender(config);
  const app = document.createElement('div');
  app.innerHTML = html;
  document.body.append(app);
  const serverBubble = app.querySelector(partSelector('bubble'));
  resetHydration();
  const dispose = hydrate(() => <ChatWidget config={config} />, app);
  const part = (name: PartName) => app.querySelector<HTMLElement>(partSelector(name))!;
  // Hydration adopts the server's elements instead of drawing new ones.
  expect(part('bubble')).toBe(serverBubble);
  part('bubble').click();
  expect(part('window').hidden).toBe(false);
  const input = part('input') as HTMLTextAreaElement;
  input.value = 'hydrated';
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await until(() => part('messages').textContent?.includes('You said: hydrated') ?? false);
  expect(app.querySelectorAll(partSelector('message'))).toHaveLength(2);
  dispose();
});

it('hydrates a shadow-mode widget by drawing it into the host once mounted', async () => {
  const config = { webhookUrl: bot.webhookUrl, storage: 'memory', type: 'inline' } as const;
  const app = document.createElement('div');
  app.innerHTML = await serverRender(config, true);
  document.body.append(app);
  const host = app.firstElementChild as HTMLElement;
  resetHydration();
  const dispose = hydrate(() => <ChatWidget config={config} shadow />, app);
  expect(app.firstElementChild).toBe(host);
  expect(host.shadowRoot?.querySelector(partSelector('window'))?.hasAttribute('hidden')).toBe(
    false,
  );
  dispose();
  expect(app.childElementCount).toBe(0);
});
