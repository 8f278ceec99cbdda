import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetReport } from '../store/types.js';
import { type Harness, ndjsonItems, readChunks, sendMessage, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const sessions = 100;
const messagesPerSession = 3;

describe('under load', () => {
  it('answers every message of 100 concurrent streaming sessions and counts every event exactly', async () => {
    const widget = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=6&delay=5`,
      limits: {
        perIpPerMinute: 100_000,
        perWidgetPerMinute: 100_000,
        perSessionPerMinute: 100,
        maxConcurrentStreams: 200,
      },
    });
    const failures: string[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: sessions }, async (_, s) => {
        const sessionId = `load-${s}`;
        const events = await h.request(`/v1/widgets/${widget.id}/events`, {
          method: 'POST',
          body: JSON.stringify({
            events: [
              { type: 'loaded', at: Date.now(), sessionId: null },
              { type: 'opened', at: Date.now(), sessionId },
            ],
          }),
        });
        if (events.status !== 202) failures.push(`events ${s}: ${events.status}`);
        for (let m = 0; m < messagesPerSession; m++) {
          const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(sendMessage(sessionId, `message ${m} of ${sessionId}`)),
          });
          const { text } = await readChunks(res);
          const reply = ndjsonItems(text)
            .filter((i) => i.type === 'item')
            .map((i) => i.content)
            .join('');
          if (res.status !== 200 || reply !== `You said: message ${m} of ${sessionId}`) {
            failures.push(`${sessionId}/${m}: ${res.status} ${text.slice(0, 80)}`);
          }
        }
      }),
    );
    const elapsed = Date.now() - started;
    expect(failures).toEqual([]);
    expect(elapsed).toBeLessThan(30_000);
    await h.server.flushAnalytics();
    const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
    const totals = (json as WidgetReport).totals;
    expect(totals).toMatchObject({
      sessions,
      messages: sessions * messagesPerSession,
      responses: sessions * messagesPerSession,
      streamedResponses: sessions * messagesPerSession,
      errors: 0,
      loads: sessions,
      opens: sessions,
      openRate: 1,
    });
  });
});
