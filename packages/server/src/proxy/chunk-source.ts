import type { IncomingMessage } from 'node:http';

export type ChunkResult =
  | { kind: 'chunk'; chunk: Uint8Array }
  | { kind: 'done' }
  | { kind: 'idle' }
  | { kind: 'error' };

/** Reads an upstream body one chunk at a time, giving up after `idleMs` of silence. */
export class ChunkSource {
  readonly #iterator: AsyncIterator<Buffer>;

  constructor(readonly response: IncomingMessage) {
    this.#iterator = response[Symbol.asyncIterator]();
  }

  next(idleMs: number): Promise<ChunkResult> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.destroy();
        resolve({ kind: 'idle' });
      }, idleMs);
      this.#iterator.next().then(
        (step) => {
          clearTimeout(timer);
          resolve(step.done ? { kind: 'done' } : { kind: 'chunk', chunk: step.value });
        },
        () => {
          clearTimeout(timer);
          resolve({ kind: 'error' });
        },
      );
    });
  }

  destroy(): void {
    if (!this.response.destroyed) this.response.destroy();
  }
}
