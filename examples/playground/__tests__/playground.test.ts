import { type Bot, startBot } from '@cwp/bot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Playground, servePlayground } from '../serve.js';

let bot: Bot;
let playground: Playground;
beforeAll(async () => {
  bot = await startBot();
  playground = await servePlayground({ port: 0, botUrl: bot.url });
});
afterAll(async () => {
  await playground?.close();
  await bot?.close();
});

describe('the demo playground', () => {
  it('serves a page that points the widgets at the local bot', async () => {
    const page = await (await fetch(playground.url)).text();
    expect(page).toContain('ChatWidgetPro playground');
    expect(page).toContain(JSON.stringify(bot.url).slice(1, -1));
    expect(page).toMatch(/value="stream"/);
  });

  it('serves the bundled playground script and the embed code for the vanilla example', async () => {
    for (const path of ['playground.js', 'embed/cwp-embed.js', 'embed/cwp-widget.js']) {
      const response = await fetch(new URL(path, playground.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('javascript');
      expect((await response.text()).length).toBeGreaterThan(1000);
    }
    const vanilla = await (await fetch(new URL('vanilla/', playground.url))).text();
    expect(vanilla).toContain(`data-webhook-url="${bot.url}/webhook"`);
  });
});
