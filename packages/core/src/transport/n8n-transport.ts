import type { ResponseNodeFeature } from '../on-demand/features.js';
import { responseNode } from '../on-demand/response-node.js';
import { BodyReader } from './body-reader.js';
import { excerpt } from './excerpt.js';
import { historyFromLangChain } from './langchain-history.js';
import { readReply } from './read-reply.js';
import { readN8nText } from './reply-text.js';
import { createResponseNodeConversation } from './response-node/conversation.js';
import type { WebSocketConstructor } from './response-node/execution-socket.js';
import { executionStartedId } from './response-node/execution-started.js';
import { n8nSocketUrl, type SocketUrl } from './response-node/socket-url.js';
import { parseJsonSafely } from './safe-json.js';
import { type HttpRequestSpec, sendRequest } from './send-request.js';
import { statusError } from './status-error.js';
import { stringifyJson } from './stringify-json.js';
import type { HistoryMessage, Transport, TransportContext, TransportRequest } from './types.js';

export interface TransportTimeouts {
  /** Time allowed until the response headers arrive, in ms. */
  readonly request: number;
  /** Longest silence allowed between two pieces of the reply body, in ms. */
  readonly idle: number;
}

export interface N8nTransportOptions {
  /** The Chat Trigger's webhook URL. */
  readonly webhookUrl: string;
  readonly method?: 'POST' | 'PUT';
  readonly headers?: Readonly<Record<string, string>>;
  /** Body key for the visitor's text (n8n: `chatInput`). */
  readonly chatInputKey?: string;
  /** Body key for the session id (n8n: `sessionId`). */
  readonly chatSessionKey?: string;
  /** Sent with every message; a request's own metadata wins key by key. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly timeouts: TransportTimeouts;
  /** Replaces the global `fetch` (read at each call when omitted). */
  readonly fetch?: typeof fetch;
  /**
   * Response nodes: where an execution's websocket is (default: `/chat` at the webhook's origin,
   * as n8n serves it; managed mode points it at @cwp/server).
   */
  readonly socketUrl?: SocketUrl;
  /** Replaces the global `WebSocket` (Node 20 has none: pass `ws`'s). */
  readonly WebSocket?: WebSocketConstructor;
}

/** A transport speaking n8n's Chat Trigger protocol: whole or streamed replies, and history. */
export function createN8nTransport(options: N8nTransportOptions): Transport {
  return n8nTransportWith(options, () => Promise.resolve(responseNode));
}

/** The n8n transport, loading the response-node socket's code with `loadResponseNode` when first needed. */
export function n8nTransportWith(
  options: N8nTransportOptions,
  loadResponseNode: () => Promise<ResponseNodeFeature>,
): Transport {
  const method = options.method ?? 'POST';
  const inputKey = options.chatInputKey ?? 'chatInput';
  const sessionKey = options.chatSessionKey ?? 'sessionId';

  const request = (signal: AbortSignal, payload: Pick<HttpRequestSpec, 'json' | 'body'>) =>
    sendRequest({
      url: options.webhookUrl,
      method,
      headers: options.headers,
      timeoutMs: options.timeouts.request,
      signal,
      fetch: options.fetch,
      ...payload,
    });

  const conversation = createResponseNodeConversation({
    socketUrl: options.socketUrl ?? n8nSocketUrl(options.webhookUrl),
    WebSocket: options.WebSocket,
    openTimeoutMs: options.timeouts.request,
    load: loadResponseNode,
  });

  return {
    conversation,
    async *send(req: TransportRequest, { signal }: TransportContext) {
      // While an execution waits for the visitor, the message goes over its socket.
      if (await conversation.send(req, signal)) {
        yield { type: 'handoff' };
        return;
      }
      const metadata =
        options.metadata || req.metadata ? { ...options.metadata, ...req.metadata } : undefined;
      const payload =
        req.files && req.files.length > 0
          ? { body: multipartBody(req, metadata, inputKey, sessionKey) }
          : {
              json: {
                action: 'sendMessage',
                [sessionKey]: req.sessionId,
                [inputKey]: req.text,
                ...(metadata ? { metadata } : {}),
              },
            };
      const response = await request(signal, payload);
      let executionId: string | undefined;
      const readText = (json: unknown) => {
        executionId = executionStartedId(json);
        return executionId === undefined ? readN8nText(json) : [];
      };
      yield* readReply(response, { idleTimeoutMs: options.timeouts.idle, signal, readText });
      if (executionId !== undefined && !signal.aborted) {
        conversation.start(req.sessionId, executionId);
        yield { type: 'handoff' };
      }
    },

    async loadHistory(sessionId: string, { signal }: TransportContext) {
      const response = await request(signal, {
        json: { action: 'loadPreviousSession', [sessionKey]: sessionId },
      });
      const text = await readAll(response, options.timeouts.idle, signal);
      if (!response.ok) throw statusError(response, text);
      return historyOrEmpty(text, options.webhookUrl);
    },
  };
}

/** The form n8n's own chat sends when files are attached. */
function multipartBody(
  req: TransportRequest,
  metadata: Record<string, unknown> | undefined,
  inputKey: string,
  sessionKey: string,
): FormData {
  const form = new FormData();
  form.append('action', 'sendMessage');
  form.append(sessionKey, req.sessionId);
  form.append(inputKey, req.text);
  if (metadata) form.append('metadata', stringifyJson(metadata));
  for (const file of req.files ?? []) form.append('files', file, file.name);
  return form;
}

async function readAll(response: Response, idleTimeoutMs: number, signal: AbortSignal) {
  const body = new BodyReader(response, { idleTimeoutMs, signal });
  const decoder = new TextDecoder();
  const parts: string[] = [];
  try {
    for (let bytes = await body.read(); bytes !== undefined; bytes = await body.read()) {
      parts.push(decoder.decode(bytes, { stream: true }));
    }
  } finally {
    body.cancel();
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function historyOrEmpty(text: string, url: string): readonly HistoryMessage[] {
  let history: HistoryMessage[] | undefined;
  try {
    history = historyFromLangChain(parseJsonSafely(text));
  } catch {
    history = undefined;
  }
  if (history === undefined) {
    console.warn(
      `[cwp] The bot at ${url} answered loadPreviousSession without a "data" array of messages; showing no history. Body starts: ${JSON.stringify(excerpt(text))}`,
    );
    return [];
  }
  return history;
}
