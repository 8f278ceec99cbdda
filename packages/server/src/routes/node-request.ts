import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { AbortNotice } from '../proxy/upstream.js';

export type NodeEnv = { Bindings: Partial<HttpBindings> };

/** The raw Node request when running on @hono/node-server, else the web Request (tests via app.request). */
export function bodySource(c: Context<NodeEnv>): IncomingMessage | Request {
  return c.env?.incoming ?? c.req.raw;
}

/**
 * Aborted when the client goes away before the answer is complete. On Node this listens to the
 * response socket directly instead of materialising the web Request and its signal.
 */
export function clientGoneSignal(c: Context<NodeEnv>): AbortNotice {
  const outgoing = c.env?.outgoing;
  return outgoing ? new ClientGone(outgoing) : c.req.raw.signal;
}

/**
 * Aborted when the response's connection closes before the response was complete: an AbortSignal
 * without the AbortController and EventTarget machinery (a chat request makes one).
 */
export class ClientGone implements AbortNotice {
  #aborted = false;
  #listeners: (() => void)[] = [];

  constructor(outgoing: ServerResponse) {
    outgoing.once('close', () => {
      if (outgoing.writableFinished) return;
      this.#aborted = true;
      for (const listener of this.#listeners.splice(0)) listener();
    });
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Listeners are called once, as with `{ once: true }`. */
  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.#listeners.indexOf(listener);
    if (index !== -1) this.#listeners.splice(index, 1);
  }
}

export function peerAddress(c: Context<NodeEnv>): string | undefined {
  return c.env?.incoming?.socket?.remoteAddress;
}
