import type { Context } from 'hono';
import { Hono } from 'hono';
import * as v from 'valibot';
import { batchRecords, batchSchema } from '../analytics/event-batch.js';
import type { AppContext } from '../app-context.js';
import { errorResponse } from '../http-error.js';
import { resolveLimits } from '../limits.js';
import {
  maxChatInputLength,
  type PublicWidgetConfigResponse,
  sessionIdPattern,
} from '../protocol.js';
import { type ChatRequest, forwardChat } from '../proxy/forward.js';
import { readLimitedBody } from '../proxy/read-body.js';
import {
  type IncomingUpload,
  receiveUpload,
  type UploadOutcome,
  type UploadRefusal,
} from '../proxy/upload.js';
import { uploadRulesOf } from '../proxy/upload-rules.js';
import { publicConfig } from '../public-config.js';
import { clientIp, rateLimitKey } from '../security/client-ip.js';
import { checkVisitor, metadataWithVisitor } from '../security/identity.js';
import { isOriginAllowed } from '../security/origin.js';
import { type Refusal, refusalLog } from '../security/refusal-log.js';
import type { WidgetRecord } from '../store/types.js';
import { bodySource, clientGoneSignal, type NodeEnv, peerAddress } from './node-request.js';

type Env = NodeEnv;

const widgetIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin
    ? {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'retry-after',
        vary: 'Origin',
      }
    : { vary: 'Origin' };
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

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
  c: Context<Env>,
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
  return receiveUpload(bodySource(c), contentType, rules, maxFieldBytes);
}

