import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnalyticsRecorder } from '../analytics/recorder.js';
import type { AnalyticsKind, AnalyticsRecord, WidgetReport } from '../store/types.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const postEvents = (id: string, events: unknown[]) =>
  h.text(`/v1/widgets/${id}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });

const inheritedNames = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

describe('event types inherited from Object.prototype', () => {
  it('are unknown types: ignored like any other, counted nowhere, and logged by nobody', async () => {
    const errors = vi.spyOn(console, 'error');
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const at = Date.now();
    // JSON.parse makes "__proto__" an own key of the event, so it arrives as a type like any other.
    const body = `{"events":[${[...inheritedNames, 'opened']
      .map((type) => `{"type":${JSON.stringify(type)},"at":${at},"sessionId":"s-1"}`)
      .join(',')}]}`;
    const { res, body: answer } = await h.text(`/v1/widgets/${widget.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(202);
    expect(JSON.parse(answer)).toEqual({ accepted: 1, ignored: inheritedNames.length });
    await h.server.flushAnalytics();
    const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
    const totals = (json as WidgetReport).totals;
    expect(totals).toMatchObject({ opens: 1, loads: 0, errors: 0, tooltipClicks: 0 });
    expect(errors).not.toHaveBeenCalled();
  });

  it('are not counted even as a batch of 100 from many visitors', async () => {
    const errors = vi.spyOn(console, 'error');
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const at = Date.now();
    for (let round = 0; round < 5; round++) {
      const { res, body } = await postEvents(
        widget.id,
        Array.from({ length: 100 }, (_, i) => ({
          type: inheritedNames[i % inheritedNames.length],
          at,
        })),
      );
      expect(res.status).toBe(202);
      expect(JSON.parse(body)).toEqual({ accepted: 0, ignored: 100 });
    }
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('records the recorder refuses', () => {
  it('write a few short log lines, not one line per record of any length', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    const written: AnalyticsRecord[] = [];
    const recorder = createAnalyticsRecorder({
      recordAnalytics: async (records) => {
        written.push(...records);
      },
    });
    const huge = `x${'y'.repeat(10_000)}` as AnalyticsKind;
    for (let i = 0; i < 2_500; i++) {
      recorder.record({ widgetId: 'w', at: Date.now(), kind: huge, sessionId: null });
    }
    await recorder.close();
    expect(written).toHaveLength(0);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(line.length).toBeLessThan(400);
  });
});
