import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { buttonsReply, waitingPath } from './buttons.js';
import { Exchange } from './exchange.js';
import { type FaultName, faultNames, isFaultName, runFault } from './faults.js';
import { SessionHistory } from './history.js';
import { beginLine, chunkMetadata, endLine, itemLine, splitText } from './ndjson.js';
import { defaultReply, faultCommand, type ReplyFunction } from './replies.js';
import { BodyTooLargeError, type ChatFields, parseBody, readBody } from './request-body.js';
import { ResponseNodeExecutions, type SocketMessage } from './response-node.js';

export interface BotOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Reply mode when the request does not choose one; default 'whole'. */
  mode?: 'whole' | 'stream';
  /** Characters per streamed item; default 4. */
  chunkSize?: number;
  /** Pause between streamed items in ms; default 15. */
  delayMs?: number;
  /** Answers a message; default echoes `You said: <chatInput>` and knows /markdown, /long, /help. */
  reply?: ReplyFunction;
  /** Response-node executions: heartbeat period in ms (default 30000, as n8n); `?heartbeatMs=` wins. */
  heartbeatMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export interface Bot {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** `${url}/webhook`: normal replies. */
  webhookUrl: string;
  /** `${url}/webhook/fault/${name}`: a broken reply. */
  faultUrl(name: FaultName): string;
  /** `${url}/webhook/response-node`: a Chat Trigger in response-nodes mode (socket at `${url}/chat`). */
  responseNodeUrl: string;
  /** What visitors sent over response-node sockets, newest last. */
  socketMessages: SocketMessage[];
  /** Response-node sockets open now. */
  openSockets(): number;
  /** Every request to a webhook route, newest last (not preflights, not /requests or /healthz). */
  requests: RecordedRequest[];
  /** Forgets recorded requests and stored sessions. */
  reset(): void;
  /** Ends open responses and connections, then stops listening. */
  close(): Promise<void>;
}

