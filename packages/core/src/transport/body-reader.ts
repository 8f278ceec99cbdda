import { isWidgetError, WidgetError } from '../errors/widget-error.js';
import { abortError } from './abort.js';

export interface BodyReaderOptions {
  /** Longest silence allowed between two reads, in ms. */
  readonly idleTimeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Reads a response body piece by piece, failing with `WidgetError('timeout')` when no bytes
 * arrive for `idleTimeoutMs`, an abort error as soon as `signal` fires, and
 * `WidgetError('network')` when the connection breaks.
 */
export class BodyReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #options: BodyReaderOptions;
  #bytes = 0;
  #closed = false;

  constructor(response: Response, options: BodyReaderOptions) {
    this.#reader = response.body?.getReader();
    this.#options = options;
  }

  get bytesRead(): number {
    return this.#bytes;
  }

  /** The next piece of the body, or `undefined` at its end. */
  read(): Promise<Uint8Array | undefined> {
    const reader = this.#reader;
    const { signal, idleTimeoutMs } = this.#options;
    if (signal.aborted) {
      this.cancel();
      return Promise.reject(abortError());
    }
    if (!reader || this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const fail = (error: unknown) => {
        cleanup();
        this.cancel();
        reject(error);
      };
      const onAbort = () => fail(abortError());
      const timer = setTimeout(
        () =>
          fail(
            new WidgetError(
              'timeout',
              `The reply went silent: no data for ${idleTimeoutMs} ms after ${this.#bytes} bytes (timeouts.idle).`,
            ),
          ),
        idleTimeoutMs,
      );
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      reader.read().then(
        (result) => {
          cleanup();
          if (result.done) {
            this.#closed = true;
            resolve(undefined);
            return;
          }
          this.#bytes += result.value.byteLength;
          resolve(result.value);
        },
        (error: unknown) => {
          if (signal.aborted) return fail(abortError());
          if (isWidgetError(error)) return fail(error);
          fail(
            new WidgetError(
              'network',
              `The connection broke after ${this.#bytes} bytes of the reply: ${
                error instanceof Error ? error.message : String(error)
              }`,
              { cause: error },
            ),
          );
        },
      );
    });
  }

  /** Stops reading and releases the connection; safe to call more than once. */
  cancel(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reader?.cancel().catch(() => {});
  }
}
