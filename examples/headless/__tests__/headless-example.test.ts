import { type Bot, longSample, startBot } from '@cwp/bot';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../e2e/support/chromium.js';
import { type ExampleServer, startExampleServer } from '../server.js';

let bot: Bot;
let server: ExampleServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // About 7 s for /long: long enough to press Stop in the middle on a busy machine.
  bot = await startBot({ port: 0, chunkSize: 3, delayMs: 10 });
  server = await startExampleServer({ webhookUrl: bot.webhookUrl, port: 0 });
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await bot?.close();
});

afterEach(async () => {
  await page?.context().close();
  bot.reset();
});

async function openPage(query = ''): Promise<Page> {
  const context = await browser.newContext();
  page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${query}`);
  await page.locator('#messages li').first().waitFor();
  expect(errors).toEqual([]);
  return page;
}

/** Polls generously: the suite shares two cores with every other test file. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

const botMessages = (p: Page) => p.locator('#messages li[data-role="bot"]');

describe('headless example', () => {
  it('serves the page with a strict content security policy and a bundle built from source', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain(`content="${bot.webhookUrl}"`);
    const bundle = await fetch(`${server.url}main.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });

  it('greets the visitor and chats with the local bot, whole replies', async () => {
    const p = await openPage();
    await eventually(() => botMessages(p).first().textContent()).toContain('I echo what you write');
    await p.fill('#input', 'hello bot');
    await p.keyboard.press('Enter');
    await eventually(() => botMessages(p).last().textContent()).toBe('You said: hello bot');
    await eventually(() => p.locator('#input').inputValue()).toBe('');
    expect(bot.requests).toHaveLength(1);
    expect(bot.requests[0]?.query.stream).toBeUndefined();
  });

  it('streams replies when the visitor switches to streamed', async () => {
    const p = await openPage();
    await p.check('input[name="mode"][value="stream"]');
    await p.fill('#input', 'stream this please');
    await p.click('#send');
    await eventually(() => botMessages(p).last().textContent()).toBe(
      'You said: stream this please',
    );
    await eventually(() => botMessages(p).last().getAttribute('data-status')).toBe('done');
    expect(bot.requests.at(-1)?.query.stream).toBe('1');
    await eventually(() => p.locator('#events').textContent()).toContain('"streamed":true');
  });

  it('stops a streaming reply, keeps its text and offers a retry', async () => {
    const p = await openPage('?mode=stream');
    await p.fill('#input', '/long');
    await p.click('#send');
    const reply = botMessages(p).last();
    await eventually(() => reply.getAttribute('data-status')).toBe('streaming');
    await p.click('#stop');
    await eventually(() => reply.getAttribute('data-status')).toBe('incomplete');
    const kept = (await reply.locator('span').first().textContent()) ?? '';
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(longSample.length);
    await expect(reply.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(1);
  });

  it('shows bot text as text, never as markup', async () => {
    const p = await openPage();
    await p.fill('#input', '<img src=x onerror="document.title=1">');
    await p.click('#send');
    await eventually(() => botMessages(p).last().textContent()).toContain('<img src=x');
    expect(await p.locator('#messages img').count()).toBe(0);
  });

  it('starts over with an empty conversation after New session', async () => {
    const p = await openPage();
    await p.fill('#input', 'remember me');
    await p.click('#send');
    await eventually(() => botMessages(p).last().textContent()).toBe('You said: remember me');
    await p.click('#new-session');
    await eventually(() => p.locator('#messages li[data-role="user"]').count()).toBe(0);
  });
});
