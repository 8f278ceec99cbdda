import { expect, it } from 'vitest';
import type { AnalyticsRecord } from '../types.js';
import { DAY, demo, type StoreSuiteContext, T0 } from './store-suite-fixtures.js';

/** Reports read from analytics: per UTC day, feedback, buttons, ranges. */
export function reportSuite(t: StoreSuiteContext) {
  it('reports each UTC day with sessions, p50/p95 latency, error and open rates', async () => {
    const { store } = t;
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
    const { store } = t;
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
    const { store } = t;
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
    expect(report.days.map((d) => [d.day, d.buttonsChosen, d.starterPrompts, d.sessions])).toEqual([
      ['2026-11-20', 2, 1, 1],
      ['2026-11-21', 3, 0, 2],
    ]);
    expect(report.totals).toMatchObject({ buttonsChosen: 5, starterPrompts: 1, sessions: 3 });
  });

  it('limits a report to the requested days and fills days without traffic with zeros', async () => {
    const { store } = t;
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
}
