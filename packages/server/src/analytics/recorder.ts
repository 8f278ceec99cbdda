import { randomUUID } from 'node:crypto';
import { analyticsRecordProblem } from '../store/analytics-rows.js';
import type { AnalyticsRecord, Store } from '../store/types.js';

export interface AnalyticsRecorderOptions {
  /**
   * Write each record before `record` returns when the store can (`recordAnalyticsNow`, SQLite), so a
   * hard kill loses nothing already recorded (default true). Otherwise records are batched.
   */
  readonly writeThrough?: boolean;
  /** How long a batched record may wait in memory before its batch is written, ms (default 100). */
  readonly flushIntervalMs?: number;
  /** Most records per write (one transaction each, default 500). A full batch is written at once. */
  readonly maxBatch?: number;
  /** Attempts per batch before giving up for this round (default 5); the batch stays queued. */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled each attempt, ms (default 50). */
  readonly retryDelayMs?: number;
  /** Records held while the database is failing; beyond this new records are refused and reported (default 1,000,000). */
  readonly maxQueued?: number;
}

export interface AnalyticsRecorder {
  /**
   * Writes a record (or several, in one transaction) at once on write-through stores, or queues it;
   * never throws, never waits on I/O. Invalid records are reported with console.error and left out.
   */
  record(record: AnalyticsRecord | readonly AnalyticsRecord[]): void;
  /**
   * For a reply about to be sent: the records of every reply recorded in the same turn of the event
   * loop are committed together (one transaction) at its end, and this settles once they are, so the
   * reply goes out after its record is safe. On batching stores, or while writes fail, the records are
   * queued as by `record` and this settles at once. Never rejects.
   */
  recordBeforeReply(record: AnalyticsRecord | readonly AnalyticsRecord[]): Promise<void>;
  /** Writes everything queued so far; rejects if the database keeps failing (the records stay queued). */
  flush(): Promise<void>;
  /** Stops the timer and writes everything; records arriving afterwards are refused. */
  close(): Promise<void>;
  /** Records queued or being written. */
  readonly pending: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * On a store that commits synchronously (SQLite) each record is written before `record` returns, and
 * `recordBeforeReply` commits a turn's replies together before any of them is sent: the proxy records
 * a reply before sending its last byte, so a SIGKILL never loses a reply already sent. Otherwise, and
 * while a synchronous write keeps failing, records are batched in memory and written with
 * `store.recordAnalytics` (one transaction per batch) within `flushIntervalMs`. A batch leaves the queue
 * only after its write succeeded, so a failure loses nothing; each batch carries an id the store
 * remembers, so a retry of a batch that did commit is skipped rather than counted twice.
 */
export function createAnalyticsRecorder(
  store: Pick<Store, 'recordAnalytics'> & Partial<Pick<Store, 'recordAnalyticsNow'>>,
  options: AnalyticsRecorderOptions = {},
): AnalyticsRecorder {
  const writeNow =
    options.writeThrough === false ? undefined : store.recordAnalyticsNow?.bind(store);
  const flushIntervalMs = options.flushIntervalMs ?? 100;
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const retryDelayMs = options.retryDelayMs ?? 50;
  const maxQueued = options.maxQueued ?? 1_000_000;

  let queue: AnalyticsRecord[] = [];
  let head = 0; // queue[head…] are waiting; trimming lazily keeps a burst O(n) instead of O(n²).
  let timer: ReturnType<typeof setTimeout> | null = null;
  let draining: Promise<void> | null = null;
  let closed = false;
  let refused = 0;
  let refusedInvalid = 0;
  // After a failed round the next try waits for its timer, so a stream of new records cannot hammer a down database.
  let coolingDown = false;

  const waiting = () => queue.length - head;

  interface Turn {
    records: AnalyticsRecord[];
    readonly committed: Promise<void>;
    readonly settle: () => void;
  }
  // Replies recorded in this turn of the event loop, committed together by a setImmediate: under load
  // one commit serves many replies (each commit costs ~25 µs on SQLite, a row in a transaction ~3 µs).
  let turn: Turn | null = null;
  const settled = Promise.resolve();

  function openTurn(): Turn {
    let settle!: () => void;
    const opened: Turn = {
      records: [],
      committed: new Promise<void>((resolve) => {
        settle = resolve;
      }),
      settle: () => settle(),
    };
    setImmediate(() => commitTurn(opened));
    return opened;
  }

  // Also called early by flush() and close(); the turn's own setImmediate then finds it empty.
  function commitTurn(ending: Turn) {
    if (turn === ending) turn = null;
    const records = ending.records;
    ending.records = [];
    if (records.length > 0) writeThrough(records);
    ending.settle();
  }

  function schedule(delay: number) {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      coolingDown = false;
      drain().catch(() => {
        // Already reported; the records stay queued for the next round.
        coolingDown = true;
        if (waiting() > 0) schedule(Math.max(flushIntervalMs, 1_000));
      });
    }, delay);
    timer.unref?.();
  }

  async function writeBatch(batch: readonly AnalyticsRecord[], batchId: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.recordAnalytics(batch, { batchId });
        return;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        if (attempt >= maxAttempts) {
          console.error(
            `analytics: writing ${batch.length} records failed ${attempt} times (${detail}); ${waiting()} records kept in memory for the next try`,
          );
          throw error;
        }
        console.error(
          `analytics: write failed (${detail}); retry ${attempt} of ${maxAttempts - 1}`,
        );
        await sleep(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  // The batch being written keeps its records and id until it succeeds, across failed rounds too, so a
  // retry after an unclear outcome is recognised by the store and never counted twice.
  let current: { readonly id: string; readonly records: readonly AnalyticsRecord[] } | null = null;

  function drain(): Promise<void> {
    if (draining) return draining;
    draining = (async () => {
      // Yield first: with nothing queued the body would otherwise finish, `finally` included,
      // before `draining` is assigned, leaving a settled promise there for good.
      await undefined;
      try {
        while (waiting() > 0) {
          current ??= { id: randomUUID(), records: queue.slice(head, head + maxBatch) };
          await writeBatch(current.records, current.id);
          head += current.records.length;
          current = null;
          if (head > 10_000 && head * 2 > queue.length) {
            queue = queue.slice(head);
            head = 0;
          }
        }
        queue = [];
        head = 0;
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  function enqueue(record: AnalyticsRecord): void {
    if (waiting() >= maxQueued) {
      // Reported once per 1,000 so a long outage cannot flood the log.
      if (refused++ % 1_000 === 0) {
        console.error(
          `analytics: ${maxQueued} records waiting for the database; refusing new ones`,
        );
      }
      return;
    }
    queue.push(record);
    if (waiting() >= maxBatch && !coolingDown) {
      if (!draining) {
        if (timer) clearTimeout(timer);
        timer = null;
        schedule(0);
      }
    } else {
      schedule(flushIntervalMs);
    }
  }

  function accepted(input: AnalyticsRecord | readonly AnalyticsRecord[]): AnalyticsRecord[] {
    if (closed) {
      console.error('analytics: recorder is closed; record refused');
      return [];
    }
    return (Array.isArray(input) ? input : [input]).filter((record) => {
      const problem = analyticsRecordProblem(record);
      // One line per 1,000 refusals, each cut short: callers must not be able to flood the log.
      if (problem && refusedInvalid++ % 1_000 === 0) {
        console.error(
          `analytics: record refused (${problem.slice(0, 200)}); ${refusedInvalid} refused so far`,
        );
      }
      return problem === null;
    });
  }

  function writeThrough(records: readonly AnalyticsRecord[]) {
    // Only with nothing queued: while the database is failing, new records wait behind the old ones
    // instead of each paying for a failing write.
    if (writeNow && waiting() === 0 && !draining) {
      try {
        writeNow(records);
        return;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        console.error(`analytics: write failed (${detail}); record queued for a retry`);
      }
    }
    for (const record of records) enqueue(record);
  }

  return {
    record(input) {
      const records = accepted(input);
      if (records.length > 0) writeThrough(records);
    },
    recordBeforeReply(input) {
      const records = accepted(input);
      if (records.length === 0) return settled;
      if (!writeNow) {
        writeThrough(records); // queues them: this store batches
        return settled;
      }
      turn ??= openTurn();
      turn.records.push(...records);
      return turn.committed;
    },
    async flush() {
      if (turn) commitTurn(turn);
      // A drain already running may have started before the newest records; loop until none wait.
      while (draining || waiting() > 0) await drain();
    },
    async close() {
      if (turn) commitTurn(turn);
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (draining || waiting() > 0) await drain();
    },
    get pending() {
      return waiting() + (turn?.records.length ?? 0);
    },
  };
}
