import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { executionStartedId } from '@cwp/core/protocol';
import { errorResponse } from '../http-error.js';
import type { Logger } from '../logger.js';
import { securityHeaders } from '../security/response-headers.js';
import type { AnalyticsRecord, Store, WidgetLimits, WidgetRecord } from '../store/types.js';
import { rewriteReplyButtons } from './button-links.js';
import { ChunkSource } from './chunk-source.js';
import { isStreamLine, wholeReplyTexts } from './reply-text.js';
import { alreadySentResponse, seconds, streamReply } from './stream-reply.js';
import { type AbortNotice, postToWebhook, type UpstreamAgents, UpstreamError } from './upstream.js';

/** What the proxy needs of the analytics recorder. */
export interface AnalyticsSink {
  /** Several records at once are written together (one transaction on SQLite). */
  record(record: AnalyticsRecord | readonly AnalyticsRecord[]): void;
  /** Settles once the records are safe to send a reply after (see AnalyticsRecorder); `record` without it. */
  recordBeforeReply?(record: AnalyticsRecord | readonly AnalyticsRecord[]): Promise<void>;
}

export interface ChatRequest {
  readonly action: 'sendMessage' | 'loadPreviousSession';
  readonly sessionId: string;
  readonly chatInput?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface ForwardContext {
  readonly widget: WidgetRecord;
  readonly limits: WidgetLimits;
  readonly chat: ChatRequest;
  readonly accept: string;
  /** Aborted when the client goes away. */
  readonly signal: AbortNotice;
  readonly allowPrivate: boolean;
  readonly agents: UpstreamAgents;
  readonly recorder: AnalyticsSink;
  readonly store: Store;
  readonly logger: Logger;
  /** Frees this request's concurrency slot; called once the reply is over. */
  readonly release: () => void;
  /** The Node response, when running on @hono/node-server: streamed replies are written to it directly. */
  readonly outgoing?: ServerResponse | undefined;
  /** Headers every answer carries (CORS and the like); needed up front when writing directly. */
  readonly responseHeaders?: Readonly<Record<string, string>> | undefined;
  /** A multipart message: its re-encoded body, streamed to the webhook instead of JSON. */
  readonly upload?: { readonly body: Readable; readonly contentType: string } | undefined;
  /** The webhook answered `executionStarted` (response nodes): the reply follows over its socket. */
  readonly onExecutionStarted?: ((executionId: string) => void) | undefined;
}

const maxWholeReplyBytes = 1024 * 1024;
const wholeReplyHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  ...securityHeaders,
};

// Decoding whole texts only (no `stream` option), so one decoder serves every request.
const utf8 = new TextDecoder();

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  // Node's chunks are Buffers over plain ArrayBuffers.
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The status and code we answer with for a webhook error status; bodies are never passed on. */
function mapUpstreamStatus(status: number): { status: number; code: string } {
  if (status >= 300 && status < 400) return { status: 502, code: 'upstream_redirect' };
  if (status === 429) return { status: 429, code: 'rate_limited' };
  if (status === 413) return { status: 413, code: 'payload_too_large' };
  if (status === 504) return { status: 504, code: 'upstream_timeout' };
  return { status: 502, code: 'upstream_error' };
}

function safeRetryAfter(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  if (/^\d{1,6}$/.test(text.trim())) return text.trim();
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : new Date(date).toUTCString();
}

/** Forwards one n8n Chat Trigger request to the widget's webhook and answers the client. */
export async function forwardChat(ctx: ForwardContext): Promise<Response> {
  let committing: Promise<void> | undefined;
  const recordReply = (records: AnalyticsRecord | readonly AnalyticsRecord[]) => {
    if (ctx.recorder.recordBeforeReply) committing = ctx.recorder.recordBeforeReply(records);
    else ctx.recorder.record(records);
  };
  const committed = () => committing;
  const response = await answer(ctx, recordReply, committed);
  // An answer made here (an error, or a whole reply off Node) is sent by the caller, after this.
  await committing;
  return response;
}

type RecordReply = (records: AnalyticsRecord | readonly AnalyticsRecord[]) => void;

