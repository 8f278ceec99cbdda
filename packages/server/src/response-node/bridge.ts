import type { WebSocket } from 'ws';
import type { AppContext } from '../app-context.js';
import { uploadRulesOf } from '../proxy/upload-rules.js';
import type { AnalyticsRecord, WidgetLimits, WidgetRecord } from '../store/types.js';
import { socketCloseCodes as codes } from './close-codes.js';
import type { ExecutionRegistry } from './executions.js';
import { openUpstreamSocket } from './upstream-socket.js';
import { readVisitorFrame } from './visitor-frame.js';

export interface BridgeOptions {
  readonly ctx: AppContext;
  readonly executions: ExecutionRegistry;
  readonly widget: WidgetRecord;
  readonly limits: WidgetLimits;
  readonly sessionId: string;
  readonly executionId: string;
  /** The visitor's rate-limit key. */
  readonly ip: string;
  /** No visitor or bot message for this long closes the socket, ms. */
  readonly idleMs: number;
  /** The longest a socket lives, ms. */
  readonly maxMs: number;
  /** Rewrites a bot message before the browser sees it (button links through the server). */
  readonly rewrite: (text: string) => string;
}

const controlFrames = new Set(['n8n|heartbeat', 'n8n|continue']);
/** Largest frame taken from n8n (a whole reply's cap on /chat). */
const maxUpstreamFrameBytes = 1024 * 1024;

/**
 * Joins a browser's socket to n8n's socket for the same execution: frames pass through as n8n
 * sends them, the visitor's messages are checked, rate-limited and counted like `/chat` messages,
 * the bot's like replies; idle or overlong sockets are closed.
 */
export function bridgeSockets(browser: WebSocket, options: BridgeOptions): void {
  const { ctx, widget, limits, sessionId } = options;
  const record = (fields: Omit<AnalyticsRecord, 'widgetId' | 'at' | 'sessionId'>) =>
    ctx.recorder.record({ widgetId: widget.id, sessionId, at: Date.now(), ...fields });
  const transcript = (role: 'user' | 'bot', text: string) => {
    if (!widget.transcripts || text === '') return;
    ctx.store
      .saveTranscript([{ widgetId: widget.id, sessionId, role, text, at: Date.now() }])
      .catch(() => ctx.logger.warn('transcript write failed', { widgetId: widget.id }));
  };
  let askedAt = performance.now();
  let closed = false;

  const upstream = openUpstreamSocket({
    webhookUrl: widget.webhookUrl,
    sessionId,
    executionId: options.executionId,
    allowPrivate: ctx.allowPrivateWebhooks,
    maxPayload: maxUpstreamFrameBytes,
    openTimeoutMs: limits.requestTimeoutMs,
  });
  const end = (code: number | undefined, reason: string) => {
    if (closed) return;
    closed = true;
    clearTimeout(idle);
    clearTimeout(lifetime);
    if (code === undefined) browser.close();
    else browser.close(code, reason);
    if (upstream && upstream.readyState <= 1) upstream.close(1000);
  };
  if (!upstream) {
    record({ kind: 'error', errorKind: 'blocked_address' });
    end(codes.upstreamUnreachable, 'the webhook address is not allowed');
    return;
  }

  let idle = setTimeout(() => end(codes.idle, 'idle'), options.idleMs);
  const lifetime = setTimeout(() => end(codes.idle, 'too long'), options.maxMs);
  const active = () => {
    clearTimeout(idle);
    idle = setTimeout(() => end(codes.idle, 'idle'), options.idleMs);
  };

  // The visitor's frames go out in order, each after its rate check; early ones wait for the open.
  let queue: Promise<void> = new Promise((ready) => upstream.once('open', () => ready()));
  browser.on('message', (data, isBinary) => {
    if (isBinary) return end(codes.badFrame, 'text frames only');
    const frame = readVisitorFrame(data.toString(), sessionId, uploadRulesOf(widget.config));
    if (frame.kind === 'bad') return end(codes.badFrame, frame.reason);
    queue = queue.then(async () => {
      if (closed) return;
      if (frame.kind === 'ack') return upstream.send('n8n|heartbeat-ack');
      const verdict = await ctx.limiter.take([
        { key: `chat-ip:${widget.id}:${options.ip}`, perMinute: limits.perIpPerMinute },
        { key: `chat-widget:${widget.id}`, perMinute: limits.perWidgetPerMinute },
        { key: `chat-session:${widget.id}:${sessionId}`, perMinute: limits.perSessionPerMinute },
      ]);
      if (closed) return;
      if (!verdict.ok) {
        record({ kind: 'error', errorKind: 'rate_limited' });
        return end(codes.rateLimited, 'too many messages');
      }
      record({ kind: 'message' });
      // One row per file, for counts only (as /chat does).
      for (let i = 0; i < frame.files; i++) record({ kind: 'file' });
      transcript('user', frame.text);
      askedAt = performance.now();
      active();
      upstream.send(frame.json);
    });
  });
  browser.on('close', () => end(undefined, ''));
  browser.on('error', () => end(undefined, ''));

  upstream.on('message', (data, isBinary) => {
    if (isBinary || closed) return;
    const text = data.toString();
    if (controlFrames.has(text)) return browser.send(text);
    record({
      kind: 'response',
      latencyMs: Math.round(performance.now() - askedAt),
      streamed: false,
    });
    active();
    transcript('bot', text);
    browser.send(options.rewrite(text));
  });
  upstream.on('close', (code) => {
    if (closed) return;
    // n8n ends an execution with no status (1005); 1006 is its error or cancel, or a broken link.
    if (code === 1005 || code === 1000) {
      options.executions.ended(widget.id, options.executionId);
      return end(code === 1005 ? undefined : 1000, '');
    }
    if (code === 1008) return end(1008, 'refused by the bot');
    record({ kind: 'error', errorKind: 'network' });
    end(codes.upstreamLost, 'the connection to the bot was lost');
  });
  upstream.on('unexpected-response', (_request, response) => {
    if (closed) return;
    ctx.logger.warn('webhook socket refused', { widgetId: widget.id, status: response.statusCode });
    record({ kind: 'error', errorKind: `http_${response.statusCode ?? 502}` });
    end(codes.upstreamUnreachable, 'the bot refused the socket');
  });
  upstream.on('error', () => {
    if (closed) return;
    if (upstream.readyState === 0 || upstream.readyState === 3) {
      record({ kind: 'error', errorKind: 'network' });
      end(codes.upstreamUnreachable, 'the bot could not be reached');
    }
  });
}
