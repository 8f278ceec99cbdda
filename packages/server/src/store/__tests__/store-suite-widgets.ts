import { expect, it } from 'vitest';
import { demo, type StoreSuiteContext, T0 } from './store-suite-fixtures.js';

/** Widgets: create, read back, list, update, disable, delete (and what a delete takes with it). */
export function widgetSuite(t: StoreSuiteContext) {
  it('creates widgets with unguessable URL-safe ids and reads them back', async () => {
    const { store } = t;
    const created = await Promise.all(Array.from({ length: 40 }, () => store.createWidget(demo())));
    const ids = new Set(created.map((w) => w.id));
    expect(ids.size).toBe(40);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{22}$/);

    const first = created[0]!;
    expect(first).toMatchObject({
      name: 'Support',
      webhookUrl: 'https://n8n.example.com/webhook/secret-path/chat',
      allowedOrigins: ['https://shop.example.com'],
      config: {},
      limits: {},
      disabled: false,
      transcripts: false,
    });
    expect(Date.parse(first.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await store.getWidget(first.id)).toEqual(first);
    expect(await store.ping()).toBe(true);
  });

  it('round-trips allowed origins, config and limits exactly', async () => {
    const { store } = t;
    const config = {
      title: 'Hilfe & Support — "Frag uns" 👋',
      theme: { accent: '#0a7', radius: 12, dark: null },
      initialMessages: ['Hi!', "Don't panic"],
      nested: { deep: [1, 2.5, { x: true }] },
    };
    const w = await store.createWidget(
      demo({
        allowedOrigins: ['https://a.example', 'http://localhost:5173', 'null'],
        config,
        limits: { perIpPerMinute: 7, maxBodyBytes: 4096 },
        transcripts: true,
      }),
    );
    const read = await store.getWidget(w.id);
    expect(read?.allowedOrigins).toEqual(['https://a.example', 'http://localhost:5173', 'null']);
    expect(read?.config).toEqual(config);
    expect(read?.limits).toEqual({ perIpPerMinute: 7, maxBodyBytes: 4096 });
    expect(read?.transcripts).toBe(true);
  });

  it('answers an unknown widget id with null or false, never an error', async () => {
    const { store } = t;
    await store.createWidget(demo());
    expect(await store.getWidget('nope')).toBeNull();
    expect(await store.getWidget("' OR '1'='1")).toBeNull();
    expect(await store.updateWidget('nope', { name: 'x' })).toBeNull();
    expect(await store.deleteWidget('nope')).toBe(false);
  });

  it('lists, updates only the patched fields, and disables a widget', async () => {
    const { store } = t;
    const a = await store.createWidget(demo({ name: 'A', config: { title: 'A' } }));
    const b = await store.createWidget(demo({ name: 'B' }));
    // Oldest first; two created in the same millisecond may come in either order.
    expect((await store.listWidgets()).map((w) => w.id).sort()).toEqual([a.id, b.id].sort());

    const renamed = await store.updateWidget(a.id, {
      name: 'A2',
      allowedOrigins: ['https://x.example'],
    });
    expect(renamed).toMatchObject({
      name: 'A2',
      allowedOrigins: ['https://x.example'],
      config: { title: 'A' },
    });
    expect(renamed!.webhookUrl).toBe(a.webhookUrl);
    expect(Date.parse(renamed!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.updatedAt));
    expect(renamed!.createdAt).toBe(a.createdAt);

    const disabled = await store.updateWidget(a.id, { disabled: true });
    expect(disabled?.disabled).toBe(true);
    expect((await store.getWidget(a.id))?.disabled).toBe(true);
    expect((await store.getWidget(b.id))?.disabled).toBe(false);
    expect((await store.updateWidget(a.id, { disabled: false }))?.disabled).toBe(false);
  });

  it('deleting a widget deletes its analytics and transcripts, and nothing of other widgets', async () => {
    const { h, store } = t;
    const gone = await store.createWidget(demo());
    const kept = await store.createWidget(demo());
    for (const w of [gone, kept]) {
      await store.recordAnalytics([
        { widgetId: w.id, at: T0, kind: 'message', sessionId: 's1' },
        { widgetId: w.id, at: T0 + 5, kind: 'response', sessionId: 's1', latencyMs: 300 },
      ]);
      await store.saveTranscript([
        { widgetId: w.id, sessionId: 's1', role: 'user', text: 'hi', at: T0 },
      ]);
    }
    expect(await h.countRows('analytics')).toBe(4);

    expect(await store.deleteWidget(gone.id)).toBe(true);
    expect(await store.getWidget(gone.id)).toBeNull();
    expect(await h.countRows('analytics')).toBe(2);
    expect(await h.countRows('transcripts')).toBe(1);
    expect(await store.listTranscript(gone.id, 's1')).toEqual([]);
    expect((await store.report(kept.id, T0, T0)).totals.messages).toBe(1);
    expect(await store.deleteWidget(gone.id)).toBe(false);
  });
}
