import { type PartName, partSelector } from '@cwp/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { chromiumLaunchOptions } from '../../../e2e/support/chromium.js';
import { freePort, type LocalBackends, startLocalBackends } from '../../support/local-backends.js';
import { type Playground, servePlayground } from '../serve.js';
import { choices } from '../url-state.js';

let backends: LocalBackends;
let playground: Playground;
let browser: Browser;

beforeAll(async () => {
  backends = await startLocalBackends();
  // The managed widgets must allow the playground's origin before it serves their ids.
  const port = await freePort();
  const origins = [`http://127.0.0.1:${port}`];
  const [whole, streamed] = await Promise.all([
    backends.createWidget({ origins }),
    backends.createWidget({ origins, webhookUrl: `${backends.bot.webhookUrl}?stream=1` }),
  ]);
  [playground, browser] = await Promise.all([
    servePlayground({
      port,
      botUrl: backends.bot.url,
      serverUrl: backends.serverUrl,
      widgetIds: { whole, streamed },
    }),
    chromium.launch(chromiumLaunchOptions),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await backends?.close();
});

/** Polls generously: the unit suite shares the machine's cores with every other test file. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

const viewports = {
  phone: { width: 375, height: 667 },
  desktop: { width: 1440, height: 900 },
};

/**
 * Opens the playground at `query` in a fresh browser context, closed when the test ends; page errors
 * fail the test.
 */
async function open(query: string, viewport = viewports.desktop): Promise<Page> {
  const context = await browser.newContext({ viewport });
  onTestFinished(() => context.close());
  context.setDefaultTimeout(10_000);
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (error) => errors.push(error.message));
  await visit(p, query);
  expect(errors).toEqual([]);
  return p;
}

/** Loads the playground at `query` and waits for its widget. */
async function visit(p: Page, query: string): Promise<void> {
  await p.goto(`${playground.url}${query}`);
  // The widget, or the page's note saying why there is none (e.g. a renderer that did not bundle).
  const notice = p.locator('#notice:not([hidden])');
  await p.locator(partSelector('root')).or(notice).first().waitFor({ state: 'attached' });
  expect(await notice.count(), (await notice.allTextContents()).join()).toBe(0);
}

const part = (p: Page, name: PartName) => p.locator(partSelector(name));

/** Opens a floating window; inline and fullscreen are open already. */
async function showWindow(p: Page): Promise<void> {
  if ((await part(p, 'root').getAttribute('data-type')) === 'floating') {
    await part(p, 'bubble').click();
  }
  await part(p, 'composer').waitFor();
}

/** The bot's record of the request that asked it to answer `text` (each test sends its own). */
const botRequest = (text: string) =>
  backends.bot.requests.find((r) => (r.body as { chatInput?: string }).chatInput === text);

async function chat(p: Page, text: string): Promise<void> {
  await showWindow(p);
  await part(p, 'input').fill(text);
  await part(p, 'input').press('Enter');
  const reply = p.locator(`${partSelector('message')}[data-role="bot"]`).last();
  await eventually(() => reply.locator(partSelector('message-content')).textContent()).toBe(
    `You said: ${text}`,
  );
  await eventually(() => reply.getAttribute('data-status')).toBe('done');
}

/**
 * The page's controls and the widget's composer do not overlap, the composer is wholly on screen,
 * and what is drawn at its middle is the composer (nothing of the page's lies over it).
 */
async function expectComposerClear(p: Page, viewport: keyof typeof viewports): Promise<void> {
  const { width, height } = viewports[viewport];
  const bar = (await p.locator('.pg-bar').boundingBox())!;
  const composer = (await part(p, 'composer').boundingBox())!;
  const where = `${width} px wide`;
  const apart =
    composer.y >= bar.y + bar.height ||
    composer.y + composer.height <= bar.y ||
    composer.x >= bar.x + bar.width ||
    composer.x + composer.width <= bar.x;
  expect(apart, where).toBe(true);
  expect(composer.y, where).toBeGreaterThanOrEqual(0);
  expect(composer.y + composer.height, where).toBeLessThanOrEqual(height);
  expect(composer.x + composer.width, where).toBeLessThanOrEqual(width);
  const onTop = await p.evaluate(
    ([x, y, composerSelector]) => {
      let element = document.elementFromPoint(x as number, y as number);
      while (element?.shadowRoot) {
        const inner = element.shadowRoot.elementFromPoint(x as number, y as number);
        if (!inner || inner === element) break;
        element = inner;
      }
      return element?.closest(composerSelector as string) !== null;
    },
    [composer.x + composer.width / 2, composer.y + composer.height / 2, partSelector('composer')],
  );
  expect(onTop, where).toBe(true);
}

// Each test takes a few seconds; the margin is for a machine busy with every other suite.
describe('the demo playground', { timeout: 30_000 }, () => {
  it('serves the page, one bundle per renderer and the embed code for the vanilla example', async () => {
    const html = await (await fetch(playground.url)).text();
    expect(html).toContain('ChatWidgetPro playground');
    expect(html).toContain(JSON.stringify(backends.bot.url).slice(1, -1));
    const paths = [
      'playground.js',
      ...choices.renderer.map((name) => `renderers/${name}.js`),
      'embed/cwp-embed.js',
      'embed/cwp-widget.js',
    ];
    for (const path of paths) {
      const response = await fetch(new URL(path, playground.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('javascript');
      // A renderer that did not bundle is served as a one-line module that throws why.
      expect((await response.text()).length, path).toBeGreaterThan(1000);
    }
    const vanilla = await (await fetch(new URL('vanilla/', playground.url))).text();
    expect(vanilla).toContain(`data-webhook-url="${backends.bot.url}/webhook"`);
  });

  describe('each renderer and type loads from its URL, chats, and its controls clear the composer', () => {
    for (const renderer of choices.renderer) {
      for (const type of choices.type) {
        it(`?renderer=${renderer}&type=${type}`, async () => {
          const p = await open(`?renderer=${renderer}&type=${type}`);
          await expect(part(p, 'root').count()).resolves.toBe(1);
          expect(await part(p, 'root').getAttribute('data-type')).toBe(type);
          expect(await p.locator('select[name="renderer"]').inputValue()).toBe(renderer);
          expect(await p.locator('select[name="type"]').inputValue()).toBe(type);
          const text = `hello ${renderer} ${type}`;
          await chat(p, text);
          expect(botRequest(text)?.query.stream).toBeUndefined();
          await expectComposerClear(p, 'desktop');
          await p.setViewportSize(viewports.phone);
          await expectComposerClear(p, 'phone');
        });
      }
    }
  });

  describe('managed mode streams through @cwp/server', () => {
    for (const [index, renderer] of choices.renderer.entries()) {
      const type = choices.type[index % choices.type.length];
      it(`?renderer=${renderer}&type=${type}&mode=managed&reply=streamed`, async () => {
        const p = await open(`?renderer=${renderer}&type=${type}&mode=managed&reply=streamed`);
        const posts: string[] = [];
        p.on('request', (request) => {
          if (request.method() === 'POST') posts.push(request.url());
        });
        const text = `stream ${renderer}`;
        await chat(p, text);
        expect(posts.some((url) => url.startsWith(`${backends.serverUrl}/v1/widgets/`))).toBe(true);
        expect(posts.some((url) => url.startsWith(backends.bot.url))).toBe(false);
        expect(botRequest(text)?.query.stream).toBe('1');
      });
    }
  });

  it('shows one widget in fullscreen, filling the page below the controls', async () => {
    for (const viewport of Object.values(viewports)) {
      const p = await open('?type=fullscreen&mode=managed', viewport);
      await part(p, 'composer').waitFor();
      await expect(p.locator('[data-cwp-host]').count()).resolves.toBe(1);
      await expect(part(p, 'root').count()).resolves.toBe(1);
      await expect(part(p, 'window').count()).resolves.toBe(1);
      const bar = (await p.locator('.pg-bar').boundingBox())!;
      const root = (await part(p, 'root').boundingBox())!;
      expect(root.y).toBeCloseTo(bar.y + bar.height, 0);
      expect(root.y + root.height).toBeCloseTo(viewport.height, 0);
      expect(root.width).toBeCloseTo(viewport.width, 0);
      await p.context().close();
    }
  });

  it('writes every control change into the URL, and a reload shows the same state', async () => {
    const p = await open('');
    await p.locator('select[name="type"]').selectOption('inline');
    await eventually(() => part(p, 'root').getAttribute('data-type')).toBe('inline');
    await p.locator('select[name="renderer"]').selectOption('svelte');
    await p.locator('select[name="theme"]').selectOption('dark');
    const query = '?renderer=svelte&type=inline&mode=direct&reply=whole&theme=dark';
    expect(new URL(p.url()).search).toBe(query);
    await eventually(() => part(p, 'root').getAttribute('data-theme')).toBe('dark');
    await expect(part(p, 'root').count()).resolves.toBe(1);
    await chat(p, 'after switching');
    await p.reload();
    await part(p, 'root').waitFor({ state: 'attached' });
    expect(new URL(p.url()).search).toBe(query);
    expect(await p.locator('select[name="renderer"]').inputValue()).toBe('svelte');
    expect(await part(p, 'root').getAttribute('data-type')).toBe('inline');
  });
});
