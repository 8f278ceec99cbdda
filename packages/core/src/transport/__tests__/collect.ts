import type { ReplyChunk, Transport, TransportRequest } from '../types.js';

export interface Outcome {
  chunks: ReplyChunk[];
  /** The reply texts, one per reply. */
  replies: string[];
  /** All text received, in order. */
  text: string;
  error: unknown;
  ms: number;
}

let counter = 0;

export function request(text: string, extra: Partial<TransportRequest> = {}): TransportRequest {
  counter++;
  return { sessionId: `session-${counter}`, text, messageId: `message-${counter}`, ...extra };
}

/** Runs one send to the end, keeping what arrived and what was thrown. */
export async function collect(
  transport: Transport,
  req: TransportRequest,
  signal: AbortSignal = new AbortController().signal,
  onChunk?: (chunk: ReplyChunk) => void,
): Promise<Outcome> {
  const started = performance.now();
  const chunks: ReplyChunk[] = [];
  let error: unknown;
  try {
    for await (const chunk of transport.send(req, { signal })) {
      chunks.push(chunk);
      onChunk?.(chunk);
    }
  } catch (caught) {
    error = caught;
  }
  const replies: string[] = [];
  for (const chunk of chunks) {
    if (chunk.type === 'start') replies.push('');
    if (chunk.type === 'delta') {
      if (replies.length === 0) replies.push('');
      replies[replies.length - 1] += chunk.text;
    }
  }
  return { chunks, replies, text: replies.join(''), error, ms: performance.now() - started };
}
