import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetReport } from '../store/types.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const postEvents = (id: string, body: unknown) =>
  h.text(`/v1/widgets/${id}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function totals(id: string) {
  await h.server.flushAnalytics();
  const { json } = await h.admin('GET', `/v1/admin/widgets/${id}/report`);
  return (json as WidgetReport).totals;
}

describe('widget event batches sent again by @cwp/core', () => {
  it('counts a batch id once, however often the widget sends it', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const at = Date.now();
    const batch = {
      batchId: '3f1c2b9e-8a47-4d2e-9c1b-7e6f5a4d3c2b',
      events: [
        { type: 'loaded', at, sessionId: null },
        { type: 'opened', at, sessionId: null },
      ],
    };
    for (let i = 0; i < 3; i++) expect((await postEvents(widget.id, batch)).res.status).toBe(202);
    const other = { ...batch, batchId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' };
    expect((await postEvents(widget.id, other)).res.status).toBe(202);
    expect(await totals(widget.id)).toMatchObject({ loads: 2, opens: 2 });
  });

  it('keeps batch ids of different widgets apart and refuses a malformed one', async () => {
    const a = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const b = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const batch = {
      batchId: 'same-id-on-two-widgets',
      events: [{ type: 'opened', at: Date.now(), sessionId: null }],
    };
    await postEvents(a.id, batch);
    await postEvents(b.id, batch);
    expect((await totals(a.id)).opens).toBe(1);
    expect((await totals(b.id)).opens).toBe(1);
    const bad = await postEvents(a.id, { ...batch, batchId: 'no spaces allowed' });
    expect(bad.res.status).toBe(400);
  });
});
