import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

export type NodeEnv = { Bindings: Partial<HttpBindings> };

/** The raw Node request when running on @hono/node-server, else the web Request (tests via app.request). */
export function bodySource(c: Context<NodeEnv>): IncomingMessage | Request {
  return c.env?.incoming ?? c.req.raw;
}

/**
 * Aborted when the client goes away before the answer is complete. On Node this listens to the
 * response socket directly instead of materialising the web Request and its signal.
 */
export function clientGoneSignal(c: Context<NodeEnv>): AbortSignal {
  const outgoing = c.env?.outgoing;
  return outgoing ? outgoingClosedSignal(outgoing) : c.req.raw.signal;
}

/** Aborted when the response's connection closes before the response was complete. */
export function outgoingClosedSignal(outgoing: ServerResponse): AbortSignal {
  const controller = new AbortController();
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function peerAddress(c: Context<NodeEnv>): string | undefined {
  return c.env?.incoming?.socket?.remoteAddress;
}
