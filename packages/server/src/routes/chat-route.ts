import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import type { AppContext } from '../app-context.js';
import { errorResponse } from '../http-error.js';
import { resolveLimits } from '../limits.js';
import { maxChatInputLength, sessionIdPattern } from '../protocol.js';
import { type ChatRequest, forwardChat } from '../proxy/forward.js';
import { parseJsonBody, readLimitedBody } from '../proxy/read-body.js';
import { isAlreadySent } from '../proxy/stream-reply.js';
import {
  type IncomingUpload,
  receiveUpload,
  type UploadOutcome,
  type UploadRefusal,
} from '../proxy/upload.js';
import { uploadRulesOf } from '../proxy/upload-rules.js';
import type { AbortNotice } from '../proxy/upstream.js';
import { checkVisitor, metadataWithVisitor } from '../security/identity.js';
import type { WidgetLimits, WidgetRecord } from '../store/types.js';
import { corsHeaders, visitorKey, type WidgetGuard, withHeaders } from './widget-guard.js';

/** One chat POST, as either the Hono route or the Node fast path (chat-fast-path.ts) sees it. */
export interface ChatExchange {
  readonly widgetId: string;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** The socket's peer address (undefined off Node). */
  readonly peer: string | undefined;
  /** The raw Node request when there is one (cheaper to read), else the web Request. */
  readonly body: IncomingMessage | Request;
  /** The Node response, when there is one: replies are written to it directly. */
  readonly outgoing: ServerResponse | undefined;
  /** Aborted when the client goes away before the answer is complete. */
  clientGone(): AbortNotice;
}

/** Answers a chat POST; a reply already written to `outgoing` answers with the x-hono-already-sent header. */
export type ChatHandler = (exchange: ChatExchange) => Promise<Response>;

const chatSchema = v.object({
  action: v.optional(
    v.picklist(
      ['sendMessage', 'loadPreviousSession'],
      'action must be sendMessage or loadPreviousSession',
    ),
    'sendMessage',
  ),
  sessionId: v.pipe(
    v.string('sessionId must be a string'),
    v.regex(sessionIdPattern, 'sessionId must be 1-128 letters, digits, _ or -'),
  ),
  chatInput: v.optional(
    v.pipe(
      v.string('chatInput must be a string'),
      v.maxLength(maxChatInputLength, `chatInput must be at most ${maxChatInputLength} characters`),
    ),
  ),
  metadata: v.optional(v.record(v.string(), v.unknown(), 'metadata must be an object')),
});

/** A multipart message for a widget that takes files (415 for one that does not). */
function receiveMultipart(
  body: IncomingMessage | Request,
  widget: WidgetRecord,
  contentType: string,
  maxFieldBytes: number,
): Promise<IncomingUpload | UploadRefusal> {
  const rules = uploadRulesOf(widget.config);
  if (rules === null) {
    return Promise.resolve({
      status: 415,
      code: 'uploads_not_allowed',
      message: 'this widget does not accept files',
    });
  }
  return receiveUpload(body, contentType, rules, maxFieldBytes);
}

/** A multipart message's text fields as the JSON body would carry them. */
function chatFields(fields: Readonly<Record<string, string>>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const key of ['action', 'sessionId', 'chatInput'] as const)
    if (fields[key] !== undefined) value[key] = fields[key];
  if (fields.metadata !== undefined) {
    const metadata = parseJsonBody(new TextEncoder().encode(fields.metadata));
    value.metadata = metadata.ok ? metadata.value : fields.metadata;
  }
  return value;
}

/** The text parts the webhook gets before the files, as n8n's chat sends them. */
function uploadFields(
  chat: { action: string; sessionId: string; chatInput?: string | undefined },
  metadata: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  return {
    action: chat.action,
    sessionId: chat.sessionId,
    chatInput: chat.chatInput ?? '',
    ...(metadata === undefined ? {} : { metadata: JSON.stringify(metadata) }),
  };
}