async function answer(
  ctx: ForwardContext,
  recordReply: RecordReply,
  committed: () => Promise<void> | undefined,
): Promise<Response> {
  const { widget, chat, limits } = ctx;
  const isMessage = chat.action === 'sendMessage';
  const startedAt = performance.now();
  const base = { widgetId: widget.id, sessionId: chat.sessionId } as const;
  // History loads are not messages: their failures would skew the error rate.
  const message: AnalyticsRecord | null = isMessage
    ? { ...base, at: Date.now(), kind: 'message' }
    : null;
  // The message is written with its outcome, in one write, before the reply's last byte is sent.
  let messageWritten = !isMessage;
  const record = (fields: Omit<AnalyticsRecord, 'widgetId' | 'at' | 'sessionId'>) => {
    if (!message) return;
    const outcome: AnalyticsRecord = { ...base, at: Date.now(), ...fields };
    recordReply(messageWritten ? outcome : [message, outcome]);
    messageWritten = true;
  };
  /** Frees the slot once the reply is over; a message that ended without an outcome still counts. */
  const release = () => {
    if (!messageWritten && message) ctx.recorder.record(message);
    messageWritten = true;
    ctx.release();
  };
  const failed = (errorKind: string, response: Response) => {
    record({ kind: 'error', errorKind });
    release();
    return response;
  };
  const transcript = (role: 'user' | 'bot', texts: readonly string[]) => {
    if (!widget.transcripts || !isMessage) return;
    const at = Date.now();
    const lines = texts
      .filter((text) => text !== '')
      .map((text) => ({ widgetId: widget.id, sessionId: chat.sessionId, role, text, at }));
    if (lines.length === 0) return;
    ctx.store
      .saveTranscript(lines)
      .catch(() => ctx.logger.warn('transcript write failed', { widgetId: widget.id }));
  };

  transcript('user', [chat.chatInput ?? '']);

  const body =
    ctx.upload?.body ??
    JSON.stringify({
      action: chat.action,
      sessionId: chat.sessionId,
      ...(chat.chatInput !== undefined ? { chatInput: chat.chatInput } : {}),
      ...(chat.metadata !== undefined ? { metadata: chat.metadata } : {}),
    });

  let response: Awaited<ReturnType<typeof postToWebhook>>;
  try {
    response = await postToWebhook(
      {
        webhookUrl: widget.webhookUrl,
        body,
        contentType: ctx.upload?.contentType,
        accept: ctx.accept,
        allowPrivate: ctx.allowPrivate,
        requestTimeoutMs: Math.min(limits.requestTimeoutMs, limits.maxReplyMs),
        signal: ctx.signal,
      },
      ctx.agents,
    );
  } catch (error) {
    const kind = error instanceof UpstreamError ? error.kind : 'network';
    ctx.logger.warn('webhook request failed', {
      widgetId: widget.id,
      reason: kind,
      // An error code or a timeout's length; never the webhook URL.
      ...(error instanceof UpstreamError ? { detail: error.message } : {}),
    });
    if (kind === 'aborted') {
      release();
      return errorResponse(499, 'client_closed');
    }
    if (kind === 'timeout') {
      const deadline = limits.maxReplyMs <= limits.requestTimeoutMs;
      return failed(
        deadline ? 'reply_deadline' : 'timeout',
        errorResponse(504, 'upstream_timeout', { withStatus: true }),
      );
    }
    if (kind === 'blocked') {
      return failed(
        'blocked_address',
        errorResponse(502, 'upstream_blocked', {
          withStatus: true,
          message: 'the webhook address is not allowed by this server',
        }),
      );
    }
    return failed('network', errorResponse(502, 'upstream_unreachable', { withStatus: true }));
  }

  const source = new ChunkSource(response, startedAt + limits.maxReplyMs);
  const onClientGone = () => source.destroy();
  ctx.signal.addEventListener('abort', onClientGone, { once: true });
  const done = () => {
    ctx.signal.removeEventListener('abort', onClientGone);
    release();
  };
  /** The webhook went quiet, ran out of time or broke off before its reply was complete. */
  const brokeOff = (reason: 'idle' | 'deadline' | 'error'): Response => {
    source.destroy();
    if (ctx.signal.aborted) {
      done();
      return errorResponse(499, 'client_closed');
    }
    ctx.logger.warn('webhook reply broke off', { widgetId: widget.id, reason });
    if (reason === 'error') {
      record({ kind: 'error', errorKind: 'network' });
      done();
      return errorResponse(502, 'upstream_unreachable', { withStatus: true });
    }
    record({ kind: 'error', errorKind: reason === 'idle' ? 'timeout' : 'reply_deadline' });
    done();
    return errorResponse(504, 'upstream_timeout', {
      withStatus: true,
      ...(reason === 'deadline'
        ? { message: `the reply took longer than ${seconds(limits.maxReplyMs)}` }
        : {}),
    });
  };

  const status = response.statusCode ?? 502;
  if (status < 200 || status >= 300 || status === 204) {
    source.destroy();
    const mapped =
      status === 204 ? { status: 502, code: 'upstream_bad_reply' } : mapUpstreamStatus(status);
    ctx.logger.warn('webhook answered with an error status', { widgetId: widget.id, status });
    record({ kind: 'error', errorKind: status === 204 ? 'bad_reply' : `http_${status}` });
    done();
    const retryAfter = status === 429 ? safeRetryAfter(response.headers['retry-after']) : undefined;
    return errorResponse(mapped.status, mapped.code, {
      withStatus: true,
      upstreamStatus: status,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }

  // Peek until the first line is complete: that tells a streamed reply from a whole one.
  const buffered: Uint8Array[] = [];
  let bufferedBytes = 0;
  let firstLine: string | null = null;
  let ended = false;
  while (firstLine === null) {
    const next = await source.next(limits.idleTimeoutMs);
    if (next.kind === 'chunk') {
      buffered.push(next.chunk);
      // A newline byte is never part of a multi-byte UTF-8 character: find it without decoding.
      const newline = next.chunk.indexOf(10);
      if (newline !== -1) {
        const lineBytes = bufferedBytes + newline;
        firstLine = utf8.decode(concat(buffered).subarray(0, lineBytes));
      }
      bufferedBytes += next.chunk.byteLength;
      if (firstLine === null && bufferedBytes > maxWholeReplyBytes) break;
    } else if (next.kind === 'done') {
      ended = true;
      break;
    } else return brokeOff(next.kind);
  }

  if (firstLine !== null && isStreamLine(firstLine)) {
    return streamReply({ ctx, source, buffered, startedAt, record, committed, transcript, done });
  }

  // A whole reply: read it all (bounded), and pass it on only if it is JSON.
  while (!ended && bufferedBytes <= maxWholeReplyBytes) {
    const next = await source.next(limits.idleTimeoutMs);
    if (next.kind === 'chunk') {
      buffered.push(next.chunk);
      bufferedBytes += next.chunk.byteLength;
    } else if (next.kind === 'done') ended = true;
    else return brokeOff(next.kind);
  }
  if (!ended) {
    source.destroy();
    record({ kind: 'error', errorKind: 'bad_reply' });
    done();
    return errorResponse(502, 'upstream_bad_reply', {
      withStatus: true,
      message: 'reply too large',
    });
  }
  const bytes = concat(buffered);
  const text = utf8.decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    ctx.logger.warn('webhook reply is not JSON', { widgetId: widget.id, bytes: bytes.byteLength });
    record({ kind: 'error', errorKind: 'bad_reply' });
    done();
    return errorResponse(502, 'upstream_bad_reply', { withStatus: true });
  }
  const texts = wholeReplyTexts(value);
  const executionId = executionStartedId(value);
  // The replies come over the execution's socket, each counted there; this is the message alone.
  if (executionId !== undefined) ctx.onExecutionStarted?.(executionId);
  else if (texts === undefined) record({ kind: 'error', errorKind: 'bad_reply' });
  else {
    record({
      kind: 'response',
      latencyMs: Math.round(performance.now() - startedAt),
      streamed: false,
    });
    transcript('bot', texts);
  }
  done();
  // The browser gets n8n's button links sealed, never the webhook's origin (button-links.ts).
  const scope = { widgetId: widget.id, sessionId: chat.sessionId, webhookUrl: widget.webhookUrl };
  const sealed = rewriteReplyButtons(value, scope);
  const outgoing = ctx.outgoing;
  if (outgoing) {
    // On Node the reply is written at once, with its length: no web Response in between.
    // Text, not bytes: Node then sends the headers and the reply in one write.
    const reply = sealed === undefined ? text : JSON.stringify(sealed);
    await committed();
    outgoing.writeHead(200, {
      ...wholeReplyHeaders,
      ...ctx.responseHeaders,
      'content-length': String(Buffer.byteLength(reply)),
    });
    outgoing.end(reply);
    return alreadySentResponse();
  }
  return new Response(sealed === undefined ? bytes : JSON.stringify(sealed), {
    status: 200,
    headers: wholeReplyHeaders,
  });
}
