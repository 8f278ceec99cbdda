import AxeBuilder from '@axe-core/playwright';
import { faultNames } from '@cwp/bot';
import type { Page } from '@playwright/test';
import { partSelector, WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import {
  expect,
  hostileCases,
  recordForeignRequests,
  sendRequests,
  test,
} from './support/fixtures.js';

/** Every href in the page, light DOM and open shadow roots alike, and any on* attribute. */
async function unsafeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        for (const name of el.getAttributeNames()) {
          const value = el.getAttribute(name) ?? '';
          if (/^on/i.test(name)) found.push(`${el.tagName} ${name}`);
          if (/^(href|src|action|formaction|xlink:href)$/i.test(name)) {
            if (/^\s*(javascript|data|vbscript):/i.test(value))
              found.push(`${el.tagName} ${name}=${value}`);
          }
        }
        if (/^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|FORM)$/.test(el.tagName) && root !== document) {
          if (el.tagName !== 'FORM' || el.getAttribute('data-part') !== 'composer')
            found.push(el.tagName);
        }
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

for (const row of rows) {
  test.describe(row.name, () => {
    const floating = row.type === 'floating';

    test('opens and closes by mouse and keyboard', async ({ openWidget, page }) => {
      const w = await openWidget(row);
      if (!floating) {
        await expect(w.window).toBeVisible();
        // Inline fills its container (560px high on the test page); fullscreen the viewport.
        const box = await w.window.boundingBox();
        expect(box?.height).toBeCloseTo(row.type === 'inline' ? 560 : 768, -1);
        await expect(w.bubble).toBeHidden();
        await expect(w.part('close-button')).toBeHidden();
        return;
      }
      await expect(w.window).toBeHidden();
      await w.open();
      await expect(w.input).toBeFocused();
      await expect(w.bubble).toHaveAttribute('aria-expanded', 'true');
      await page.keyboard.press('Escape');
      await expect(w.window).toBeHidden();
      await expect(w.bubble).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(w.window).toBeVisible();
      await expect(w.input).toBeFocused();
      await w.part('close-button').click();
      await expect(w.window).toBeHidden();
    });

    test('sends a message and shows the whole reply, with the typing indicator while waiting', async ({
      openWidget,
      server,
    }) => {
      const w = await openWidget(row);
      await w.open();
      server.setHook('slow');
      await w.send('hello there');
      await expect(w.userMessages.last()).toContainText('hello there');
      await expect(w.typing).toBeVisible();
      await w.expectBotReply('You said: hello there');
      await expect(w.typing).toBeHidden();
      await expect(w.input).toHaveValue('');
    });

    // The same on every widget type: once per way of drawing it (rows.ts `content`).
    if (row.content) {
      test('streams a reply into one message as it arrives', async ({ openWidget }) => {
        const w = await openWidget(row, { query: '?stream=1&chunk=24&delay=25' });
        await w.open();
        await w.send('/long');
        const reply = w.botMessages.last();
        await expect(reply).toHaveAttribute('data-status', 'streaming');
        await expect(w.part('stop-button')).toBeVisible();
        await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
        await expect(reply.locator('li')).toHaveCount(10);
        await expect(w.botMessages).toHaveCount(1);
      });
    }

    // Following depends on the layout (each type) and on how a renderer draws (each renderer):
    // the renderers' content rows and DOM's inline and fullscreen rows cover both.
    if (row.content || (row.renderer === 'dom' && row.type !== 'floating')) {
      test('follows new text at the bottom but does not yank a visitor who scrolled up', async ({
        openWidget,
      }) => {
        const w = await openWidget(row, { query: '?stream=1&chunk=100&delay=40' });
        await w.open();
        const log = w.part('messages');
        const distanceFromEnd = () =>
          log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
        for (let i = 0; i < 2; i++) {
          await w.send('/long');
          await expect(w.botMessages).toHaveCount(i + 1);
          await w.expectBotReply('pieces');
          expect(await distanceFromEnd()).toBeLessThan(5);
        }
        await w.send('/long');
        await expect(w.botMessages.last()).toHaveAttribute('data-status', 'streaming');
        await log.evaluate((el) => {
          el.scrollTop = 0;
        });
        await expect(w.botMessages.last()).toHaveAttribute('data-status', 'done', {
          timeout: 15_000,
        });
        expect(await log.evaluate((el) => el.scrollTop)).toBeLessThan(20);
        await log.evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        await w.send('/long');
        await expect(w.botMessages).toHaveCount(4);
        await w.expectBotReply('pieces', 15_000);
        expect(await distanceFromEnd()).toBeLessThan(5);
      });
    }

    if (row.content) {
      test('renders bot markdown as formatting, never as markup', async ({ openWidget }) => {
        const w = await openWidget(row);
        await w.open();
        await w.send('/markdown');
        await w.expectBotReply('A markdown reply');
        const content = w.botMessages.last().locator('[data-part="message-content"]');
        await expect(content.locator('p:not([data-heading]) strong')).toHaveText('bold');
        await expect(content.locator('li')).toHaveCount(4);
        await expect(content.locator('pre code')).toContainText("const greeting = 'hello';");
        const link = content.locator('a');
        await expect(link).toHaveAttribute('href', 'https://example.com/');
        await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
      });

      test('draws GFM tables, strikethrough, task items, and copies a code block', async ({
        openWidget,
        context,
        page,
      }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        const w = await openWidget(row);
        await w.open();
        await w.send('/gfm');
        await w.expectBotReply('GFM sample');
        const content = w.botMessages.last().locator('[data-part="message-content"]');
        // The table scrolls sideways inside the bubble; the bubble itself stays within the list.
        const wrapper = content.locator('[data-table]');
        await expect(wrapper.locator('th')).toHaveCount(13);
        await expect(wrapper.locator('th').first()).toHaveText('Plan');
        await expect(wrapper.locator('td').last()).toHaveText('value 12');
        await expect(wrapper.locator('th').nth(1)).toHaveCSS('text-align', 'right');
        const sizes = await wrapper.evaluate((el) => ({
          scroll: el.scrollWidth,
          client: el.clientWidth,
          overflow: getComputedStyle(el).overflowX,
        }));
        expect(sizes.overflow).toBe('auto');
        expect(sizes.scroll).toBeGreaterThan(sizes.client);
        const bubble = await content.boundingBox();
        const list = await w.part('messages').boundingBox();
        expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(list!.x + list!.width + 1);
        await wrapper.evaluate((el) => {
          el.scrollLeft = 10_000;
        });
        expect(await wrapper.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

        await expect(content.locator('del')).toHaveText('$20');
        await expect(content.locator('del')).toHaveCSS('text-decoration-line', 'line-through');
        const done = content.getByRole('checkbox', { name: 'sign up' });
        await expect(done).toBeChecked();
        await expect(done).toBeDisabled();
        await expect(content.getByRole('checkbox', { name: 'pay' })).not.toBeChecked();

        const copy = content.locator('[data-part="code-copy"]');
        await expect(copy).toHaveAccessibleName('Copy code');
        await copy.click();
        await expect(copy).toHaveAccessibleName('Copied');
        // Drawn anew as it says Copied and again when it stops: focus stays on it.
        await expect(copy).toBeFocused();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
          'npm install @cwp/dom',
        );
        await expect(copy).toHaveAccessibleName('Copy code', { timeout: 4000 });
        await expect(copy).toBeFocused();
        const axe = await new AxeBuilder({ page })
          .include('[data-cwp-host]')
          .include('cwp-chat')
          .analyze();
        expect(axe.violations).toEqual([]);
      });

      test('sends a starter prompt on click, and shows the prompts again after a new conversation', async ({
        openWidget,
        server,
      }) => {
        const w = await openWidget(row, {
          config: { starterPrompts: ['What do you sell?', 'Where is my order?'] },
        });
        await w.open();
        const prompts = w.part('starter-prompt');
        await expect(w.part('starter-prompts')).toBeVisible();
        await expect(prompts).toHaveText(['What do you sell?', 'Where is my order?']);
        await prompts.nth(1).click();
        await expect(w.userMessages.last().locator('[data-part="message-content"]')).toHaveText(
          'Where is my order?',
        );
        await w.expectBotReply('You said: Where is my order?');
        await expect(w.part('starter-prompts')).toBeHidden();
        expect(server.hookRequests.map((r) => r.body?.chatInput)).toEqual(['Where is my order?']);
        await w.part('new-session-button').click();
        await expect(w.part('starter-prompts')).toBeVisible();
        await expect(prompts).toHaveCount(2);
      });

      test('copies a reply, and thumbs a reply up or down (a second click takes it back)', async ({
        openWidget,
        context,
        page,
      }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        const w = await openWidget(row);
        await w.open();
        await w.send('hello there');
        await w.expectBotReply('You said: hello there');
        await expect(w.userMessages.last().locator('[data-part="message-actions"]')).toBeHidden();
        const reply = w.botMessages.last();
        const up = reply.locator('[data-part="feedback-up"]');
        const down = reply.locator('[data-part="feedback-down"]');
        const copy = reply.locator('[data-part="copy-reply"]');
        await expect(up).toHaveAccessibleName('Helpful');
        await expect(down).toHaveAccessibleName('Not helpful');
        await expect(up).toHaveAttribute('aria-pressed', 'false');
        await up.click();
        await expect(up).toHaveAttribute('aria-pressed', 'true');
        await expect(down).toHaveAttribute('aria-pressed', 'false');
        await down.click();
        await expect(up).toHaveAttribute('aria-pressed', 'false');
        await expect(down).toHaveAttribute('aria-pressed', 'true');
        await down.click();
        await expect(down).toHaveAttribute('aria-pressed', 'false');

        await expect(copy).toHaveText('Copy');
        await copy.click();
        await expect(copy).toHaveText('Copied');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
          'You said: hello there',
        );
        await expect(copy).toHaveText('Copy', { timeout: 4000 });
      });
    }

    if (row.content) {
      test('keeps the session and messages across a reload', async ({
        openWidget,
        page,
        server,
      }) => {
        const w = await openWidget(row);
        await w.open();
        await w.send('remember me');
        await w.expectBotReply('You said: remember me');
        await w.input.fill('typed but not sent');
        await page.waitForTimeout(400); // the message log is saved with a short throttle
        await page.reload();
        const after = new WidgetModel(page, row.type);
        await after.open();
        await expect(after.messages).toHaveCount(2);
        await expect(after.input).toHaveValue('typed but not sent');
        await after.send('and again');
        await after.expectBotReply('You said: and again');
        const sessions = new Set(sendRequests(server).map((r) => r.body?.sessionId));
        expect(sessions.size).toBe(1);
      });
    }

    if (row.content) {
      test('starts a new conversation', async ({ openWidget, server }) => {
        const w = await openWidget(row);
        await w.open();
        await w.send('first conversation');
        await w.expectBotReply('You said: first conversation');
        await w.part('new-session-button').click();
        await expect(w.messages).toHaveCount(0);
        await w.send('second conversation');
        await w.expectBotReply('You said: second conversation');
        const sessions = sendRequests(server).map((r) => r.body?.sessionId);
        expect(sessions).toHaveLength(2);
        expect(sessions[0]).not.toBe(sessions[1]);
      });
    }

    if (row.content) {
      test('survives every hostile reply in replies.json', async ({
        openWidget,
        page,
        server,
        bot,
      }) => {
        test.setTimeout(90_000);
        const foreign = recordForeignRequests(page, [server.url, bot.url]);
        // The typewriter's partial reveals go through the same renderer; one row keeps it on, the
        // others show each reply at once (21 replies of up to 1.5 s of reveal each).
        const typewriter = row.name === 'dom-floating';
        const w = await openWidget(row, { config: { typewriter } });
        await w.open();
        for (const c of hostileCases) {
          await w.send(`/hostile ${c.id}`);
          await expect(w.botMessages.last()).toHaveAttribute(
            'data-status',
            /done|failed|incomplete/,
            {
              timeout: 15_000,
            },
          );
          await expect(page.locator('[data-part="input"]').first()).toBeEditable();
          await page.waitForTimeout(50);
        }
        expect(
          await page.evaluate(() => (window as { __pwned?: unknown }).__pwned),
        ).toBeUndefined();
        expect(
          await page.evaluate(() => (({}) as Record<string, unknown>).polluted ?? null),
        ).toBeNull();
        expect(await unsafeMarkup(page)).toEqual([]);
        expect(foreign).toEqual([]);
        await expect(w.part('messages').locator('img')).toHaveCount(0);
        await w.send('still working');
        await w.expectBotReply('You said: still working');
        await expect(floating ? w.bubble : w.window).toBeVisible();
      });
    }

    if (row.content) {
      test('two widgets on one page stay independent', async ({ openWidget, page, server }) => {
        const second = row.type === 'floating' ? { bubble: { position: 'bottom-left' } } : {};
        await openWidget(row, {
          widgets: [
            { id: 'first', header: { title: 'First bot' } },
            { id: 'second', header: { title: 'Second bot' }, ...second },
          ],
        });
        const a = new WidgetModel(page, row.type, 0);
        const b = new WidgetModel(page, row.type, 1);
        if (row.type === 'fullscreen') {
          // Two fullscreen widgets stack; drive them through their own parts all the same.
          await expect(a.part('title')).toHaveText('First bot');
          await expect(b.part('title')).toHaveText('Second bot');
          return;
        }
        await a.open();
        await a.send('to the first');
        await a.expectBotReply('You said: to the first');
        await b.open();
        await expect(b.messages).toHaveCount(0);
        await b.send('to the second');
        await b.expectBotReply('You said: to the second');
        await expect(a.messages).toHaveCount(2);
        const sessions = new Set(sendRequests(server).map((r) => r.body?.sessionId));
        expect(sessions.size).toBe(2);
      });
    }

    test('a hostile host stylesheet does not break it', async ({ openWidget }) => {
      const w = await openWidget(row, { hostileCss: true });
      // The embed loads the rest of the widget when the pointer reaches its placeholder bubble.
      if (floating) await w.anyBubble.hover();
      const target = floating ? w.bubble : w.window;
      await expect(target).toBeVisible();
      const box = await target.boundingBox();
      expect(box?.width).toBeGreaterThan(40);
      expect(box?.height).toBeGreaterThan(40);
      await w.open();
      await w.send('styled');
      await w.expectBotReply('You said: styled');
    });

    if (row.content) {
      test('works under a strict Content-Security-Policy with a nonce', async ({
        openWidget,
        page,
      }) => {
        const refused: string[] = [];
        page.on('console', (m) => {
          if (/content security policy|refused to/i.test(m.text())) refused.push(m.text());
        });
        const w = await openWidget(row, { csp: true });
        if (floating) await w.anyBubble.hover();
        const target = floating ? w.bubble : w.window;
        await expect(target).toBeVisible();
        expect((await target.boundingBox())?.width).toBeGreaterThan(40);
        await w.open();
        await w.send('under a strict policy');
        await w.expectBotReply('You said: under a strict policy');
        expect(refused).toEqual([]);
      });
    }

    test('axe finds no violations, closed and open', async ({ openWidget, page }) => {
      const w = await openWidget(row, {
        config: { footer: { links: [{ label: 'Privacy', href: 'https://example.com/privacy' }] } },
      });
      const axe = () =>
        new AxeBuilder({ page }).include('[data-cwp-host]').include('cwp-chat').analyze();
      if (floating) expect((await axe()).violations).toEqual([]);
      await w.open();
      await w.send('/markdown');
      await w.expectBotReply('A markdown reply');
      expect((await axe()).violations).toEqual([]);
    });

    // Only core decides these (history loading, one send per click, offline retry); renderers that
    // just draw core's view skip them: conformance and the other scenarios cover what they draw.
    if (row.coreScenarios) {
      test('loads earlier messages from the bot when only the session is known', async ({
        openWidget,
        page,
        server,
      }) => {
        const w = await openWidget(row);
        await w.open();
        await w.send('from an earlier visit');
        await w.expectBotReply('You said: from an earlier visit');
        await page.waitForTimeout(400);
        // Forget the messages but keep the session id, as another device would.
        await page.evaluate(() => {
          const clear = (value: unknown): void => {
            if (value === null || typeof value !== 'object') return;
            const record = value as Record<string, unknown>;
            if (Array.isArray(record.messages)) record.messages = [];
            for (const key of Object.keys(record)) clear(record[key]);
          };
          for (const key of Object.keys(localStorage)) {
            if (!key.startsWith('cwp:')) continue;
            const data = JSON.parse(localStorage.getItem(key) ?? 'null');
            clear(data);
            localStorage.setItem(key, JSON.stringify(data));
          }
        });
        await page.reload();
        const after = new WidgetModel(page, row.type);
        await after.open();
        await expect(after.userMessages.first()).toContainText('from an earlier visit');
        await expect(after.botMessages.first()).toContainText('You said: from an earlier visit');
        expect(server.hookRequests.some((r) => r.body?.action === 'loadPreviousSession')).toBe(
          true,
        );
      });

      test('sends once on a double click or a repeated Enter', async ({ openWidget, server }) => {
        const w = await openWidget(row);
        await w.open();
        await w.input.fill('just once');
        await w.sendButton.dblclick();
        await w.expectBotReply('You said: just once');
        await w.input.fill('enter twice');
        await w.input.press('Enter');
        await w.input.press('Enter');
        await w.expectBotReply('You said: enter twice');
        const texts = sendRequests(server).map((r) => r.body?.chatInput);
        expect(texts).toEqual(['just once', 'enter twice']);
      });

      test('keeps a message sent offline waiting and sends it once when back online', async ({
        openWidget,
        context,
        server,
      }) => {
        const w = await openWidget(row);
        await w.open();
        await context.setOffline(true);
        await w.send('sent while offline');
        const waiting = w.userMessages.last();
        await expect(waiting).toContainText('sent while offline');
        await expect(waiting).toHaveAttribute('data-status', 'sending');
        await expect(waiting.locator(partSelector('message-status'))).toHaveText(
          'Waiting for connection…',
        );
        await expect(w.error).toBeHidden();
        expect(sendRequests(server)).toEqual([]);
        await context.setOffline(false);
        await w.expectBotReply('You said: sent while offline');
        await expect(waiting.locator(partSelector('message-status'))).toBeHidden();
        expect(sendRequests(server).map((r) => r.body?.chatInput)).toEqual(['sent while offline']);
      });
    }

    if (floating) {
      test('shows the tooltip after its delay and an unread badge while closed', async ({
        openWidget,
        page,
        server,
      }) => {
        const w = await openWidget(row, {
          config: { tooltip: { text: 'Need help?', delay: 300 } },
        });
        await expect(w.part('tooltip')).toBeVisible({ timeout: 5000 });
        await expect(w.part('tooltip')).toContainText('Need help?');
        await w.part('tooltip-close').click();
        await expect(w.part('tooltip')).toBeHidden();
        await w.open();
        server.setHook('slow');
        await w.send('answer while closed');
        await page.keyboard.press('Escape');
        await expect(w.part('unread-badge')).toBeVisible({ timeout: 5000 });
        await w.open();
        await expect(w.part('unread-badge')).toBeHidden();
      });

      test('keeps the bubble in its configured corner, also on a right-to-left page', async ({
        openWidget,
        page,
      }) => {
        const w = await openWidget(row, {
          widgets: [
            { id: 'right', dir: 'rtl' },
            { id: 'left', bubble: { position: 'bottom-left' } },
          ],
        });
        const other = new WidgetModel(page, row.type, 1);
        for (const bubble of [w.anyBubble, other.anyBubble]) await bubble.hover();
        const right = await w.bubble.boundingBox();
        const left = await other.bubble.boundingBox();
        expect(right!.x).toBeGreaterThan(1024 / 2);
        expect(left!.x).toBeLessThan(1024 / 2);
        expect(right!.y).toBeGreaterThan(768 / 2);
      });

      test('takes the whole screen on a narrow viewport', async ({ openWidget, page }) => {
        await page.setViewportSize({ width: 375, height: 700 });
        const w = await openWidget(row);
        await w.open();
        const box = await w.window.boundingBox();
        expect(box?.width).toBeCloseTo(375, 0);
        expect(box?.height).toBeCloseTo(700, 0);
      });
    }

    if (row.faults) {
      for (const fault of faultNames) {
        test(`handles the broken transport "${fault}"`, async ({ openWidget, server, page }) => {
          const warnings: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'warning') warnings.push(m.text());
          });
          const w = await openWidget(row);
          await w.open();
          server.setHook(fault);
          await w.send(`message for ${fault}`);
          await expect(w.part('stop-button')).toBeHidden({ timeout: 15_000 });
          const shown = ((await w.root.textContent()) ?? '').toLowerCase();
          expect(shown).not.toMatch(/<html|<!doctype|<body|\{"|nginx|"message"/);
          await expect(w.userMessages.first()).toContainText(`message for ${fault}`);
          expect(sendRequests(server)).toHaveLength(1);
          const retry = w.part('retry-button').filter({ visible: true });
          if ((await retry.count()) > 0) {
            await expect(
              w.error.or(w.part('message-status').filter({ visible: true })).first(),
            ).toBeVisible();
            expect(warnings.length).toBeGreaterThan(0);
            server.setHook('normal');
            // Core refuses a retry before the server's Retry-After (2 s from the bot) has passed.
            if (fault.startsWith('status-429')) await page.waitForTimeout(2100);
            await retry.first().dblclick();
            await expect(w.botMessages.last()).toHaveAttribute('data-status', 'done', {
              timeout: 10_000,
            });
            await expect(w.botMessages.last()).toContainText(`You said: message for ${fault}`);
            expect(sendRequests(server)).toHaveLength(2);
          } else {
            await expect(w.botMessages.last()).toHaveAttribute('data-status', 'done');
          }
        });
      }

      test('handles a webhook nobody listens on', async ({ openWidget }) => {
        const w = await openWidget(row, { config: { webhookUrl: 'http://127.0.0.1:9/webhook' } });
        await w.open();
        await w.send('is anyone there');
        await expect(w.error).toBeVisible({ timeout: 15_000 });
        await expect(w.error).not.toContainText('<');
        await expect(w.userMessages.last()).toHaveAttribute('data-status', 'failed');
        await expect(w.userMessages.last()).toContainText('is anyone there');
        await expect(w.part('retry-button')).toBeVisible();
      });

      test('handles a connection reset before any reply', async ({ openWidget, server }) => {
        const w = await openWidget(row);
        await w.open();
        server.setHook('refused');
        await w.send('nobody listening');
        await expect(w.error).toBeVisible({ timeout: 15_000 });
        await expect(w.userMessages.last()).toHaveAttribute('data-status', 'failed');
        server.setHook('normal');
        await w.part('retry-button').click();
        await w.expectBotReply('You said: nobody listening');
      });
    }
  });
}

