import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../store/open-store.js';
import type { AnalyticsRecord, Store } from '../../store/types.js';
import { createAnalyticsRecorder } from '../recorder.js';

/** A store whose writes can be made to fail, keeping what it committed (a failed write commits nothing). */
function fakeStore(failures: (call: number) => boolean = () => false) {
  const committed: AnalyticsRecord[] = [];
  const batchSizes: number[] = [];
  let calls = 0;
  const store: Pick<Store, 'recordAnalytics'> = {
    async recordAnalytics(records) {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (failures(calls)) throw new Error(`database unavailable (call ${calls})`);
      batchSizes.push(records.length);
      committed.push(...records);
    },
  };
  return { store, committed, batchSizes, calls: () => calls };
}

/** An in-memory SQLite store holding one widget. */
async function sqliteWithWidget() {
  const store = await openStore({ file: ':memory:' });
  const widget = await store.createWidget({
    name: 'w',
    webhookUrl: 'https://example.com/hook',
    allowedOrigins: ['*'],
  });
  return { store, widget };
}

const event = (i: number): AnalyticsRecord => ({
  widgetId: 'w',
  at: 1_700_000_000_000 + i,
  kind: 'message',
  sessionId: `s${i}`,
});

describe('analytics recorder', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes queued events after the flush interval, in batches no larger than maxBatch', async () => {
    const fake = fakeStore();
    const recorder = createAnalyticsRecorder(fake.store, { flushIntervalMs: 20, maxBatch: 100 });
    for (let i = 0; i < 30; i++) recorder.record(event(i));
    expect(fake.committed).toHaveLength(0);
    await vi.waitFor(() => expect(fake.committed).toHaveLength(30), { timeout: 2_000 });

    for (let i = 30; i < 1_030; i++) recorder.record(event(i));
    await recorder.flush();
    expect(fake.committed.map((r) => r.at - 1_700_000_000_000)).toEqual(
      Array.from({ length: 1_030 }, (_, i) => i),
    );
    expect(Math.max(...fake.batchSizes)).toBeLessThanOrEqual(100);
    await recorder.close();
  });

  it('keeps events through failed writes and writes each exactly once when the database recovers', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakeStore((call) => call <= 3);
    const recorder = createAnalyticsRecorder(fake.store, {
      flushIntervalMs: 5,
      maxBatch: 50,
      retryDelayMs: 1,
    });
    for (let i = 0; i < 120; i++) recorder.record(event(i));
    await recorder.close();
    expect(fake.committed).toHaveLength(120);
    expect(new Set(fake.committed.map((r) => r.at)).size).toBe(120);
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/write failed \(database unavailable/),
    );
  });

  it('counts a batch once when its write committed but the answer was lost', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const committed: AnalyticsRecord[] = [];
    const seen = new Set<string>();
    let calls = 0;
    const recorder = createAnalyticsRecorder(
      {
        async recordAnalytics(records, options) {
          calls++;
          // Like a store: a known batch id is skipped; the first write lands but its reply is lost.
          if (options?.batchId && seen.has(options.batchId)) return;
          if (options?.batchId) seen.add(options.batchId);
          committed.push(...records);
          if (calls === 1) throw new Error('Connection terminated unexpectedly');
        },
      },
      { flushIntervalMs: 5, retryDelayMs: 1 },
    );
    for (let i = 0; i < 25; i++) recorder.record(event(i));
    await recorder.close();
    expect(calls).toBe(2);
    expect(committed).toHaveLength(25);
  });

  it('keeps events queued when the database stays down, and a later flush writes them', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let down = true;
    const fake = fakeStore(() => down);
    const recorder = createAnalyticsRecorder(fake.store, {
      flushIntervalMs: 60_000,
      maxAttempts: 3,
      retryDelayMs: 1,
    });
    for (let i = 0; i < 10; i++) recorder.record(event(i));
    await expect(recorder.flush()).rejects.toThrow(/database unavailable/);
    expect(recorder.pending).toBe(10);
    expect(fake.calls()).toBe(3);
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/failed 3 times .*10 records kept in memory/),
    );

    down = false;
    await recorder.close();
    expect(recorder.pending).toBe(0);
    expect(fake.committed).toHaveLength(10);
  });

  it('refuses malformed events without losing the valid ones around them', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakeStore();
    const recorder = createAnalyticsRecorder(fake.store);
    recorder.record(event(1));
    recorder.record({ ...event(2), kind: 'hacked' as AnalyticsRecord['kind'] });
    recorder.record({ ...event(3), at: Number.NaN });
    recorder.record({ ...event(4), widgetId: '' });
    recorder.record(event(5));
    await recorder.close();
    expect(fake.committed.map((r) => r.sessionId)).toEqual(['s1', 's5']);
    // Reported, but one line per 1,000 refusals: a client cannot flood the log.
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/record refused .*1 refused so far/));
  });

  it('writes everything on close and refuses events that arrive after it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakeStore();
    const recorder = createAnalyticsRecorder(fake.store, { flushIntervalMs: 60_000 });
    for (let i = 0; i < 7; i++) recorder.record(event(i));
    await recorder.close();
    expect(fake.committed).toHaveLength(7);
    recorder.record(event(8));
    expect(recorder.pending).toBe(0);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/closed/));
  });

  it('holds at most maxQueued events while the database is down, reporting the overflow', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakeStore(() => true);
    const recorder = createAnalyticsRecorder(fake.store, {
      flushIntervalMs: 60_000,
      maxBatch: 1_000,
      maxQueued: 5,
    });
    for (let i = 0; i < 8; i++) recorder.record(event(i));
    expect(recorder.pending).toBe(5);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/5 records waiting/));
  });
});

