import type { TransportTimeouts } from './n8n-transport.js';
import { readReply } from './read-reply.js';
import { type ReplyTextReader, textReader } from './reply-text.js';
import { sendRequest } from './send-request.js';
import type { Transport, TransportRequest } from './types.js';

export interface HttpTransportOptions {
  readonly url: string;
  readonly method?: 'POST' | 'PUT' | 'PATCH';
  readonly headers?: Readonly<Record<string, string>>;
  /** Builds the JSON body (default `{ sessionId, message, metadata }`). */
  readonly mapRequest?: (request: TransportRequest) => unknown;
  /**
   * Finds the reply text in a whole JSON answer (default: the first string of `output`, `text`,
   * `message`, `answer`). Return a non-string, or throw, for an unreadable answer.
   */
  readonly mapResponse?: (json: unknown) => string;
  readonly timeouts?: Partial<TransportTimeouts>;
  /** Replaces the global `fetch` (read at each call when omitted). */
  readonly fetch?: typeof fetch;
}

const defaultTimeouts: TransportTimeouts = { request: 30_000, idle: 30_000 };

const readDefaultText = textReader(['output', 'text', 'message', 'answer']);

/**
 * A transport for any HTTP chat API. The answer may be whole JSON (read through `mapResponse`),
 * an NDJSON stream in n8n's format, or `text/plain` streamed as it arrives.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const { mapResponse } = options;
  const readText: ReplyTextReader = mapResponse
    ? (json) => {
        const text = mapResponse(json);
        return typeof text === 'string' ? [text] : undefined;
      }
    : readDefaultText;

  return {
    async *send(request, { signal }) {
      const response = await sendRequest({
        url: options.url,
        method: options.method ?? 'POST',
        headers: options.headers,
        json: options.mapRequest
          ? options.mapRequest(request)
          : { sessionId: request.sessionId, message: request.text, metadata: request.metadata },
        timeoutMs: timeouts.request,
        signal,
        fetch: options.fetch,
      });
      yield* readReply(response, {
        idleTimeoutMs: timeouts.idle,
        signal,
        readText,
        textStreams: true,
      });
    },
  };
}
