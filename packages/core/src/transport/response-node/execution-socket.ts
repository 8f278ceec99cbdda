import { WidgetError } from '../../errors/widget-error.js';
import { abortError } from '../abort.js';
import { heartbeatAckFrame, readFrame } from './frames.js';

/** What one execution's socket reports. */
export type SocketEvent =
  | { readonly type: 'message'; readonly text: string }
  | { readonly type: 'continue' }
  | { readonly type: 'ended' }
  | { readonly type: 'dropped'; readonly error: WidgetError };

export type WebSocketConstructor = new (url: string) => WebSocket;

export interface ExecutionSocketOptions {
  /** Builds the URL at each (re)connect, so a fresh identity token is used. */
  readonly url: () => string;
  readonly WebSocket: WebSocketConstructor | undefined;
  /** How long opening (or reopening) may take, in ms. */
  readonly openTimeoutMs: number;
  readonly onEvent: (event: SocketEvent) => void;
}

/** Codes after which trying again may help: the connection itself broke. */
const droppedCodes = new Set([1001, 1006, 1011, 1012, 1013, 1014]);
/** n8n closes with no status (1005) when the execution ends; 1000 is a normal close too. */
const endedCodes = new Set([1000, 1005]);
const reconnectDelayMs = 250;
/**
 * n8n sends `n8n|continue` right after a message whose node does not wait (measured 30 ms later on
 * loopback): a message counts as a prompt once this passes without one.
 */
const continueGraceMs = 300;

type State = 'connecting' | 'open' | 'finished';

/**
 * The websocket of one n8n execution in response-nodes mode: acks heartbeats, reports frames,
 * reconnects once after a drop (n8n sends a pending prompt again), and says how it finished.
 */
export class ExecutionSocket {
  private socket: WebSocket | null = null;
  private state: State = 'connecting';
  /** A reconnect is allowed once per drop, after the socket it replaces got a frame. */
  private mayReconnect = false;
  private everOpened = false;
  private dropError: WidgetError | null = null;
  /** The last bot text, to skip the pending prompt n8n sends again after a reconnect. */
  private lastText: string | null = null;
  private resumed = false;
  /**
   * n8n resumes only an execution that waits for the visitor (it drops anything else without a
   * word): true from a prompt until the visitor answers it or n8n says `n8n|continue`.
   */
  private awaitingVisitor = false;
  /** The bot message that becomes a prompt unless `n8n|continue` follows it. */
  private pendingPrompt = 0;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: ExecutionSocketOptions) {}

  open(): void {
    this.connect();
  }

  /**
   * Sends a frame, waiting for a (re)connect in progress, and while the execution runs on (after
   * `n8n|continue` or the visitor's answer) until n8n prompts again. False once the execution ended
   * (the message should start a new one); throws when the socket dropped, or when `signal` fires
   * first (the visitor stopped: a held message must not go out later).
   */
  async send(data: string, signal?: AbortSignal): Promise<boolean> {
    while (this.state === 'connecting' || (this.state === 'open' && !this.awaitingVisitor)) {
      if (signal?.aborted) throw abortError();
      await new Promise<void>((done) => {
        this.waiters.add(done);
        signal?.addEventListener('abort', () => done(), { once: true });
      });
    }
    if (signal?.aborted) throw abortError();
    if (this.dropError) throw this.dropError;
    if (this.state !== 'open' || this.socket === null) return false;
    this.awaitingVisitor = false;
    try {
      this.socket.send(data);
    } catch (cause) {
      throw new WidgetError('network', 'The response-node socket refused the message.', { cause });
    }
    return true;
  }

  /** Closes without reporting anything (the visitor started over, or the widget went away). */
  close(): void {
    this.finish();
    this.socket?.close(1000);
  }

  private connect(): void {
    this.state = 'connecting';
    let socket: WebSocket;
    try {
      if (typeof this.options.WebSocket !== 'function')
        throw new TypeError('no WebSocket here; pass the transport a WebSocket constructor');
      socket = new this.options.WebSocket(this.options.url());
    } catch (cause) {
      this.drop(`could not open the response-node socket (${String(cause)})`);
      return;
    }
    this.socket = socket;
    this.openTimer = setTimeout(() => {
      socket.close();
      this.drop(`the response-node socket did not open within ${this.options.openTimeoutMs} ms`);
    }, this.options.openTimeoutMs);
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      clearTimeout(this.openTimer);
      this.state = 'open';
      this.everOpened = true;
      this.wake();
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      this.mayReconnect = true;
      this.onFrame(socket, event.data);
    });
    // The close event that follows says what happened.
    socket.addEventListener('error', () => {});
    socket.addEventListener('close', (event: CloseEvent) => {
      if (this.socket === socket) this.onClose(event.code);
    });
  }

  private onFrame(socket: WebSocket, data: string): void {
    const frame = readFrame(data);
    if (frame.kind === 'heartbeat') socket.send(heartbeatAckFrame);
    else if (frame.kind === 'continue') {
      this.pendingPrompt = 0;
      this.awaitingVisitor = false;
      this.options.onEvent({ type: 'continue' });
    } else {
      const prompt = ++this.pendingPrompt;
      setTimeout(() => {
        if (this.pendingPrompt !== prompt) return;
        this.awaitingVisitor = true;
        this.wake();
      }, continueGraceMs);
      const repeat = this.resumed && frame.text === this.lastText;
      this.resumed = false;
      this.lastText = frame.text;
      if (!repeat) this.options.onEvent({ type: 'message', text: frame.text });
    }
  }

  private onClose(code: number): void {
    clearTimeout(this.openTimer);
    if (this.state === 'finished') return;
    if (this.everOpened && endedCodes.has(code)) {
      this.finish();
      this.options.onEvent({ type: 'ended' });
      return;
    }
    if (this.mayReconnect && droppedCodes.has(code)) {
      this.mayReconnect = false;
      this.resumed = true;
      this.state = 'connecting';
      setTimeout(() => {
        if (this.state === 'connecting') this.connect();
      }, reconnectDelayMs);
      return;
    }
    this.drop(
      this.everOpened
        ? `the response-node socket closed with code ${code}`
        : `the response-node socket could not be opened (close code ${code})`,
    );
  }

  private drop(detail: string): void {
    if (this.state === 'finished') return;
    this.dropError = new WidgetError('network', `n8n conversation: ${detail}.`, {
      messageKey: 'error.conversation_lost',
    });
    this.finish();
    this.options.onEvent({ type: 'dropped', error: this.dropError });
  }

  private finish(): void {
    clearTimeout(this.openTimer);
    this.state = 'finished';
    this.wake();
  }

  private wake(): void {
    for (const done of this.waiters) done();
    this.waiters.clear();
  }
}
