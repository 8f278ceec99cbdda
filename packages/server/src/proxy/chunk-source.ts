import type { IncomingMessage } from 'node:http';

export type ChunkResult =
  | { kind: 'chunk'; chunk: Uint8Array }
  | { kind: 'done' }
  | { kind: 'idle' }
  | { kind: 'deadline' }
  | { kind: 'error' };

/**
 * Reads an upstream body one chunk at a time, giving up after `idleMs` of silence or at
 * `deadline` (a `performance.now()` time), however busy the body is. Event-based
 * with pause/resume (cheaper than the stream's async iterator); at most a chunk or two is held.
 */
export class ChunkSource {
  readonly #queue: Buffer[] = [];
  #ended = false;
  #failed = false;
  #waiter: ((result: ChunkResult) => void) | null = null;

  constructor(
    readonly response: IncomingMessage,
    readonly deadline = Number.POSITIVE_INFINITY,
  ) {
    response.on('data', (chunk: Buffer) => {
      const waiter = this.#waiter;
      // Someone is waiting: handed over as it is, without pausing and resuming the socket.
      if (waiter && this.#queue.length === 0) {
        this.#waiter = null;
        waiter({ kind: 'chunk', chunk });
        return;
      }
      this.#queue.push(chunk);
      response.pause();
      this.#wake();
    });
    response.on('end', () => {
      this.#ended = true;
      this.#wake();
    });
    response.on('error', () => {
      this.#failed = true;
      this.#wake();
    });
    response.on('close', () => {
      if (!this.#ended) this.#failed = true;
      this.#wake();
    });
  }

  #take(): ChunkResult | null {
    const chunk = this.#queue.shift();
    if (chunk) {
      if (this.#queue.length === 0 && !this.#ended && !this.#failed) this.response.resume();
      return { kind: 'chunk', chunk };
    }
    if (this.#ended) return { kind: 'done' };
    if (this.#failed) return { kind: 'error' };
    return null;
  }

  #wake(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    const result = this.#take();
    if (result) {
      this.#waiter = null;
      waiter(result);
    }
  }

  next(idleMs: number): Promise<ChunkResult> {
    const left = this.deadline - performance.now();
    if (left <= 0) {
      this.destroy();
      return Promise.resolve({ kind: 'deadline' });
    }
    const ready = this.#take();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.#waiter = null;
          this.destroy();
          resolve({ kind: left <= idleMs ? 'deadline' : 'idle' });
        },
        Math.min(idleMs, left),
      );
      this.#waiter = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
      this.response.resume();
    });
  }

  destroy(): void {
    if (!this.response.destroyed) this.response.destroy();
  }
}