test.describe('embed code', () => {
  test('loading the script twice creates one widget', async ({ page, server }) => {
    const row = rows.find((r) => r.name === 'embed-floating')!;
    const url = server.page({
      renderer: 'embed',
      widgets: [
        { config: { webhookUrl: server.hookUrl, type: 'floating' } },
        { config: { webhookUrl: server.hookUrl, type: 'floating' } },
      ],
    });
    await page.goto(url);
    const w = new WidgetModel(page, row.type);
    await w.open();
    await expect(page.locator('[data-scope="cwp"][data-part="root"]')).toHaveCount(1);
    await expect(page.locator('[data-scope="cwp"][data-part="bubble"]')).toHaveCount(1);
  });

  test('warns in the console about a misspelt data-* attribute and a tag with no webhook or server', async ({
    page,
    server,
  }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(server.page({ renderer: 'dom', widgets: [] }));
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/embed/cwp-embed.js';
      script.dataset.webhook = 'https://bot.example/webhook/abc/chat';
      script.dataset.title = 'Support';
      script.setAttribute('data-cfasync', 'false');
      document.body.append(script);
    });
    await expect
      .poll(() => warnings)
      .toEqual([
        '[cwp] unknown attribute data-webhook; did you mean data-webhook-url?',
        '[cwp] the embed script has neither data-webhook-url nor data-server, so no widget starts',
      ]);
    await expect(page.locator('[data-scope="cwp"][data-part="bubble"]')).toHaveCount(0);
  });

  test('shows the bubble before the rest of the widget loads', async ({ page, server }) => {
    let runtimeRequested = false;
    await page.route('**/embed/cwp-widget.js', async (route) => {
      runtimeRequested = true;
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await page.goto(
      server.page({
        renderer: 'embed',
        widgets: [{ config: { webhookUrl: server.hookUrl, type: 'floating' } }],
      }),
    );
    await expect(page.locator('[data-part="bubble"]').first()).toBeVisible();
    const w = new WidgetModel(page, 'floating');
    await w.open();
    await expect(w.input).toBeFocused();
    expect(runtimeRequested).toBe(true);
  });

  test('runs the rest only when the visitor reaches for the bubble (idle: prefetched)', async ({
    page,
    server,
  }) => {
    await page.goto(
      server.page({
        renderer: 'embed',
        widgets: [{ config: { webhookUrl: server.hookUrl, type: 'floating', tooltip: false } }],
      }),
    );
    const w = new WidgetModel(page, 'floating');
    await expect(w.anyBubble).toBeVisible();
    // Idle: fetched into the HTTP cache for later, not run (no widget, no core in the page).
    await expect(page.locator('link[rel="prefetch"][href$="/embed/cwp-widget.js"]')).toHaveCount(1);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => 'ChatWidgetProRuntime' in window)).toBe(false);
    await expect(w.root).toHaveCount(0);
    await w.anyBubble.hover();
    await expect(w.bubble).toBeVisible();
    await w.open();
    await expect(w.input).toBeFocused();
  });

  test('a click whose press began on the placeholder still opens the widget', async ({
    page,
    server,
  }) => {
    await page.goto(
      server.page({
        renderer: 'embed',
        widgets: [{ config: { webhookUrl: server.hookUrl, type: 'floating', tooltip: false } }],
      }),
    );
    const w = new WidgetModel(page, 'floating');
    const box = (await w.anyBubble.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // The rest arrives while the button is held.
    await page.waitForFunction(() => 'ChatWidgetProRuntime' in window);
    await page.waitForTimeout(100);
    await page.mouse.up();
    await expect(w.window).toBeVisible();
    await expect(w.input).toBeFocused();
  });
});

