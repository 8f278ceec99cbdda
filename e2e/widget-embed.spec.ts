import { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

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
