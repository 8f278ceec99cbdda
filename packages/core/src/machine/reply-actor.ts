import { fromCallback } from 'xstate';
import type { ReplyChunk, Transport, TransportRequest } from '../transport/types.js';

export type ReplyEvent =
  | { type: 'REPLY.CHUNK'; chunk: ReplyChunk }
  | { type: 'REPLY.DONE' }
  | { type: 'REPLY.ERROR'; error: unknown };

export interface ReplyInput {
  transport: Transport;
  request: TransportRequest;
}

/** Runs one transport call; stopping the actor (leaving `responding`) aborts the request. */
export const replyActor = fromCallback<{ type: string }, ReplyInput>(({ input, sendBack }) => {
  const controller = new AbortController();
  const { signal } = controller;
  let settled = false;
  (async () => {
    for await (const chunk of input.transport.send(input.request, { signal })) {
      if (signal.aborted) return;
      sendBack({ type: 'REPLY.CHUNK', chunk } satisfies ReplyEvent);
    }
    settled = true;
    if (!signal.aborted) sendBack({ type: 'REPLY.DONE' } satisfies ReplyEvent);
  })().catch((error: unknown) => {
    settled = true;
    if (!signal.aborted) sendBack({ type: 'REPLY.ERROR', error } satisfies ReplyEvent);
  });
  // A finished request has nothing left to abort (and devtools would show it as cancelled).
  return () => {
    if (!settled) controller.abort();
  };
});