test('in light-DOM mode a hostile host stylesheet does not hide or break it', async ({
  page,
  server,
}) => {
  for (const type of ['floating', 'inline'] as const) {
    const config = { webhookUrl: server.hookUrl, type, tooltip: false, id: `light-${type}` };
    await page.goto(
      server.page({
        renderer: 'dom',
        hostileCss: true,
        widgets: [{ config, shadow: false, ...(type === 'inline' ? { target: '#inline-1' } : {}) }],
      }),
    );
    const w = new WidgetModel(page, type);
    const target = type === 'floating' ? w.bubble : w.window;
    await expect(target).toBeVisible();
    expect((await target.boundingBox())?.width).toBeGreaterThan(40);
    await w.open();
    await w.send('/markdown');
    await w.expectBotReply('A markdown reply');
    await expect(w.botMessages.last().locator('li').first()).toBeVisible();
    await expect(w.part('title')).toBeVisible();
  }
});

interface PageWidgetApi {
  send(text: string): boolean;
  subscribe(
    listener: (state: { messages: { role: string; status: string }[] }) => void,
  ): () => void;
  getSnapshot(): { messages: { text: string }[] };
}

test('ChatWidgetPro.init(config) resolves with the widget API', async ({ page, server }) => {
  await page.goto(server.page({ renderer: 'element', widgets: [] }));
  const texts = await page.evaluate(async (webhookUrl) => {
    const api = (
      window as unknown as {
        ChatWidgetPro: { init(config: object): Promise<PageWidgetApi> };
      }
    ).ChatWidgetPro;
    const widget = await api.init({ webhookUrl, type: 'inline', target: '#inline-1' });
    widget.send('from the api');
    await new Promise<void>((resolve) => {
      widget.subscribe((state) => {
        if (state.messages.some((m) => m.role === 'bot' && m.status === 'done')) resolve();
      });
    });
    return widget.getSnapshot().messages.map((m) => m.text);
  }, server.hookUrl);
  expect(texts).toEqual(['from the api', 'You said: from the api']);
  await expect(new WidgetModel(page, 'inline').botMessages.last()).toContainText(
    'You said: from the api',
  );
});
