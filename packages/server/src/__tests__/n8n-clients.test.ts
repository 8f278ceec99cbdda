import { createChatWidget, createN8nTransport, type ReplyChunk } from '@cwp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetReport } from '../store/types.js';
import { type Harness, siteOrigin, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function collect(
  chunks: AsyncIterable<ReplyChunk>,
): Promise<{ text: string; streamed: boolean }> {
  let text = '';
  let streamed = false;
  for await (const chunk of chunks) {
    if (chunk.type === 'delta') text += chunk.text;
    if (chunk.type === 'start') streamed ||= chunk.streamed;
  }
  return { text, streamed };
}

describe('n8n-protocol clients pointed at the managed server', () => {
  it("work unchanged with @cwp/core's n8n transport: whole, streamed and history", async () => {
    const whole = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const streamed = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=3&delay=5`,
    });
    const transport = (id: string) =>
      createN8nTransport({
        webhookUrl: `${h.server.url}/v1/widgets/${id}/chat`,
        headers: { origin: siteOrigin },
        timeouts: { request: 5000, idle: 5000 },
      });
    const signal = new AbortController().signal;
    const a = await collect(
      transport(whole.id).send(
        { sessionId: 'core-1', text: 'whole please', messageId: 'm1' },
        { signal },
      ),
    );
    expect(a).toEqual({ text: 'You said: whole please', streamed: false });
    const b = await collect(
      transport(streamed.id).send(
        { sessionId: 'core-1', text: 'stream please', messageId: 'm2' },
        { signal },
      ),
    );
    expect(b).toEqual({ text: 'You said: stream please', streamed: true });
    const history = await transport(whole.id).loadHistory!('core-1', { signal });
    expect(history).toEqual([
      { role: 'user', text: 'whole please' },
      { role: 'bot', text: 'You said: whole please' },
      { role: 'user', text: 'stream please' },
      { role: 'bot', text: 'You said: stream please' },
    ]);
  });

  it('drive a managed createChatWidget: remote config, chat and events', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: ['*'],
      config: { header: { title: 'From the server' } },
    });
    const chat = createChatWidget({ server: h.server.url, widgetId: widget.id, storage: 'memory' });
    try {
      await until(() => chat.getSnapshot().status === 'ready');
      expect(chat.getSnapshot().config.header.title).toBe('From the server');
      chat.send('hello managed');
      await until(() =>
        chat.getSnapshot().messages.some((m) => m.role === 'bot' && m.status === 'done'),
      );
      const bot = chat.getSnapshot().messages.find((m) => m.role === 'bot');
      expect(bot?.text).toBe('You said: hello managed');
    } finally {
      chat.destroy();
    }
    await h.server.flushAnalytics();
    const deadline = Date.now() + 5000;
    let totals: WidgetReport['totals'] | undefined;
    while (Date.now() < deadline) {
      await h.server.flushAnalytics();
      totals = (
        (await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`)).json as WidgetReport
      ).totals;
      if (totals.loads > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(totals).toMatchObject({ messages: 1, responses: 1, loads: 1 });
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
