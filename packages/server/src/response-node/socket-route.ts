import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AppContext } from '../app-context.js';
import { resolveLimits } from '../limits.js';
import { sessionIdPattern } from '../protocol.js';
import { rewriteButtonLinks } from '../proxy/button-links.js';
import { clientIp, rateLimitKey } from '../security/client-ip.js';
import { checkVisitor } from '../security/identity.js';
import { isOriginAllowed } from '../security/origin.js';
import { bridgeSockets } from './bridge.js';
import type { ExecutionRegistry } from './executions.js';

export interface SocketRouteOptions {
  /** No visitor or bot message for this long closes a socket, ms (default 15 min). */
  readonly idleMs?: number | undefined;
  /** The longest a socket lives, ms (default 2 h). */
  readonly maxMs?: number | undefined;
  /** Rewrites each bot message before the browser sees it. */
  readonly rewrite?: ((text: string, widgetId: string) => string) | undefined;
}

export interface UpgradeHandler {
  /** Takes an HTTP upgrade; false when the path is not a widget's socket route. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Ends every open socket (the server is shutting down). */
  close(): void;
}

const routePattern = /^\/v1\/widgets\/([A-Za-z0-9_-]{1,64})\/socket$/;
const executionIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Answers an upgrade with an HTTP error instead of a socket. */
function refuse(socket: Duplex, status: number, code: string): void {
  const body = JSON.stringify({ error: code });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * `GET /v1/widgets/:id/socket?sessionId&executionId[&identity]` (websocket): n8n's response-node
 * socket, through the server. Only the session (and identity) whose `/chat` started the
 * execution may open it; the widget's origin rules, rate limits, size cap and analytics apply.
 */
export function responseNodeSockets(
  ctx: AppContext,
  executions: ExecutionRegistry,
  options: SocketRouteOptions = {},
): UpgradeHandler {
  const servers = new Map<number, WebSocketServer>();
  const serverFor = (maxPayload: number) => {
    let wss = servers.get(maxPayload);
    if (!wss) {
      wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false });
      servers.set(maxPayload, wss);
    }
    return wss;
  };

  async function accept(req: IncomingMessage, socket: Duplex, head: Buffer, widgetId: string) {
    const widget = await ctx.widgets.get(widgetId);
    if (!widget || widget.disabled) return refuse(socket, 404, 'not_found');
    const origin = req.headers.origin;
    if (!isOriginAllowed(origin, widget.allowedOrigins))
      return refuse(socket, 403, 'origin_not_allowed');
    const limits = resolveLimits(ctx.defaults, widget.limits);
    const forwardedFor = req.headers['x-forwarded-for'];
    const ip = rateLimitKey(
      clientIp(
        req.socket.remoteAddress ?? '',
        {
          forwarded: req.headers.forwarded,
          xForwardedFor: Array.isArray(forwardedFor) ? forwardedFor.join(', ') : forwardedFor,
        },
        ctx.trustedProxies,
      ),
    );
    const early = await ctx.limiter.take([
      { key: `chat-ip:${widget.id}:${ip}`, perMinute: limits.perIpPerMinute },
    ]);
    if (!early.ok) return refuse(socket, 429, 'rate_limited');

    const query = new URL(req.url ?? '/', 'http://server.local').searchParams;
    const sessionId = query.get('sessionId') ?? '';
    const executionId = query.get('executionId') ?? '';
    if (!sessionIdPattern.test(sessionId)) return refuse(socket, 400, 'invalid_session_id');
    if (!executionIdPattern.test(executionId)) return refuse(socket, 400, 'bad_request');
    const owner = executions.owner(widget.id, executionId);
    if (!owner) return refuse(socket, 404, 'unknown_execution');
    if (owner.sessionId !== sessionId) return refuse(socket, 403, 'session_mismatch');
    const token = query.get('identity');
    const visitor = await checkVisitor(
      ctx.store,
      widget,
      token ? `Bearer ${token}` : undefined,
      sessionId,
    );
    if (!visitor.ok) return refuse(socket, visitor.status, visitor.code);
    if ((visitor.user?.id ?? null) !== owner.sub)
      return refuse(socket, 403, 'session_identity_mismatch');

    serverFor(limits.maxBodyBytes).handleUpgrade(req, socket, head, (browser) =>
      bridgeSockets(browser, {
        ctx,
        executions,
        widget,
        limits,
        sessionId,
        executionId,
        ip,
        idleMs: options.idleMs ?? 15 * 60 * 1000,
        maxMs: options.maxMs ?? 2 * 60 * 60 * 1000,
        rewrite: (text) => {
          // n8n's button links on the webhook's origin are sealed, as in whole replies.
          const scope = { widgetId: widget.id, sessionId, webhookUrl: widget.webhookUrl };
          const sealed = rewriteButtonLinks(text, scope);
          return options.rewrite?.(sealed, widget.id) ?? sealed;
        },
      }),
    );
  }

  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = routePattern.exec(new URL(req.url ?? '/', 'http://server.local').pathname);
    if (!match) return false;
    socket.on('error', () => socket.destroy());
    accept(req, socket, head, match[1]!).catch((error: unknown) => {
      ctx.logger.error('socket upgrade failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      refuse(socket, 500, 'internal_error');
    });
    return true;
  };
  return {
    handle,
    close() {
      for (const wss of servers.values()) {
        for (const client of wss.clients) client.close(1001, 'server shutting down');
        wss.close();
      }
    },
  };
}
