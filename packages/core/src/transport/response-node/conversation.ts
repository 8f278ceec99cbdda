import { WidgetError } from '../../errors/widget-error.js';
import type { ResponseNodeFeature } from '../../on-demand/features.js';
import type { Conversation, ConversationEvent, TransportRequest } from '../types.js';
import type { ExecutionSocket, WebSocketConstructor } from './execution-socket.js';
import type { SocketUrl } from './socket-url.js';

export interface ResponseNodeOptions {
  readonly socketUrl: SocketUrl;
  /** Read when a socket opens: the option, else the global `WebSocket`. */
  readonly WebSocket?: WebSocketConstructor | undefined;
  readonly openTimeoutMs: number;
  /** The socket's code: at hand in an app's bundle, fetched on first use by the embed. */
  readonly load: () => Promise<ResponseNodeFeature>;
}

export interface ResponseNodeConversation extends Conversation {
  /** The POST answered `executionStarted`: follow the execution over its socket. */
  start(sessionId: string, executionId: string): void;
  /**
   * Sends the visitor's message over the open socket of this session's execution. False when
   * there is none (or it just ended): the message goes out as a new request.
   */
  send(request: TransportRequest, signal?: AbortSignal): Promise<boolean>;
}

interface Execution {
  readonly sessionId: string;
  /** Set once the socket's code has loaded (at once, unless the embed fetches it). */
  socket: ExecutionSocket | null;
  readonly ready: Promise<ResponseNodeFeature | null>;
}

/**
 * n8n's "Respond to Chat" conversation: one execution at a time, its frames shown as bot
 * messages, a typing state while n8n works, the visitor's replies sent over its socket.
 */
export function createResponseNodeConversation(
  options: ResponseNodeOptions,
): ResponseNodeConversation {
  const listeners = new Set<(event: ConversationEvent) => void>();
  let current: Execution | null = null;

  const emit = (event: ConversationEvent) => {
    for (const listener of listeners) listener(event);
  };
  const end = (which: Execution, event: ConversationEvent) => {
    if (current !== which) return;
    current = null;
    emit({ type: 'typing', typing: false });
    emit(event);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      current?.socket?.close();
      current = null;
    },
    start(sessionId, executionId) {
      current?.socket?.close();
      const ready = options.load().then(
        (code) => {
          if (current !== execution) return null;
          const WebSocketClass =
            options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
          const socket: ExecutionSocket = new code.ExecutionSocket({
            url: () => options.socketUrl({ sessionId, executionId }),
            WebSocket: WebSocketClass,
            openTimeoutMs: options.openTimeoutMs,
            onEvent(event) {
              if (event.type === 'message') {
                emit({ type: 'typing', typing: false });
                emit({ type: 'message', text: event.text });
              } else if (event.type === 'continue') emit({ type: 'typing', typing: true });
              else if (event.type === 'ended') end(execution, { type: 'ended' });
              else end(execution, { type: 'dropped', error: event.error });
            },
          });
          execution.socket = socket;
          socket.open();
          return code;
        },
        (cause: unknown) => {
          const error = new WidgetError('load', 'Could not load the response-node socket.', {
            cause,
          });
          end(execution, { type: 'dropped', error });
          return null;
        },
      );
      const execution: Execution = { sessionId, socket: null, ready };
      current = execution;
      emit({ type: 'typing', typing: true });
    },
    async send(request, signal) {
      const live = current;
      if (live === null || live.sessionId !== request.sessionId) return false;
      const code = await live.ready;
      const socket = live.socket;
      if (code === null || socket === null || current !== live) return false;
      const files = request.files?.length ? { files: await code.socketFiles(request.files) } : {};
      const sent = await socket.send(
        JSON.stringify({
          sessionId: request.sessionId,
          action: 'sendMessage',
          chatInput: request.text,
          ...files,
        }),
        signal,
      );
      if (sent) emit({ type: 'typing', typing: true });
      return sent;
    },
  };
}
