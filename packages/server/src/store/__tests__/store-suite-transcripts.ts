import { expect, it } from 'vitest';
import { DAY, demo, type StoreSuiteContext, T0 } from './store-suite-fixtures.js';

/** Transcripts (and hostile text as plain data): saving, listing, searching. */
export function transcriptSuite(t: StoreSuiteContext) {
  it('stores hostile text in analytics and transcripts as plain data', async () => {
    const { h, store } = t;
    const w = await store.createWidget(demo({ name: '<img src=x onerror=alert(1)>' }));
    const hostile = `'); DROP TABLE widgets; -- <script>alert("x")</script>`;
    await store.recordAnalytics([
      { widgetId: w.id, at: T0, kind: 'error', sessionId: '<b>s</b>', errorKind: hostile },
      { widgetId: w.id, at: T0, kind: 'error', errorKind: 'nul\u0000byte' },
      { widgetId: w.id, at: T0, kind: 'error', errorKind: '__proto__' },
      { widgetId: w.id, at: T0, kind: 'message', sessionId: '<b>s</b>' },
    ]);
    await store.saveTranscript([
      { widgetId: w.id, sessionId: '<b>s</b>', role: 'user', text: hostile, at: T0 },
      { widgetId: w.id, sessionId: '<b>s</b>', role: 'bot', text: '**md** & <i>', at: T0 + 1 },
    ]);
    const report = await store.report(w.id, T0, T0);
    expect(report.totals.errorsByKind[hostile]).toBe(1);
    expect(report.totals.errorsByKind.nulbyte).toBe(1);
    expect(Object.hasOwn(report.totals.errorsByKind, '__proto__')).toBe(true);
    expect(report.totals.sessions).toBe(1);
    expect((await store.getWidget(w.id))?.name).toBe('<img src=x onerror=alert(1)>');
    const nul = await store.createWidget(
      demo({
        name: 'a\u0000b',
        config: { title: 'x\u0000y', list: ['\u0000', 'half \uD83D pair'] },
      }),
    );
    expect(await store.getWidget(nul.id)).toMatchObject({
      name: 'ab',
      config: { title: 'xy', list: ['', 'half \uFFFD pair'] },
    });
    await store.deleteWidget(nul.id);
    expect(
      (await store.listTranscript(w.id, '<b>s</b>')).map((l) => [l.role, l.text, l.at]),
    ).toEqual([
      ['user', hostile, T0],
      ['bot', '**md** & <i>', T0 + 1],
    ]);
    expect(await h.countRows('widgets')).toBe(1);
  });

  it('lists conversations in a range, most recent first, and finds them by text', async () => {
    const { store } = t;
    const w = await store.createWidget(demo({ transcripts: true }));
    const other = await store.createWidget(demo({ transcripts: true }));
    const line = (sessionId: string, text: string, at: number, widgetId = w.id) => ({
      widgetId,
      sessionId,
      role: 'user' as const,
      text,
      at,
    });
    await store.saveTranscript([
      line('old', 'Where is my PARCEL?', T0 - 3 * DAY),
      line('early', 'refund please', T0 + 1000),
      line('early', '50% off_sale', T0 + 2000),
      line('late', 'hello', T0 + 5000),
      line('late', 'my parcel is late', T0 + 6000),
      line('late', 'parcel elsewhere', T0 + 7000, other.id),
    ]);
    const day = { fromMs: T0, toMs: T0 + DAY - 1, limit: 50 };
    expect(await store.transcriptSessions(w.id, day)).toEqual([
      { sessionId: 'late', firstAt: T0 + 5000, lastAt: T0 + 6000, lines: 2 },
      { sessionId: 'early', firstAt: T0 + 1000, lastAt: T0 + 2000, lines: 2 },
    ]);
    const ids = async (query: string, range = day) =>
      (await store.transcriptSessions(w.id, { ...range, query })).map((s) => s.sessionId);
    expect(await ids('PARCEL')).toEqual(['late']);
    expect(await ids('parcel', { ...day, fromMs: T0 - 5 * DAY })).toEqual(['late', 'old']);
    // LIKE wildcards in the query are plain text.
    expect(await ids('%')).toEqual(['early']);
    expect(await ids('f_s')).toEqual(['early']);
    expect(await ids('nothing like it')).toEqual([]);
    expect(await store.transcriptSessions(w.id, { ...day, limit: 1 })).toHaveLength(1);
  });

  it('writes transcripts only when saved, and skips data for widgets that do not exist', async () => {
    const { h, store } = t;
    const w = await store.createWidget(demo({ transcripts: true }));
    expect(await store.listTranscript(w.id, 's')).toEqual([]);
    await store.recordAnalytics([
      { widgetId: w.id, at: T0, kind: 'message', sessionId: 's' },
      { widgetId: 'deleted-widget', at: T0, kind: 'message' },
    ]);
    expect(await h.countRows('transcripts')).toBe(0);
    expect(await h.countRows('analytics')).toBe(1);
    await store.saveTranscript([
      { widgetId: w.id, sessionId: 's', role: 'user', text: 'first', at: T0 },
      { widgetId: 'deleted-widget', sessionId: 's', role: 'user', text: 'lost', at: T0 },
      { widgetId: w.id, sessionId: 'other', role: 'user', text: 'elsewhere', at: T0 },
      { widgetId: w.id, sessionId: 's', role: 'bot', text: 'second', at: T0 + 1 },
    ]);
    expect(await store.listTranscript(w.id, 's')).toEqual([
      { widgetId: w.id, sessionId: 's', role: 'user', text: 'first', at: T0 },
      { widgetId: w.id, sessionId: 's', role: 'bot', text: 'second', at: T0 + 1 },
    ]);
    expect(await h.countRows('transcripts')).toBe(3);
  });
}
