import type { TransportTimeouts } from './n8n-transport.js';
import { readReply } from './read-reply.js';
import { type ReplyTextReader, textReader } from './reply-text.js';
import { sendRequest } from './send-request.js';
import { stringifyJson } from './stringify-json.js';
import type { Transport, TransportRequest } from './types.js';

export interface HttpTransportOptions {
  readonly url: string;
  readonly method?: 'POST' | 'PUT' | 'PATCH';
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Builds the body from the request (its `files` included): a `FormData` is sent as multipart,
   * anything else as JSON. Default: `{ sessionId, message, metadata }`, or with files that as
   * multipart fields (metadata as JSON text) plus one `files` part each.
   */
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

function defaultBody(request: TransportRequest): unknown {
  const fields = {
    sessionId: request.sessionId,
    message: request.text,
    metadata: request.metadata,
  };
  if (!request.files?.length) return fields;
  const form = new FormData();
  form.append('sessionId', fields.sessionId);
  form.append('message', fields.message);
  if (fields.metadata) form.append('metadata', stringifyJson(fields.metadata));
  for (const file of request.files) form.append('files', file, file.name);
  return form;
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
      const payload = options.mapRequest ? options.mapRequest(request) : defaultBody(request);
      const response = await sendRequest({
        url: options.url,
        method: options.method ?? 'POST',
        headers: options.headers,
        ...(payload instanceof FormData ? { body: payload } : { json: payload }),
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
