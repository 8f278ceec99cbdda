// @vitest-environment happy-dom
import { type Bot, startBot } from '@cwp/bot';
import { type ChatWidgetConfig, type PartName, partSelector } from '@cwp/core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createSSRApp, h, nextTick } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { ChatWidget } from '../chat-widget.js';

let bot: Bot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot.close());

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

it('hydrates the server HTML without a mismatch, then opens and chats', async () => {
  const config: ChatWidgetConfig = {
    webhookUrl: bot.webhookUrl,
    storage: 'memory',
    id: 'hydrated',
  };
  const app = () => createSSRApp({ render: () => h(ChatWidget, { config }) });
  const container = document.createElement('div');
  container.innerHTML = await renderToString(app());
  document.body.append(container);
  const serverBubble = container.querySelector(partSelector('bubble'));

  const warn = vi.spyOn(console, 'warn');
  const error = vi.spyOn(console, 'error');
  const client = app();
  client.mount(container);
  expect([...warn.mock.calls, ...error.mock.calls].join('\n')).not.toMatch(/mismatch/i);

  const part = (name: PartName) => container.querySelector<HTMLElement>(partSelector(name))!;
  expect(part('bubble')).toBe(serverBubble);
  part('bubble').click();
  await nextTick();
  expect(part('window').hidden).toBe(false);
  const input = part('input') as HTMLTextAreaElement;
  input.value = 'hydrated hello';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await nextTick();
  part('send-button').click();
  await until(() => part('messages').textContent?.includes('You said: hydrated hello') ?? false);
  client.unmount();
});