/** A multipart message's text fields as the JSON body would carry them. */
function chatFields(fields: Readonly<Record<string, string>>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const key of ['action', 'sessionId', 'chatInput'] as const)
    if (fields[key] !== undefined) value[key] = fields[key];
  if (fields.metadata !== undefined) {
    const metadata = parseJson(new TextEncoder().encode(fields.metadata));
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

export function widgetRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  /** Unknown, malformed and disabled ids all end here, with one answer. */
  async function findWidget(id: string): Promise<WidgetRecord | null> {
    if (!widgetIdPattern.test(id)) return null;
    const widget = await ctx.widgets.get(id);
    return widget && !widget.disabled ? widget : null;
  }

  /** The rate-limit key of the visitor: forwarded headers count only from trusted proxies. */
  function clientKey(c: Context<Env>): string {
    return rateLimitKey(
      clientIp(
        peerAddress(c),
        { forwarded: c.req.header('forwarded'), xForwardedFor: c.req.header('x-forwarded-for') },
        ctx.trustedProxies,
      ),
    );
  }

  type Guarded = { widget: WidgetRecord; origin: string | undefined } | { response: Response };

  const logRefusal = refusalLog(ctx.logger);

  /**
   * A refusal is readable by the page (its origin echoed, no credentials) so the widget can say
   * why it failed; the body is the error alone. A refused preflight stays opaque.
   */
  function refused(c: Context<Env>, refusal: Refusal, response: Response): Response {
    const origin = c.req.header('origin');
    logRefusal(refusal, c.req.param('id') ?? '', origin);
    if (c.req.method === 'OPTIONS') return response;
    return withHeaders(response, corsHeaders(origin));
  }

  async function guard(c: Context<Env>): Promise<Guarded> {
    const widget = await findWidget(c.req.param('id') ?? '');
    if (!widget) {
      return {
        response: refused(
          c,
          'not_found',
          errorResponse(404, 'not_found', {
            message: 'no widget with this id, or it is disabled',
          }),
        ),
      };
    }
    const origin = c.req.header('origin');
    if (!isOriginAllowed(origin, widget.allowedOrigins)) {
      return {
        response: refused(
          c,
          'origin_not_allowed',
          errorResponse(403, 'origin_not_allowed', {
            message: 'this origin is not allowed to use this widget',
          }),
        ),
      };
    }
    return { widget, origin };
  }

  app.options('/:id/:route{config|chat|events}', async (c) => {
    const result = await guard(c);
    if ('response' in result) return result.response;
    return new Response(null, {
      status: 204,
      headers: {
        ...corsHeaders(result.origin),
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, accept, authorization',
        'access-control-max-age': '600',
      },
    });
  });

  app.get('/:id/config', async (c) => {
    const result = await guard(c);
    if ('response' in result) return result.response;
    const body: PublicWidgetConfigResponse = {
      id: result.widget.id,
      config: publicConfig(result.widget.config, result.widget),
    };
    return new Response(JSON.stringify(body), {
      headers: {
        ...corsHeaders(result.origin),
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
      },
    });
  });

  app.post('/:id/chat', async (c) => {
    const result = await guard(c);
    if ('response' in result) return result.response;
    const { widget, origin } = result;
    const cors = corsHeaders(origin);
    let answer = (response: Response) => withHeaders(response, cors);
    const limits = resolveLimits(ctx.defaults, widget.limits);
    const ip = clientKey(c);
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

    const contentType = c.req.header('content-type') ?? '';
    let upload: IncomingUpload | undefined;
    let value: unknown;
    if (/^multipart\/form-data/i.test(contentType)) {
      const received = await receiveMultipart(c, widget, contentType, limits.maxBodyBytes);
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
      const body = await readLimitedBody(bodySource(c), limits.maxBodyBytes);
      if (!body.ok) {
        return body.reason === 'too_large'
          ? answer(
              errorResponse(413, 'payload_too_large', {
                message: `the body must be at most ${limits.maxBodyBytes} bytes`,
              }),
            )
          : answer(errorResponse(400, 'bad_request'));
      }
      const json = parseJson(body.bytes);
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
      c.req.header('authorization'),
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
    const refusal = new AbortController();
    const outgoingUpload = upload?.start(uploadFields(chat, metadata));
    const forwarded = forwardChat({
      widget,
      limits,
      chat: { ...chat, metadata } as ChatRequest,
      accept: 'application/json, application/x-ndjson, */*;q=0.5',
      signal: upload ? AbortSignal.any([clientGoneSignal(c), refusal.signal]) : clientGoneSignal(c),
      upload: outgoingUpload,
      allowPrivate: ctx.allowPrivateWebhooks,
      agents: ctx.agents,
      recorder: ctx.recorder,
      store: ctx.store,
      logger: ctx.logger,
      release,
      outgoing: c.env?.outgoing,
      responseHeaders: cors,
      onExecutionStarted: (executionId) =>
        ctx.executions.started(widget.id, executionId, {
          sessionId: chat.sessionId,
          sub: visitor.user?.id ?? null,
        }),
    });
    if (!upload) return answer(await forwarded);
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
  });

  app.post('/:id/events', async (c) => {
    const result = await guard(c);
    if ('response' in result) return result.response;
    const { widget, origin } = result;
    const answer = (response: Response) => withHeaders(response, corsHeaders(origin));
    const limits = resolveLimits(ctx.defaults, widget.limits);
    const ip = clientKey(c);
    const perIp = await ctx.limiter.take([
      { key: `events-ip:${widget.id}:${ip}`, perMinute: limits.perIpPerMinute },
    ]);
    if (!perIp.ok) {
      return answer(
        errorResponse(429, 'rate_limited', { retryAfter: String(perIp.retryAfterSeconds) }),
      );
    }
    const body = await readLimitedBody(bodySource(c), limits.maxBodyBytes);
    if (!body.ok) {
      return answer(
        body.reason === 'too_large'
          ? errorResponse(413, 'payload_too_large')
          : errorResponse(400, 'bad_request'),
      );
    }
    const json = parseJson(body.bytes);
    if (!json.ok)
      return answer(errorResponse(400, 'bad_request', { message: 'the body must be JSON' }));
    const parsed = v.safeParse(batchSchema, json.value);
    if (!parsed.success) {
      return answer(
        errorResponse(400, 'bad_request', {
          message: parsed.issues[0]?.message ?? 'invalid batch',
        }),
      );
    }
    const { records, accepted } = batchRecords(widget.id, parsed.output.events, Date.now());
    const { batchId } = parsed.output;
    if (batchId === undefined) {
      for (const record of records) ctx.recorder.record(record);
    } else {
      // Written before the answer, in one transaction with the batch id, so a retry of a batch
      // whose answer was lost is not counted again; a failed write asks the widget to retry.
      try {
        await ctx.store.recordAnalytics(records, { batchId: `events:${widget.id}:${batchId}` });
      } catch (error) {
        console.error(`analytics: writing an events batch failed (${String(error)})`);
        return answer(errorResponse(503, 'unavailable', { retryAfter: '5' }));
      }
    }
    return answer(
      new Response(JSON.stringify({ accepted, ignored: parsed.output.events.length - accepted }), {
        status: 202,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    );
  });

  return app;
}
