import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export const jsonType = 'application/json; charset=utf-8';

/**
 * One request/response pair. Its signal aborts when the client goes away or the bot closes, so every
 * pause of a slow or stalled reply ends with it and no timer outlives the connection.
 */
export class Exchange {
  readonly #controller = new AbortController();

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {
    res.on('close', () => this.#controller.abort());
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get open(): boolean {
    return !this.signal.aborted && !this.res.destroyed && !this.res.writableEnded;
  }

  abort(): void {
    this.#controller.abort();
  }

  /** Waits `ms`; resolves false instead if the exchange ends first. */
  sleep(ms: number): Promise<boolean> {
    const signal = this.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Resolves when the client disconnects or the bot closes. */
  untilClosed(): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  send(
    status: number,
    contentType: string | null,
    body: string,
    headers: OutgoingHttpHeaders = {},
  ) {
    if (!this.open) return;
    const all: OutgoingHttpHeaders = { ...headers, 'Content-Length': Buffer.byteLength(body) };
    if (contentType !== null) all['Content-Type'] = contentType;
    this.res.writeHead(status, all);
    this.res.end(body);
  }

  json(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): void {
    this.send(status, jsonType, JSON.stringify(value), headers);
  }

  /** Starts a chunked 200 response whose writes reach the client as they are made. */
  startStream(contentType = jsonType): boolean {
    if (!this.open) return false;
    this.res.writeHead(200, {
      'Content-Type': contentType,
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    return true;
  }

  /** Writes a piece of a started stream; false once the client is gone. */
  write(chunk: string | Buffer): boolean {
    if (!this.open) return false;
    this.res.write(chunk);
    return true;
  }

  end(chunk?: string | Buffer): void {
    if (!this.open) return;
    if (chunk === undefined) this.res.end();
    else this.res.end(chunk);
  }

  /** Cuts the connection without finishing the response, as a crashing proxy would. */
  destroy(): void {
    this.res.socket?.destroy();
    this.res.destroy();
  }
}
