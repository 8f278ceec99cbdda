import type { Page } from '@playwright/test';
import { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, hostileCases, recordForeignRequests, test } from './support/fixtures.js';

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
  });
}

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
