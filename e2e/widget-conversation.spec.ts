import { partSelector, WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, sendRequests, test } from './support/fixtures.js';

for (const row of rows) {
  test.describe(row.name, () => {
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
  });
}
