import { expect, it, vi } from 'vitest';
import { createAnalyticsRecorder } from '../../analytics/recorder.js';
import type { AnalyticsRecord } from '../types.js';
import { DAY, demo, type StoreSuiteContext, T0 } from './store-suite-fixtures.js';

/** Writing analytics: batch ids against double counting, a burst through the recorder. */
export function analyticsWriteSuite(t: StoreSuiteContext) {
  it('skips a batch written before under the same batch id, so a retry never counts twice', async () => {
    const { h, store } = t;
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
    const { name, h, store } = t;
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
}
