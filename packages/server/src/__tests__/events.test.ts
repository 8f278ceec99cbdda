import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxEventsPerBatch } from '../protocol.js';
import type { WidgetReport } from '../store/types.js';
import { type Harness, siteOrigin, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const postEvents = (id: string, body: unknown, contentType = 'application/json') =>
  h.text(`/v1/widgets/${id}/events`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function totals(id: string) {
  await h.server.flushAnalytics();
  const { json } = await h.admin('GET', `/v1/admin/widgets/${id}/report`);
  return (json as WidgetReport).totals;
}

describe('widget event batches', () => {
  it("counts loads, opens (not autoOpen's), sessions and tooltip clicks, and skips what /chat already counts", async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const at = Date.now();
    const { res, body } = await postEvents(widget.id, {
      events: [
        {
          type: 'loaded',
          at,
          sessionId: null,
          widgetId: 'x',
          mode: 'managed',
          widgetType: 'floating',
        },
        { type: 'loaded', at, sessionId: null },
        { type: 'opened', at, sessionId: 'v-1' },
        { type: 'closed', at, sessionId: 'v-1' },
        { type: 'tooltip_shown', at, sessionId: null },
        { type: 'opened', at, sessionId: 'v-2', via: 'tooltip' },
        { type: 'opened', at, sessionId: 'v-3', via: 'auto' },
        { type: 'tooltip_dismissed', at, sessionId: null },
        { type: 'session_started', at, sessionId: 'v-1', restored: false },
        { type: 'message_sent', at, sessionId: 'v-1', messageId: 'm', length: 3, retry: false },
        { type: 'response_received', at, sessionId: 'v-1', latencyMs: 5, streamed: true },
        { type: 'error', at, sessionId: 'v-1', kind: 'offline' },
        { type: 'error', at, sessionId: 'v-1', kind: 'http', status: 502 },
        { type: 'some_future_event', at, sessionId: 'v-1' },
      ],
    });
    expect(res.status).toBe(202);
    expect(JSON.parse(body)).toEqual({ accepted: 8, ignored: 6 });
    expect(res.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    const t = await totals(widget.id);
    expect(t).toMatchObject({
      loads: 2,
      opens: 2,
      tooltipClicks: 1,
      messages: 0,
      responses: 0,
      errors: 1,
      openRate: 1,
    });
    expect(t.errorsByKind).toEqual({ widget_offline: 1 });
  });

  it("stores thumbs on replies (a visitor's latest per reply) and starter prompt clicks for the report", async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const at = Date.now();
    const { res, body } = await postEvents(widget.id, {
      events: [
        { type: 'starter_prompt_sent', at, sessionId: 'v-1', index: 1, messageId: 'q-1' },
        { type: 'feedback', at, sessionId: 'v-1', messageId: 'r-1', value: 'up' },
        { type: 'feedback', at: at + 1, sessionId: 'v-1', messageId: 'r-2', value: 'up' },
        { type: 'feedback', at: at + 2, sessionId: 'v-1', messageId: 'r-2', value: null },
        { type: 'feedback', at, sessionId: 'v-2', messageId: 'r-3', value: 'down' },
        // Not counted: no message, or a value that is no thumb.
        { type: 'feedback', at, sessionId: 'v-2', value: 'up' },
        { type: 'feedback', at, sessionId: 'v-2', messageId: 'r-4', value: 'sideways' },
      ],
    });
    expect(res.status).toBe(202);
    expect(JSON.parse(body)).toEqual({ accepted: 5, ignored: 2 });
    const t = await totals(widget.id);
    expect(t).toMatchObject({
      starterPrompts: 1,
      feedbackUp: 1,
      feedbackDown: 1,
      feedbackRate: 0.5,
    });
  });

  it('counts the buttons visitors chose on bot messages with buttons, whatever the button did', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const at = Date.now();
    const chosen = (index: number, action: string) => ({
      type: 'button_chosen',
      at,
      sessionId: 'v-1',
      messageId: 'b-1',
      index,
      action,
    });
    const { res, body } = await postEvents(widget.id, {
      events: [chosen(0, 'fetch'), chosen(1, 'open'), chosen(2, 'send')],
    });
    expect(res.status).toBe(202);
    expect(JSON.parse(body)).toEqual({ accepted: 3, ignored: 0 });
    expect(await totals(widget.id)).toMatchObject({ buttonsChosen: 3, starterPrompts: 0 });
  });

  it('accepts text/plain batches as navigator.sendBeacon sends them', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const { res } = await postEvents(
      widget.id,
      { events: [{ type: 'opened', at: Date.now() }] },
      'text/plain;charset=UTF-8',
    );
    expect(res.status).toBe(202);
    expect((await totals(widget.id)).opens).toBe(1);
  });

  it('drops events dated outside the last day and session ids that are not valid', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const { body } = await postEvents(widget.id, {
      events: [
        { type: 'opened', at: Date.now() - 3 * 24 * 3600_000 },
        { type: 'opened', at: Date.now() + 3600_000 },
        { type: 'opened', at: Date.now(), sessionId: '<script>' },
      ],
    });
    expect(JSON.parse(body)).toEqual({ accepted: 1, ignored: 2 });
  });

  it.each([
    [
      'more events than a batch may hold',
      {
        events: Array.from({ length: maxEventsPerBatch + 1 }, () => ({
          type: 'opened',
          at: Date.now(),
        })),
      },
    ],
    ['a batch without events', { nothing: true }],
    ['an event without a time', { events: [{ type: 'opened' }] }],
    ['an event with a text time', { events: [{ type: 'opened', at: 'now' }] }],
    ['a body that is not JSON', 'opened'],
  ])('refuses %s with 400 and counts nothing', async (_name, body) => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const { res } = await postEvents(widget.id, body);
    expect(res.status).toBe(400);
    expect((await totals(widget.id)).opens).toBe(0);
  });
});