interface Settings {
  mode: 'whole' | 'stream';
  chunkSize: number;
  delayMs: number;
  reply: ReplyFunction;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Content-Type, Content-Length');
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS, DELETE');
  res.setHeader('Access-Control-Allow-Headers', requested || 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  res.writeHead(204);
  res.end();
}

function numberParam(value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? Math.max(min, parsed) : fallback;
}

function wantsStream(query: Record<string, string>, fallback: 'whole' | 'stream'): boolean {
  const stream = query.stream?.toLowerCase();
  if (stream === '1' || stream === 'true') return true;
  if (stream === '0' || stream === 'false') return false;
  if (query.mode === 'stream') return true;
  if (query.mode === 'whole') return false;
  return fallback === 'stream';
}

function notRegistered(ex: Exchange, method: string, path: string): void {
  const name = path.replace(/^\/webhook\/?/, '') || path;
  ex.json(404, {
    code: 404,
    message: `The requested webhook "${method} ${name}" is not registered.`,
    hint: 'The local bot answers POST /webhook, /webhook/slow and /webhook/fault/<name>.',
  });
}

/** Starts the local bot. Resolves once it listens; rejects with a readable error if it cannot. */
export function startBot(options: BotOptions = {}): Promise<Bot> {
  const settings: Settings = {
    mode: options.mode ?? 'whole',
    chunkSize: Math.max(1, options.chunkSize ?? 4),
    delayMs: Math.max(0, options.delayMs ?? 15),
    reply: options.reply ?? defaultReply,
  };
  const host = options.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const history = new SessionHistory();
  const exchanges = new Set<Exchange>();
  const sockets = new Set<Socket>();
  const responseNode = new ResponseNodeExecutions({
    heartbeatMs: Math.max(10, options.heartbeatMs ?? 30_000),
    promptDelayMs: 30,
  });

  async function streamReply(ex: Exchange, text: string, query: Record<string, string>) {
    const size = numberParam(query.chunk, settings.chunkSize, 1);
    const delay = numberParam(query.delay, settings.delayMs, 0);
    if (!ex.startStream()) return false;
    const meta = chunkMetadata();
    if (!ex.write(beginLine(meta))) return false;
    for (const [index, piece] of splitText(text, size).entries()) {
      if (index > 0 && !(await ex.sleep(delay))) return false;
      if (!ex.write(itemLine(piece, meta))) return false;
    }
    if (!ex.open) return false;
    ex.end(endLine(meta));
    return true;
  }

  async function chat(ex: Exchange, fields: ChatFields, query: Record<string, string>) {
    if (fields.action === 'loadPreviousSession') {
      return ex.json(200, { data: history.load(fields.sessionId) });
    }
    const command = faultCommand(fields.chatInput);
    if (command !== undefined && isFaultName(command)) return runFault(ex, command);
    const buttons = buttonsReply(fields.chatInput, `http://${ex.req.headers.host ?? host}`);
    let text: string;
    try {
      text =
        buttons !== undefined
          ? buttons
          : command !== undefined
            ? `There is no fault called "${command}". Try one of: ${faultNames.join(', ')}.`
            : await settings.reply({
                chatInput: fields.chatInput,
                sessionId: fields.sessionId,
                metadata: fields.metadata,
                ...(fields.files ? { files: fields.files } : {}),
              });
    } catch (error) {
      return ex.json(500, {
        code: 0,
        message: 'Error in workflow',
        hint: error instanceof Error ? error.message : String(error),
      });
    }
    if (wantsStream(query, settings.mode)) {
      if (!(await streamReply(ex, text, query))) return;
    } else {
      ex.json(200, { output: text });
    }
    history.record(fields.sessionId, fields.chatInput, text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    setCors(req, res);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return answerPreflight(req, res);

    const url = new URL(req.url ?? '/', 'http://bot.local');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const ex = new Exchange(req, res);
    exchanges.add(ex);
    res.on('close', () => exchanges.delete(ex));

    if (path === '/healthz') return ex.json(200, { status: 'ok' });
    if (path === '/requests') {
      if (method === 'DELETE') {
        reset();
        res.writeHead(204);
        return res.end();
      }
      return ex.json(200, requests);
    }

    let bytes: Buffer;
    try {
      bytes = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    } catch (error) {
      const recorded = { method, path, query, headers: flatHeaders(req), body: null };
      requests.push({ ...recorded, at: Date.now() });
      if (error instanceof BodyTooLargeError) {
        return ex.json(413, { code: 413, message: 'request entity too large' });
      }
      return ex.destroy();
    }
    const body = await parseBody(req, bytes);
    requests.push({
      method,
      path,
      query,
      headers: flatHeaders(req),
      body: body.recorded,
      at: Date.now(),
    });

    if (method === 'GET' && path.startsWith(waitingPath)) return ex.json(200, { resumed: true });
    const faultMatch = /^\/webhook\/fault\/([^/]+)$/.exec(path);
    const isChatRoute =
      path === '/webhook' ||
      path === '/webhook/slow' ||
      path === '/webhook/response-node' ||
      faultMatch !== null;
    if (method !== 'POST' || !isChatRoute) return notRegistered(ex, method, path);
    if (body.error !== undefined) return ex.json(400, { code: 400, message: body.error });
    const fields = body.chat ?? { sessionId: '', chatInput: '' };

    if (faultMatch) {
      const name = decodeURIComponent(faultMatch[1] ?? '');
      if (!isFaultName(name)) {
        return ex.json(404, {
          code: 404,
          message: `There is no fault called "${name}".`,
          hint: `Known faults: ${faultNames.join(', ')}`,
        });
      }
      // History loads still work on a fault URL unless asked to fail too.
      const historyLoad = fields.action === 'loadPreviousSession' && query.faultHistory !== '1';
      if (historyLoad) return chat(ex, fields, query);
      const stallMs = query.stallMs === undefined ? undefined : numberParam(query.stallMs, 0, 0);
      return runFault(ex, name, stallMs === undefined ? {} : { stallMs });
    }
    if (path === '/webhook/response-node' && fields.action !== 'loadPreviousSession') {
      const origin = `http://${ex.req.headers.host ?? host}`;
      return ex.json(200, responseNode.start(fields.sessionId, fields.chatInput, query, origin));
    }
    if (path === '/webhook/slow' && fields.action !== 'loadPreviousSession') {
      if (!(await ex.sleep(numberParam(query.ms, 1000, 0)))) return;
      return chat(ex, fields, { stream: '0', ...query });
    }
    return chat(ex, fields, query);
  }

  function reset(): void {
    requests.length = 0;
    history.clear();
    responseNode.reset();
  }

  const server = createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[cwp-bot] request failed:', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 500, message: 'Local bot error' }));
      } else {
        res.destroy();
      }
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!responseNode.upgrade(req, socket, head)) socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise<Bot>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host}:${options.port ?? 0}`;
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${options.port} on ${host} is already in use`, { cause: error }));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new Error(`Cannot listen on ${where}: no such local address`, { cause: error }));
      } else {
        reject(new Error(`Cannot listen on ${where}: ${error.message}`, { cause: error }));
      }
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const shownHost =
        host === '0.0.0.0'
          ? '127.0.0.1'
          : host === '::'
            ? '[::1]'
            : host.includes(':')
              ? `[${host}]`
              : host;
      const url = `http://${shownHost}:${port}`;
      let closing: Promise<void> | undefined;
      resolve({
        url,
        webhookUrl: `${url}/webhook`,
        faultUrl: (name) => `${url}/webhook/fault/${name}`,
        responseNodeUrl: `${url}/webhook/response-node`,
        socketMessages: responseNode.messages,
        openSockets: () => responseNode.openSockets,
        requests,
        reset,
        close() {
          closing ??= new Promise<void>((done) => {
            for (const ex of exchanges) ex.abort();
            responseNode.close();
            server.close(() => done());
            server.closeAllConnections();
            for (const socket of sockets) socket.destroy();
          });
          return closing;
        },
      });
    });
  });
}
