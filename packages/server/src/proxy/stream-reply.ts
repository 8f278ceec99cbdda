import type { ServerResponse } from 'node:http';
import { securityHeaders } from '../security/response-headers.js';
import type { AnalyticsRecord } from '../store/types.js';
import type { ChunkSource } from './chunk-source.js';
import type { ForwardContext } from './forward.js';
import { maxStreamLineBytes, StreamObserver } from './reply-text.js';

// @hono/node-server leaves the response alone when a handler answers with this header.
export const alreadySentHeader = 'x-hono-already-sent';
const streamHeaders = {
  'content-type': 'application/x-ndjson; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  ...securityHeaders,
};
/** How each way a stream can break off is counted in analytics. */
const streamErrorKinds = {
  idle: 'timeout',
  error: 'network',
  deadline: 'reply_deadline',
  line_too_long: 'line_too_long',
} as const;
export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const stalledLine = (content: string) => `${JSON.stringify({ type: 'error', content })}\n`;
const encoder = new TextEncoder();
const overlongTail = encoder.encode(
  `\n${stalledLine(`The bot's reply has a line longer than ${maxStreamLineBytes / (1024 * 1024)} MB.`)}`,
);

let alreadySent: Response | undefined;

/**
 * The answer of a reply already written to the Node response: @hono/node-server leaves the response
 * alone when a handler answers with this header, and so does the chat fast path. One object for
 * every such answer; nothing is ever sent from it.
 */
export function alreadySentResponse(): Response {
  if (!alreadySent) {
    alreadySent = new Response(null, { headers: { [alreadySentHeader]: '1' } });
    // Reading .body turns @hono/node-server's lightweight Response into a real one; its fast path
    // for lightweight ones would write headers again instead of honouring the header above.
    void alreadySent.body;
  }
  return alreadySent;
}

export function isAlreadySent(response: Response): boolean {
  return response === alreadySent || response.headers.has(alreadySentHeader);
}

interface StreamParts {
  ctx: ForwardContext;
  source: ChunkSource;
  buffered: Uint8Array[];
  startedAt: number;
  record: (fields: Omit<AnalyticsRecord, 'widgetId' | 'at' | 'sessionId'>) => void;
  /** Settles once what `record` wrote is safe: the reply's last byte waits for it. */
  committed: () => Promise<void> | undefined;
  transcript: (role: 'user' | 'bot', texts: readonly string[]) => void;
  done: () => void;
}

type Piece = { chunk: Uint8Array } | { end: true; tail?: Uint8Array };

/** Passes a streamed reply through chunk by chunk, as it arrives. */
export function streamReply({
  ctx,
  source,
  buffered,
  startedAt,
  record,
  committed,
  transcript,
  done,
}: StreamParts): Response {
  const observer = new StreamObserver();
  for (const chunk of buffered) observer.push(chunk);
  let finished = false;
  const finish = (
    outcome: 'complete' | 'idle' | 'deadline' | 'error' | 'cancelled' | 'line_too_long',
  ) => {
    if (finished) return;
    finished = true;
    observer.finish();
    // A reply that ended cleanly leaves its socket to the keep-alive pool.
    if (outcome !== 'complete') source.destroy();
    if (outcome === 'complete') {
      if (observer.sawError && !observer.hasText) record({ kind: 'error', errorKind: 'bot_error' });
      else
        record({
          kind: 'response',
          latencyMs: Math.round(performance.now() - startedAt),
          streamed: true,
        });
    } else if (outcome !== 'cancelled') {
      record({ kind: 'error', errorKind: streamErrorKinds[outcome] });
      ctx.logger.warn('webhook stream broke off', { widgetId: ctx.widget.id, reason: outcome });
    }
    done();
    transcript('bot', observer.texts);
  };

  /** The next thing to send: an upstream chunk, or the end (with an n8n error line if it broke off). */
  const endOverlong = (): Piece => {
    finish('line_too_long');
    return { end: true, tail: overlongTail };
  };
  const nextPiece = async (): Promise<Piece> => {
    if (observer.overlong) return endOverlong();
    const next = await source.next(ctx.limits.idleTimeoutMs);
    if (finished) return { end: true };
    if (next.kind === 'chunk') {
      observer.push(next.chunk);
      return observer.overlong ? endOverlong() : { chunk: next.chunk };
    }
    if (next.kind === 'done') {
      finish('complete');
      return { end: true };
    }
    if (ctx.signal.aborted) {
      finish('cancelled');
      return { end: true };
    }
    const prefix = observer.atLineStart ? '' : '\n';
    const message =
      next.kind === 'idle'
        ? 'The bot stopped responding.'
        : next.kind === 'deadline'
          ? `The bot's reply took longer than ${seconds(ctx.limits.maxReplyMs)}.`
          : 'The connection to the bot was lost.';
    finish(next.kind);
    return { end: true, tail: encoder.encode(prefix + stalledLine(message)) };
  };

  const outgoing = ctx.outgoing;
  if (outgoing) {
    // On Node, write straight to the socket's response: no web-stream layer in between.
    // The headers go out with the first line, already here: one write, one packet.
    outgoing.writeHead(200, { ...streamHeaders, ...ctx.responseHeaders });
    void (async () => {
      for (const chunk of buffered) outgoing.write(chunk);
      for (;;) {
        const piece = await nextPiece();
        if ('chunk' in piece) {
          if (!outgoing.write(piece.chunk) && !outgoing.destroyed) await drained(outgoing);
          continue;
        }
        await committed();
        if (piece.tail) outgoing.write(piece.tail);
        outgoing.end();
        return;
      }
    })();
    return alreadySentResponse();
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        for (const chunk of buffered) controller.enqueue(chunk);
      },
      async pull(controller) {
        const piece = await nextPiece();
        if ('chunk' in piece) {
          controller.enqueue(piece.chunk);
          return;
        }
        await committed();
        if (piece.tail) controller.enqueue(piece.tail);
        controller.close();
      },
      cancel() {
        finish('cancelled');
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, {
    status: 200,
    headers: { ...streamHeaders, ...ctx.responseHeaders },
  });
}

function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      outgoing.off('drain', settle);
      outgoing.off('close', settle);
      resolve();
    };
    outgoing.once('drain', settle);
    outgoing.once('close', settle);
  });
}
