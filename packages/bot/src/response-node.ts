import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { buttonsReply } from './buttons.js';

/** n8n's websocket client for Node tests (Node 20 has no global WebSocket). */
export { WebSocket as WebSocketClient } from 'ws';

/**
 * n8n's Chat Trigger in response-nodes mode ("Respond to Chat"), as measured on n8n 1.123:
 * the POST answers `{executionStarted, executionId}`; the conversation goes on over a websocket at
 * the root `/chat?sessionId&executionId&isPublic=true`. The scripted workflow: a prompt that waits
 * for the visitor's reply (`/buttons` first: a with-buttons prompt), then `Echo: <reply>` (a node that does not wait: `n8n|continue`), then
 * the execution ends (close with no status: 1005).
 */
export interface ResponseNodeSettings {
  /** Heartbeat period; an execution whose heartbeats go unacked for two periods is cancelled (1006). */
  readonly heartbeatMs: number;
  /** Pause before the prompt, as n8n's message poll (default 30 ms here; ~3 s in n8n). */
  readonly promptDelayMs: number;
}

/** A message the visitor sent over the socket. */
export interface SocketMessage {
  readonly executionId: string;
  readonly sessionId: string;
  readonly body: unknown;
  readonly at: number;
}

interface Execution {
  readonly id: string;
  readonly sessionId: string;
  readonly chatInput: string;
  /** The bot's origin as the POST reached it (button links point there). */
  readonly origin: string;
  readonly heartbeatMs: number;
  readonly promptDelayMs: number;
  /** `drop=1`: the first socket is cut (1006) right after the prompt. */
  dropOnce: boolean;
  pendingPrompt: string | null;
  prompted: boolean;
  socket: WebSocket | null;
}

function numberOr(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export class ResponseNodeExecutions {
  readonly messages: SocketMessage[] = [];
  private readonly executions = new Map<string, Execution>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private nextId = 1;

  constructor(private readonly settings: ResponseNodeSettings) {}

  /** The POST: the execution starts and waits for its socket. */
  start(sessionId: string, chatInput: string, query: Record<string, string>, origin: string) {
    const id = String(this.nextId++);
    this.executions.set(id, {
      id,
      sessionId,
      chatInput,
      origin,
      heartbeatMs: numberOr(query.heartbeatMs, this.settings.heartbeatMs),
      promptDelayMs: numberOr(query.promptDelayMs, this.settings.promptDelayMs),
      dropOnce: query.drop === '1',
      pendingPrompt: null,
      prompted: false,
      socket: null,
    });
    return { executionStarted: true, executionId: id };
  }

  /** Takes an HTTP upgrade to `/chat`; false for any other path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://bot.local');
    if (url.pathname !== '/chat') return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, url.searchParams));
    return true;
  }

  /** Sockets open now (an execution that ended closes its socket). */
  get openSockets(): number {
    return this.wss.clients.size;
  }

  reset(): void {
    this.messages.length = 0;
    for (const execution of this.executions.values()) execution.socket?.terminate();
    this.executions.clear();
  }

  close(): void {
    this.reset();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private connected(ws: WebSocket, params: URLSearchParams): void {
    ws.on('error', () => ws.terminate());
    const sessionId = params.get('sessionId');
    const executionId = params.get('executionId');
    const execution = executionId ? this.executions.get(executionId) : undefined;
    if (!sessionId || !executionId || !execution) {
      ws.close(1008, execution ? 'sessionId and executionId required' : 'no such execution');
      return;
    }
    // n8n: a second socket for the same execution replaces the first (it does not check the session).
    execution.socket?.terminate();
    execution.socket = ws;
    this.heartbeat(execution, ws);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (text === 'n8n|heartbeat-ack') return;
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        return;
      }
      this.messages.push({ executionId, sessionId, body, at: Date.now() });
      this.reply(execution, ws, body);
    });
    if (execution.pendingPrompt !== null) ws.send(execution.pendingPrompt);
    else if (!execution.prompted)
      setTimeout(() => this.prompt(execution, ws), execution.promptDelayMs);
  }

  private heartbeat(execution: Execution, ws: WebSocket): void {
    let acked = Date.now();
    ws.on('message', (data) => {
      if (data.toString() === 'n8n|heartbeat-ack') acked = Date.now();
    });
    const beat = () => {
      if (Date.now() - acked > 2 * execution.heartbeatMs) {
        this.executions.delete(execution.id);
        ws.terminate();
        return;
      }
      ws.send('n8n|heartbeat');
    };
    beat();
    const timer = setInterval(beat, execution.heartbeatMs);
    ws.on('close', () => clearInterval(timer));
  }

  private prompt(execution: Execution, ws: WebSocket): void {
    if (execution.prompted || ws.readyState !== WebSocket.OPEN) return;
    execution.prompted = true;
    execution.pendingPrompt =
      buttonsReply(execution.chatInput, execution.origin) ??
      `You said: ${execution.chatInput}. Now reply please.`;
    ws.send(execution.pendingPrompt);
    if (execution.dropOnce) {
      execution.dropOnce = false;
      setTimeout(() => ws.terminate(), 20);
    }
  }

  private reply(execution: Execution, ws: WebSocket, body: unknown): void {
    if (execution.pendingPrompt === null) return; // n8n drops replies sent before it waits
    const input = (body as { chatInput?: unknown } | null)?.chatInput;
    execution.pendingPrompt = null;
    ws.send(`Echo: ${typeof input === 'string' ? input : ''}`);
    ws.send('n8n|continue');
    this.executions.delete(execution.id);
    setTimeout(() => ws.close(), 30);
  }
}