export function chatHandler(ctx: AppContext, guard: WidgetGuard): ChatHandler {
  // A cached widget record is reused for a while: its limits are resolved once, not per message.
  const limitsOf = new WeakMap<WidgetRecord, WidgetLimits>();
  const resolvedLimits = (widget: WidgetRecord) => {
    let limits = limitsOf.get(widget);
    if (!limits) {
      limits = resolveLimits(ctx.defaults, widget.limits);
      limitsOf.set(widget, limits);
    }
    return limits;
  };

  return async (exchange) => {
    const result = await guard({
      widgetId: exchange.widgetId,
      origin: exchange.header('origin'),
      preflight: false,
    });
    if ('response' in result) return result.response;
    const { widget, origin } = result;
    const cors = corsHeaders(origin);
    // A reply already written carried these headers; its shared marker is left alone.
    let answer = (response: Response) =>
      isAlreadySent(response) ? response : withHeaders(response, cors);
    const limits = resolvedLimits(widget);
    const ip = visitorKey(ctx, exchange.peer, {
      forwarded: exchange.header('forwarded'),
      xForwardedFor: exchange.header('x-forwarded-for'),
    });
    // One row per file, for counts: never a name, a size or a byte of the contents.
    const recordFiles = (outcome: UploadOutcome, sessionId: string) => {
      if (!outcome.ok || outcome.files === 0) return;
      const at = Date.now();
      const row = { widgetId: widget.id, at, sessionId, kind: 'file' } as const;
      ctx.recorder.record(Array.from({ length: outcome.files }, () => row));
    };
    const limited = (retryAfterSeconds: number, message: string) =>
      answer(
        errorResponse(429, 'rate_limited', { retryAfter: String(retryAfterSeconds), message }),
      );

    const early = await ctx.limiter.take([
      { key: `chat-ip:${widget.id}:${ip}`, perMinute: limits.perIpPerMinute },
      { key: `chat-widget:${widget.id}`, perMinute: limits.perWidgetPerMinute },
    ]);
    if (!early.ok) {
      return limited(
        early.retryAfterSeconds,
        early.refused === 0
          ? 'too many messages from this address'
          : 'too many messages for this widget',
      );
    }

    const contentType = exchange.header('content-type') ?? '';
    let upload: IncomingUpload | undefined;
    let value: unknown;
    if (/^multipart\/form-data/i.test(contentType)) {
      const received = await receiveMultipart(
        exchange.body,
        widget,
        contentType,
        limits.maxBodyBytes,
      );
      if ('status' in received)
        return answer(errorResponse(received.status, received.code, { message: received.message }));
      upload = received;
      value = chatFields(received.fields);
      // Anything refused from here on drops the rest of the upload unread.
      const plain = answer;
      answer = (response: Response) => {
        upload?.discard();
        return plain(response);
      };
    } else {
      const body = await readLimitedBody(exchange.body, limits.maxBodyBytes);
      if (!body.ok) {
        return body.reason === 'too_large'
          ? answer(
              errorResponse(413, 'payload_too_large', {
                message: `the body must be at most ${limits.maxBodyBytes} bytes`,
              }),
            )
          : answer(errorResponse(400, 'bad_request'));
      }
      const json = parseJsonBody(body.bytes);
      if (!json.ok)
        return answer(errorResponse(400, 'bad_request', { message: 'the body must be JSON' }));
      value = json.value;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return answer(
        errorResponse(400, 'bad_request', { message: 'the body must be a JSON object' }),
      );
    }
    const parsed = v.safeParse(chatSchema, value);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue?.path?.[0]?.key;
      const code = field === 'sessionId' ? 'invalid_session_id' : 'bad_request';
      return answer(errorResponse(400, code, { message: issue?.message ?? 'invalid body' }));
    }
    const chat = parsed.output;
    if (chat.action === 'sendMessage' && chat.chatInput === undefined) {
      return answer(errorResponse(400, 'bad_request', { message: 'chatInput is required' }));
    }
    const visitor = await checkVisitor(
      ctx.store,
      widget,
      exchange.header('authorization'),
      chat.sessionId,
    );
    if (!visitor.ok) {
      return answer(errorResponse(visitor.status, visitor.code, { message: visitor.message }));
    }
    const metadata = metadataWithVisitor(chat.metadata, visitor.user);
    const perSession = await ctx.limiter.take([
      { key: `chat-session:${widget.id}:${chat.sessionId}`, perMinute: limits.perSessionPerMinute },
    ]);
    if (!perSession.ok)
      return limited(perSession.retryAfterSeconds, 'too many messages in this session');

    const release = await ctx.limiter.enter(widget.id, limits.maxConcurrentStreams);
    if (!release) {
      return answer(
        errorResponse(429, 'too_many_streams', {
          retryAfter: '1',
          message: 'too many replies in flight for this widget',
        }),
      );
    }
    const clientGone = exchange.clientGone();
    // An upload refused mid-stream cuts the webhook request off too.
    const refusal = upload ? new AbortController() : undefined;
    if (refusal) clientGone.addEventListener('abort', () => refusal.abort(), { once: true });
    const outgoingUpload = upload?.start(uploadFields(chat, metadata));
    const forwarded = forwardChat({
      widget,
      limits,
      chat: { ...chat, metadata } as ChatRequest,
      accept: 'application/json, application/x-ndjson, */*;q=0.5',
      signal: refusal?.signal ?? clientGone,
      upload: outgoingUpload,
      allowPrivate: ctx.allowPrivateWebhooks,
      agents: ctx.agents,
      recorder: ctx.recorder,
      store: ctx.store,
      logger: ctx.logger,
      release,
      outgoing: exchange.outgoing,
      responseHeaders: cors,
      onExecutionStarted: (executionId) =>
        ctx.executions.started(widget.id, executionId, {
          sessionId: chat.sessionId,
          sub: visitor.user?.id ?? null,
        }),
    });
    if (!upload || !refusal) return answer(await forwarded);
    const first = await Promise.race([
      forwarded.then((response) => ({ response })),
      upload.outcome,
    ]);
    if ('response' in first) {
      void upload.outcome.then((outcome) => recordFiles(outcome, chat.sessionId));
      return answer(first.response);
    }
    if (!first.ok) {
      // The upload broke a rule mid-stream: the webhook request is cut off, the visitor told why.
      refusal.abort();
      await forwarded;
      ctx.recorder.record({
        widgetId: widget.id,
        at: Date.now(),
        sessionId: chat.sessionId,
        kind: 'error',
        errorKind: first.refusal.code,
      });
      const { status, code, message } = first.refusal;
      return answer(errorResponse(status, code, { message }));
    }
    recordFiles(first, chat.sessionId);
    return answer(await forwarded);
  };
}
