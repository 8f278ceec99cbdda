import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnalyticsRecorder } from '../../analytics/recorder.js';
import { MIGRATIONS } from '../schema.js';
import type { AnalyticsRecord, NewWidget, Store } from '../types.js';

/** A fresh, empty database for one test, which can be opened several times (restart, concurrent instances). */
export interface StoreHarness {
  open(options?: { migrate?: boolean }): Promise<Store>;
  /** Rows in a table, counted over a separate connection. */
  countRows(table: 'widgets' | 'analytics' | 'transcripts' | 'schema_migrations'): Promise<number>;
  dispose(): Promise<void>;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20); // 2026-11-20T00:00Z

const demo = (over: Partial<NewWidget> = {}): NewWidget => ({
  name: 'Support',
  webhookUrl: 'https://n8n.example.com/webhook/secret-path/chat',
  allowedOrigins: ['https://shop.example.com'],
  ...over,
});

export function describeStoreSuite(name: string, setup: () => Promise<StoreHarness>) {
  describe(name, () => {
    let h: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      h = await setup();
      store = await h.open();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it('creates widgets with unguessable URL-safe ids and reads them back', async () => {
      const created = await Promise.all(
        Array.from({ length: 40 }, () => store.createWidget(demo())),
      );
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
      await store.createWidget(demo());
      expect(await store.getWidget('nope')).toBeNull();
      expect(await store.getWidget("' OR '1'='1")).toBeNull();
      expect(await store.updateWidget('nope', { name: 'x' })).toBeNull();
      expect(await store.deleteWidget('nope')).toBe(false);
    });

    it('lists, updates only the patched fields, and disables a widget', async () => {
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

    it('runs migrations idempotently, also when several instances start at once', async () => {
      const other = await h.open({ migrate: false });
      const third = await h.open({ migrate: false });
      await Promise.all([store.migrate(), other.migrate(), third.migrate(), other.migrate()]);
      await store.migrate();
      expect(await h.countRows('schema_migrations')).toBe(MIGRATIONS.length);
      const w = await other.createWidget(demo());
      expect((await third.getWidget(w.id))?.name).toBe('Support');
    });

    it('migrates a fresh database from two instances started at the same moment', async () => {
      // The beforeEach store already migrated; a second, untouched database shows the cold start.
      const fresh = await setup();
      try {
        const [a, b] = await Promise.all([fresh.open(), fresh.open()]);
        expect(await fresh.countRows('schema_migrations')).toBe(MIGRATIONS.length);
        const w = await a.createWidget(demo());
        expect((await b.getWidget(w.id))?.id).toBe(w.id);
      } finally {
        await fresh.dispose();
      }
    });

    it('keeps widgets, analytics and transcripts across a restart', async () => {
      const w = await store.createWidget(demo({ config: { title: 'Kept' } }));
      await store.recordAnalytics([{ widgetId: w.id, at: T0, kind: 'message', sessionId: 's' }]);
      await store.saveTranscript([
        { widgetId: w.id, sessionId: 's', role: 'user', text: 'still here', at: T0 },
      ]);
      await store.close();
      expect(await store.ping()).toBe(false);

      const reopened = await h.open();
      expect(await reopened.getWidget(w.id)).toEqual(w);
      expect((await reopened.report(w.id, T0, T0)).totals.messages).toBe(1);
      expect((await reopened.listTranscript(w.id, 's')).map((l) => l.text)).toEqual(['still here']);
    });

    it('reports each UTC day with sessions, p50/p95 latency, error and open rates', async () => {
      const w = await store.createWidget(demo());
      const day1 = T0 + 10 * 3_600_000; // 2026-11-20 10:00Z
      const day2 = T0 + DAY + 23 * 3_600_000 + 59 * 60_000; // 2026-11-21 23:59Z
      const records: AnalyticsRecord[] = [];
      // Day 1: 3 sessions, 10 messages, 8 responses with latencies 100…800, 2 errors, 4 loads, 1 open.
      for (let i = 0; i < 10; i++)
        records.push({ widgetId: w.id, at: day1 + i, kind: 'message', sessionId: `s${i % 3}` });
      for (let i = 1; i <= 8; i++) {
        records.push({
          widgetId: w.id,
          at: day1 + 100 + i,
          kind: 'response',
          sessionId: 's0',
          latencyMs: i * 100,
          streamed: i % 2 === 0,
        });
      }
      records.push({
        widgetId: w.id,
        at: day1 + 200,
        kind: 'error',
        sessionId: 's1',
        errorKind: 'timeout',
      });
      records.push({
        widgetId: w.id,
        at: day1 + 201,
        kind: 'error',
        sessionId: 's2',
        errorKind: 'http_502',
      });
      for (let i = 0; i < 4; i++)
        records.push({ widgetId: w.id, at: day1 + 300 + i, kind: 'loaded' });
      records.push({ widgetId: w.id, at: day1 + 400, kind: 'opened', sessionId: 's0' });
      records.push({ widgetId: w.id, at: day1 + 401, kind: 'tooltip_clicked' });
      // Day 2: session s0 again plus s9, 2 messages, 2 responses (latency 1000 and 3000), 1 timeout.
      records.push({ widgetId: w.id, at: day2, kind: 'message', sessionId: 's0' });
      records.push({ widgetId: w.id, at: day2 + 1, kind: 'message', sessionId: 's9' });
      records.push({
        widgetId: w.id,
        at: day2 + 2,
        kind: 'response',
        sessionId: 's0',
        latencyMs: 1000,
        streamed: true,
      });
      records.push({
        widgetId: w.id,
        at: day2 + 3,
        kind: 'response',
        sessionId: 's9',
        latencyMs: 3000,
        streamed: false,
      });
      records.push({
        widgetId: w.id,
        at: day2 + 4,
        kind: 'error',
        sessionId: 's9',
        errorKind: 'timeout',
      });
      await store.recordAnalytics(records);

      const report = await store.report(w.id, T0, T0 + DAY);
      expect(report).toMatchObject({ widgetId: w.id, from: '2026-11-20', to: '2026-11-21' });
      expect(report.days).toEqual([
        {
          day: '2026-11-20',
          sessions: 3,
          messages: 10,
          responses: 8,
          streamedResponses: 4,
          errors: 2,
          errorsByKind: { timeout: 1, http_502: 1 },
          loads: 4,
          opens: 1,
          tooltipClicks: 1,
          starterPrompts: 0,
          buttonsChosen: 0,
          files: 0,
          feedbackUp: 0,
          feedbackDown: 0,
          latencyP50: 400,
          latencyP95: 800,
          errorRate: 0.2,
          openRate: 0.25,
          feedbackRate: null,
        },
        {
          day: '2026-11-21',
          sessions: 2,
          messages: 2,
          responses: 2,
          streamedResponses: 1,
          errors: 1,
          errorsByKind: { timeout: 1 },
          loads: 0,
          opens: 0,
          tooltipClicks: 0,
          starterPrompts: 0,
          buttonsChosen: 0,
          files: 0,
          feedbackUp: 0,
          feedbackDown: 0,
          latencyP50: 1000,
          latencyP95: 3000,
          errorRate: 0.5,
          openRate: 0,
          feedbackRate: null,
        },
      ]);
      // Whole range: sessions are distinct over both days (s0 counted once), percentiles over all 10 latencies.
      expect(report.totals).toEqual({
        sessions: 4,
        messages: 12,
        responses: 10,
        streamedResponses: 5,
        errors: 3,
        errorsByKind: { timeout: 2, http_502: 1 },
        loads: 4,
        opens: 1,
        tooltipClicks: 1,
        starterPrompts: 0,
        buttonsChosen: 0,
        files: 0,
        feedbackUp: 0,
        feedbackDown: 0,
        latencyP50: 500,
        latencyP95: 3000,
        errorRate: 0.25,
        openRate: 0.25,
        feedbackRate: null,
      });
    });

    it('reports thumbs up and down per day from the latest rating of each reply, and starter prompts', async () => {
      const w = await store.createWidget(demo());
      const day1 = T0 + 3_600_000;
      const day2 = day1 + DAY;
      const rate = (
        at: number,
        kind: AnalyticsRecord['kind'],
        sessionId: string,
        messageId: string,
      ) => ({ widgetId: w.id, at, kind, sessionId, messageId }) as const;
      await store.recordAnalytics([
        // Day 1: s1 rates m1 up; s1 rates m2 up, then changes it to down; s2 rates m1 down then takes it back.
        rate(day1, 'feedback_up', 's1', 'm1'),
        rate(day1 + 1, 'feedback_up', 's1', 'm2'),
        rate(day1 + 2, 'feedback_down', 's1', 'm2'),
        rate(day1 + 3, 'feedback_down', 's2', 'm1'),
        rate(day1 + 4, 'feedback_cleared', 's2', 'm1'),
        { widgetId: w.id, at: day1 + 5, kind: 'starter_prompt', sessionId: 's1' },
        // Day 2: s3 rates m7 up; s1's m1 (up on day 1) becomes down: it moves to day 2.
        rate(day2, 'feedback_up', 's3', 'm7'),
        rate(day2 + 1, 'feedback_down', 's1', 'm1'),
        { widgetId: w.id, at: day2 + 2, kind: 'starter_prompt', sessionId: 's3' },
        { widgetId: w.id, at: day2 + 3, kind: 'starter_prompt', sessionId: 's4' },
      ]);
      const report = await store.report(w.id, day1, day2);
      const figures = report.days.map((d) => [
        d.day,
        d.feedbackUp,
        d.feedbackDown,
        d.feedbackRate,
        d.starterPrompts,
      ]);
      expect(figures).toEqual([
        ['2026-11-20', 0, 1, 0, 1],
        ['2026-11-21', 1, 1, 0.5, 2],
      ]);
      expect(report.totals).toMatchObject({
        feedbackUp: 1,
        feedbackDown: 2,
        feedbackRate: 1 / 3,
        starterPrompts: 3,
      });
    });

    it('reports the buttons visitors chose per day, apart from starter prompts', async () => {
      const w = await store.createWidget(demo());
      const other = await store.createWidget(demo());
      const day1 = T0 + 3_600_000;
      const day2 = day1 + DAY;
      const chosen = (widgetId: string, at: number, sessionId: string) =>
        ({ widgetId, at, kind: 'button_chosen', sessionId }) as const;
      await store.recordAnalytics([
        chosen(w.id, day1, 's1'),
        chosen(w.id, day1 + 1, 's1'),
        { widgetId: w.id, at: day1 + 2, kind: 'starter_prompt', sessionId: 's1' },
        chosen(w.id, day2, 's2'),
        chosen(w.id, day2 + 1, 's3'),
        chosen(w.id, day2 + 2, 's3'),
        chosen(other.id, day2, 's9'),
      ]);
      const report = await store.report(w.id, day1, day2);
      expect(
        report.days.map((d) => [d.day, d.buttonsChosen, d.starterPrompts, d.sessions]),
      ).toEqual([
        ['2026-11-20', 2, 1, 1],
        ['2026-11-21', 3, 0, 2],
      ]);
      expect(report.totals).toMatchObject({ buttonsChosen: 5, starterPrompts: 1, sessions: 3 });
    });

    it('limits a report to the requested days and fills days without traffic with zeros', async () => {
      const w = await store.createWidget(demo());
      const other = await store.createWidget(demo());
      await store.recordAnalytics([
        { widgetId: w.id, at: T0 - 1, kind: 'message' }, // 2026-11-19 23:59:59.999
        { widgetId: w.id, at: T0, kind: 'message' },
        { widgetId: w.id, at: T0 + 2 * DAY + 5, kind: 'message' },
        { widgetId: w.id, at: T0 + 3 * DAY, kind: 'message' },
        { widgetId: other.id, at: T0 + DAY, kind: 'message' },
      ]);
      const report = await store.report(w.id, T0 + 3_600_000, T0 + 2 * DAY + 3_600_000);
      expect(report.days.map((d) => [d.day, d.messages, d.latencyP50])).toEqual([
        ['2026-11-20', 1, null],
        ['2026-11-21', 0, null],
        ['2026-11-22', 1, null],
      ]);
      expect(report.totals.messages).toBe(2);
      expect(report.totals.errorRate).toBe(0);

      const empty = await store.report('no-such-widget', T0, T0);
      expect(empty.days).toHaveLength(1);
      expect(empty.totals).toMatchObject({
        messages: 0,
        sessions: 0,
        latencyP95: null,
        openRate: 0,
      });
      await expect(store.report(w.id, T0 + DAY, T0)).rejects.toThrow(RangeError);
      await expect(store.report(w.id, 0, T0)).rejects.toThrow(/at most/);
    });

    it('stores hostile text in analytics and transcripts as plain data', async () => {
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

    it('sweeps session bindings older than 90 days, keeping newer ones', async () => {
      const w = await store.createWidget(demo());
      const now = vi.spyOn(Date, 'now').mockReturnValue(T0);
      const random = vi.spyOn(Math, 'random').mockReturnValue(0.5); // no sweep
      try {
        expect(await store.bindSession(w.id, 'old-session', 'user-1')).toBe('user-1');
        now.mockReturnValue(T0 + 60 * DAY);
        expect(await store.bindSession(w.id, 'recent-session', 'user-2')).toBe('user-2');
        now.mockReturnValue(T0 + 91 * DAY);
        random.mockReturnValue(0); // this new binding sweeps
        expect(await store.bindSession(w.id, 'new-session', 'user-3')).toBe('user-3');
      } finally {
        now.mockRestore();
        random.mockRestore();
      }
      expect(await store.sessionIdentity(w.id, 'old-session')).toBeNull();
      expect(await store.sessionIdentity(w.id, 'recent-session')).toBe('user-2');
      expect(await store.sessionIdentity(w.id, 'new-session')).toBe('user-3');
    });

    it('skips a batch written before under the same batch id, so a retry never counts twice', async () => {
      const w = await store.createWidget(demo());
      const batch: AnalyticsRecord[] = [
        { widgetId: w.id, at: T0, kind: 'message', sessionId: 's' },
        { widgetId: w.id, at: T0 + 1, kind: 'response', sessionId: 's', latencyMs: 120 },
      ];
      await store.recordAnalytics(batch, { batchId: 'batch-1' });
      await store.recordAnalytics(batch, { batchId: 'batch-1' });
      await store.recordAnalytics(batch, { batchId: 'batch-2' });
      await store.recordAnalytics(batch);
      expect(await h.countRows('analytics')).toBe(6);

      // Batch ids are forgotten after 24 hours (swept on an occasional write), so the table stays small.
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now - 25 * 3_600_000);
      await store.recordAnalytics(batch, { batchId: 'old' });
      vi.spyOn(Date, 'now').mockReturnValue(now);
      vi.spyOn(Math, 'random').mockReturnValue(0);
      await store.recordAnalytics(batch, { batchId: 'sweeper' });
      vi.restoreAllMocks();
      await store.recordAnalytics(batch, { batchId: 'old' });
      await store.recordAnalytics(batch, { batchId: 'batch-1' });
      expect(await h.countRows('analytics')).toBe(12);
    });

    it('records a 20,000-event burst through the recorder exactly once', async () => {
      const widgets = await Promise.all([store.createWidget(demo()), store.createWidget(demo())]);
      const recorder = createAnalyticsRecorder(store);
      const total = 20_000;
      const started = performance.now();
      for (let i = 0; i < total; i++) {
        recorder.record({
          widgetId: widgets[i % 2]!.id,
          at: T0 + (i % 3) * DAY + i,
          kind: i % 4 === 0 ? 'response' : 'message',
          sessionId: `s${i % 97}`,
          latencyMs: i % 4 === 0 ? i % 1000 : null,
          streamed: i % 8 === 0,
        });
      }
      await recorder.close();
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${name}: recorder wrote ${total} records in ${seconds.toFixed(2)} s (${Math.round(total / seconds)} records/s)`,
      );

      expect(recorder.pending).toBe(0);
      expect(await h.countRows('analytics')).toBe(total);
      const [a, b] = await Promise.all(widgets.map((w) => store.report(w.id, T0, T0 + 3 * DAY)));
      expect(a!.totals.messages + a!.totals.responses).toBe(total / 2);
      expect(b!.totals.messages + b!.totals.responses).toBe(total / 2);
      expect(a!.totals.responses + b!.totals.responses).toBe(total / 4);
    });
  });
}
