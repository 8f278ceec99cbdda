import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from '../http-error.js';
import type { Logger } from '../logger.js';
import { isAlreadySent } from '../proxy/stream-reply.js';
import { addSecurityHeaders } from '../security/response-headers.js';
import type { ChatHandler } from './chat-route.js';
import { ClientGone } from './node-request.js';

// Plain ids only: anything else (percent-encoded, too long) goes through Hono, which answers it the same.
const chatPath = /^\/v1\/widgets\/([A-Za-z0-9_-]{1,64})\/chat(?:\?|$)/;
// A refused request's unread body is read and dropped for a while (the connection stays usable),
// then the connection is closed: as @hono/node-server does.
const drainMs = 500;
const maxDrainBytes = 64 * 1024 * 1024;

/**
 * The chat POST straight on Node's request and response, without Hono's Request, Response, router
 * and middleware: the same handler (chat-route.ts), every check included, with the headers the app's
 * middleware adds (app.ts). Answers false for any other request, which then goes to the Hono app.
 */
export function chatFastPath(
  chat: ChatHandler,
  logger: Logger,
): (incoming: IncomingMessage, outgoing: ServerResponse) => boolean {
  return (incoming, outgoing) => {
    if (incoming.method !== 'POST') return false;
    const match = chatPath.exec(incoming.url ?? '');
    if (!match) return false;
    answer(chat, match[1]!, incoming, outgoing, logger).catch((error: unknown) => {
      // Writing the answer failed: the connection is the only thing left to close.
      logger.error('request failed', { error: error instanceof Error ? error.name : 'unknown' });
      outgoing.destroy();
    });
    return true;
  };
}

async function answer(
  chat: ChatHandler,
  widgetId: string,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  logger: Logger,
): Promise<void> {
  outgoing.once('finish', () => {
    if (!incoming.readableEnded) drain(incoming);
  });
  let response: Response;
  try {
    response = await chat({
      widgetId,
      header: (name) => {
        const value = incoming.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      peer: incoming.socket.remoteAddress,
      body: incoming,
      outgoing,
      clientGone: () => new ClientGone(outgoing),
    });
  } catch (error) {
    logger.error('request failed', { error: error instanceof Error ? error.name : 'unknown' });
    response = errorResponse(500, 'internal_error');
  }
  if (isAlreadySent(response)) return;
  if (outgoing.headersSent) {
    outgoing.destroy();
    return;
  }
  // What the app's middleware adds to every answer (app.ts).
  addSecurityHeaders(response.headers);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : new Uint8Array();
  headers['content-length'] = String(body.byteLength);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

function drain(incoming: IncomingMessage): void {
  if (incoming.destroyed) return;
  let bytesRead = 0;
  const stop = () => {
    clearTimeout(timer);
    incoming.off('data', onData);
    incoming.off('end', stop);
    incoming.off('error', stop);
  };
  const close = () => {
    stop();
    incoming.socket.destroySoon();
  };
  const onData = (chunk: Buffer) => {
    bytesRead += chunk.byteLength;
    if (bytesRead > maxDrainBytes) close();
  };
  const timer = setTimeout(close, drainMs);
  timer.unref();
  incoming.on('data', onData);
  incoming.on('end', stop);
  incoming.on('error', stop);
  incoming.resume();
}
