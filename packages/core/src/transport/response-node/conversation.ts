import { socketFiles } from '../../uploads/socket-files.js';
import type { Conversation, ConversationEvent, TransportRequest } from '../types.js';
import { ExecutionSocket, type WebSocketConstructor } from './execution-socket.js';
import type { SocketUrl } from './socket-url.js';

export interface ResponseNodeOptions {
  readonly socketUrl: SocketUrl;
  /** Read when a socket opens: the option, else the global `WebSocket`. */
  readonly WebSocket?: WebSocketConstructor | undefined;
  readonly openTimeoutMs: number;
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

/**
 * n8n's "Respond to Chat" conversation: one execution at a time, its frames shown as bot
 * messages, a typing state while n8n works, the visitor's replies sent over its socket.
 */
export function createResponseNodeConversation(
  options: ResponseNodeOptions,
): ResponseNodeConversation {
  const listeners = new Set<(event: ConversationEvent) => void>();
  let current: { sessionId: string; socket: ExecutionSocket } | null = null;

  const emit = (event: ConversationEvent) => {
    for (const listener of listeners) listener(event);
  };
  const end = (which: ExecutionSocket, event: ConversationEvent) => {
    if (current?.socket !== which) return;
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
      current?.socket.close();
      current = null;
    },
    start(sessionId, executionId) {
      current?.socket.close();
      const WebSocketClass =
        options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
      const socket: ExecutionSocket = new ExecutionSocket({
        url: () => options.socketUrl({ sessionId, executionId }),
        WebSocket: WebSocketClass,
        openTimeoutMs: options.openTimeoutMs,
        onEvent(event) {
          if (event.type === 'message') {
            emit({ type: 'typing', typing: false });
            emit({ type: 'message', text: event.text });
          } else if (event.type === 'continue') emit({ type: 'typing', typing: true });
          else if (event.type === 'ended') end(socket, { type: 'ended' });
          else end(socket, { type: 'dropped', error: event.error });
        },
      });
      current = { sessionId, socket };
      emit({ type: 'typing', typing: true });
      socket.open();
    },
    async send(request, signal) {
      const live = current;
      if (live === null || live.sessionId !== request.sessionId) return false;
      const files = request.files?.length ? { files: await socketFiles(request.files) } : {};
      const sent = await live.socket.send(
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