describe('recorder after an idle flush', () => {
  it('still writes records that arrive after a flush found nothing to do', async () => {
    const { store, widget } = await sqliteWithWidget();
    const recorder = createAnalyticsRecorder(store, { flushIntervalMs: 20 });
    await recorder.flush(); // nothing queued: the drain settles at once
    recorder.record({ widgetId: widget.id, at: Date.now(), kind: 'opened' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(recorder.pending).toBe(0);
    await recorder.close();
    const report = await store.report(widget.id, Date.now() - 1000, Date.now());
    expect(report.totals.opens).toBe(1);
    await store.close();
  });
});

describe('how long a record can be lost to a crash', () => {
  afterEach(() => vi.useRealTimers());

  it('writes each record before record() returns on a store that commits synchronously', async () => {
    const { store, widget } = await sqliteWithWidget();
    const recorder = createAnalyticsRecorder(store);
    recorder.record({ widgetId: widget.id, at: Date.now(), kind: 'message', sessionId: 's1' });
    expect(recorder.pending).toBe(0);
    // Nothing awaited: a SIGKILL here would find the record in the database already.
    const report = await store.report(widget.id, Date.now() - 1000, Date.now());
    expect(report.totals.messages).toBe(1);
    await recorder.close();
    await store.close();
  });

  it('queues a record whose synchronous write failed and writes it once the database answers', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakeStore();
    let down = true;
    const writtenNow: AnalyticsRecord[] = [];
    const recorder = createAnalyticsRecorder(
      {
        ...fake.store,
        recordAnalyticsNow(records) {
          if (down) throw new Error('database is locked');
          writtenNow.push(...records);
        },
      },
      { flushIntervalMs: 5 },
    );
    recorder.record(event(1));
    expect(recorder.pending).toBe(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/database is locked/));
    down = false;
    await recorder.flush();
    recorder.record(event(2));
    expect(fake.committed.map((r) => r.sessionId)).toEqual(['s1']);
    expect(writtenNow.map((r) => r.sessionId)).toEqual(['s2']);
    await recorder.close();
  });

  it('on a batching store (PostgreSQL), writes a record within 100 ms by default', async () => {
    vi.useFakeTimers();
    const fake = fakeStore();
    const recorder = createAnalyticsRecorder(fake.store);
    recorder.record(event(1));
    await vi.advanceTimersByTimeAsync(99);
    expect(fake.calls()).toBe(0);
    await vi.advanceTimersByTimeAsync(2);
    expect(fake.committed).toHaveLength(1);
    await recorder.close();
  });
});

describe('replies recorded in one turn of the event loop', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A store that commits synchronously, recording each write (one transaction each). */
  function syncStore(fail: () => boolean = () => false) {
    const fake = fakeStore();
    const writes: AnalyticsRecord[][] = [];
    const store = {
      ...fake.store,
      recordAnalyticsNow(records: readonly AnalyticsRecord[]) {
        if (fail()) throw new Error('database is locked');
        writes.push([...records]);
      },
    };
    return { store, writes, fake };
  }

  it('are committed in one write, and each settles only after it', async () => {
    const { store, writes } = syncStore();
    const recorder = createAnalyticsRecorder(store);
    const writesWhenSettled: number[] = [];
    const replies = [[event(1), event(2)], [event(3), event(4)], event(5)].map((records) =>
      recorder.recordBeforeReply(records).then(() => writesWhenSettled.push(writes.length)),
    );
    // Nothing is written until the turn ends; the records are counted as pending meanwhile.
    expect(writes).toHaveLength(0);
    expect(recorder.pending).toBe(5);
    await Promise.all(replies);
    expect(writes.map((w) => w.map((r) => r.sessionId))).toEqual([['s1', 's2', 's3', 's4', 's5']]);
    expect(writesWhenSettled).toEqual([1, 1, 1]);
    // The next turn's replies are the next write.
    await recorder.recordBeforeReply(event(6));
    expect(writes).toHaveLength(2);
    await recorder.close();
  });

  it('are in the SQLite database once the reply may be sent', async () => {
    const { store, widget } = await sqliteWithWidget();
    const recorder = createAnalyticsRecorder(store);
    const at = Date.now();
    const message = { widgetId: widget.id, at, sessionId: 's1', kind: 'message' } as const;
    await Promise.all([
      recorder.recordBeforeReply([message, { ...message, kind: 'response', latencyMs: 5 }]),
      recorder.recordBeforeReply([{ ...message, sessionId: 's2' }]),
    ]);
    // Nothing else awaited: a SIGKILL here would find both messages and the reply already stored.
    const report = await store.report(widget.id, at - 1000, at + 1000);
    expect(report.totals.messages).toBe(2);
    expect(report.totals.responses).toBe(1);
    await recorder.close();
    await store.close();
  });

  it('are queued when the write fails, without holding the reply, and written once later', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let down = true;
    const { store, writes, fake } = syncStore(() => down);
    const recorder = createAnalyticsRecorder(store, { flushIntervalMs: 5 });
    await recorder.recordBeforeReply([event(1), event(2)]);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/database is locked/));
    expect(recorder.pending).toBe(2);
    down = false;
    await recorder.flush();
    expect(fake.committed.map((r) => r.sessionId)).toEqual(['s1', 's2']);
    expect(writes).toHaveLength(0);
    expect(recorder.pending).toBe(0);
    await recorder.close();
  });

  it('are written by flush() and close() without waiting for the turn to end', async () => {
    const { store, writes } = syncStore();
    const recorder = createAnalyticsRecorder(store);
    const first = recorder.recordBeforeReply(event(1));
    await recorder.flush();
    expect(writes).toEqual([[event(1)]]);
    await first;
    const second = recorder.recordBeforeReply(event(2));
    await recorder.close();
    expect(writes).toEqual([[event(1)], [event(2)]]);
    await second;
    // The turn's own end then finds nothing left to write.
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
  });

  it('settle at once on a batching store (PostgreSQL), which writes them within its interval', async () => {
    const fake = fakeStore();
    const recorder = createAnalyticsRecorder(fake.store, { flushIntervalMs: 5 });
    let settled = false;
    const reply = recorder.recordBeforeReply(event(1)).then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(true);
    await reply;
    expect(fake.calls()).toBe(0);
    await recorder.flush();
    expect(fake.committed).toEqual([event(1)]);
    await recorder.close();
  });
});
