import { WidgetError } from '../errors/widget-error.js';
import { BodyReader } from './body-reader.js';
import { excerpt } from './excerpt.js';
import { isStreamLine, NdjsonParser } from './ndjson-parser.js';
import { type ReplyTextReader, readN8nText } from './reply-text.js';
import { parseJsonSafely } from './safe-json.js';
import { describeResponse, statusError } from './status-error.js';
import type { ReplyChunk } from './types.js';

export interface ReadReplyOptions {
  /** Longest silence allowed between two body reads, in ms. */
  readonly idleTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Finds the reply text in a whole JSON body (default: n8n's `output`/`text`/`message`). */
  readonly readText?: ReplyTextReader;
  /** Stream a `text/plain` body that is not JSON as it arrives (generic APIs; n8n never does this). */
  readonly plainText?: boolean;
}

type Mode = 'stream' | 'whole' | 'plain' | 'bad';

const leadingSpace = /^[\s\uFEFF]*/;

/**
 * Reads a bot's answer as `ReplyChunk`s while the bytes arrive. Whether the body is one JSON
 * reply or an NDJSON stream is decided from the body itself, never from headers.
 * Text already yielded stays yielded when the body breaks off; the error is thrown after it.
 */
export async function* readReply(
  response: Response,
  options: ReadReplyOptions,
): AsyncGenerator<ReplyChunk, void, undefined> {
  const body = new BodyReader(response, {
    idleTimeoutMs: options.idleTimeoutMs,
    signal: options.signal,
  });
  try {
    const decoder = new TextDecoder();
    if (!response.ok) throw statusError(response, await readStart(body, decoder, options.signal));

    // Sniff: read until the first non-blank character and, for `{`, the end of the first line.
    let head = '';
    let scanFrom = 0;
    let ended = false;
    let mode: Mode | undefined;
    while (mode === undefined) {
      const bytes = await body.read();
      if (bytes === undefined) {
        head += decoder.decode();
        ended = true;
      } else {
        head += decoder.decode(bytes, { stream: true });
      }
      mode = sniff(head, scanFrom, ended, options.plainText === true, response);
      scanFrom = head.length;
    }

    if (mode === 'bad') {
      throw badReply(
        response,
        head.trim() === '' ? 'an empty body' : 'a body that is neither JSON nor an NDJSON stream',
        head,
      );
    }

    if (mode === 'whole') {
      const parts = [head];
      while (!ended) {
        const bytes = await body.read();
        if (bytes === undefined) {
          parts.push(decoder.decode());
          ended = true;
        } else {
          parts.push(decoder.decode(bytes, { stream: true }));
        }
      }
      yield* wholeReply(response, parts.join(''), options.readText ?? readN8nText);
      return;
    }

    if (mode === 'plain') {
      yield { type: 'start', streamed: true };
      let sawText = false;
      let text = head;
      for (;;) {
        if (text !== '') {
          sawText = true;
          yield { type: 'delta', text };
        }
        if (ended) break;
        const bytes = await body.read();
        if (bytes === undefined) {
          text = decoder.decode();
          ended = true;
        } else {
          text = decoder.decode(bytes, { stream: true });
        }
      }
      if (!sawText) throw badReply(response, 'an empty text body', '');
      yield { type: 'end' };
      return;
    }

    const parser = new NdjsonParser();
    const out: ReplyChunk[] = [];
    let text = head;
    for (;;) {
      let failure: unknown;
      try {
        parser.pushText(text, out);
        if (ended) parser.finish(out);
      } catch (error) {
        failure = error;
      }
      for (const chunk of out) yield chunk;
      out.length = 0;
      if (failure !== undefined) throw failure;
      if (ended) break;
      const bytes = await body.read();
      if (bytes === undefined) {
        text = decoder.decode();
        ended = true;
      } else {
        text = decoder.decode(bytes, { stream: true });
      }
    }
    if (!parser.hasText) {
      throw badReply(response, 'an NDJSON stream without any "item" text', '');
    }
  } finally {
    body.cancel();
  }
}

function sniff(
  head: string,
  scanFrom: number,
  ended: boolean,
  plainText: boolean,
  response: Response,
): Mode | undefined {
  const start = leadingSpace.exec(head)?.[0].length ?? 0;
  if (start === head.length) return ended ? 'bad' : undefined;
  const first = head[start];
  if (first === '[') return 'whole';
  if (first !== '{') {
    if (plainText && isPlainTextType(response)) return 'plain';
    return ended || head.length - start >= 100 ? 'bad' : undefined;
  }
  const newline = head.indexOf('\n', Math.max(scanFrom, start));
  if (newline === -1 && !ended) return undefined;
  const firstLine = head.slice(start, newline === -1 ? undefined : newline);
  return isStreamLine(firstLine) ? 'stream' : 'whole';
}

function isPlainTextType(response: Response): boolean {
  return /^text\/plain\b/i.test(response.headers.get('content-type') ?? '');
}

function* wholeReply(
  response: Response,
  text: string,
  readText: ReplyTextReader,
): Generator<ReplyChunk, void, undefined> {
  let json: unknown;
  try {
    json = parseJsonSafely(text);
  } catch {
    throw badReply(response, 'a body that is not valid JSON', text);
  }
  let texts: readonly string[] | undefined;
  try {
    texts = readText(json);
  } catch (error) {
    throw badReply(
      response,
      `JSON the response mapping rejected (${error instanceof Error ? error.message : String(error)})`,
      text,
    );
  }
  if (texts === undefined) {
    throw badReply(
      response,
      'JSON without reply text (expected a string "output", "text" or "message")',
      text,
    );
  }
  for (const reply of texts) {
    yield { type: 'start', streamed: false };
    if (reply !== '') yield { type: 'delta', text: reply };
    yield { type: 'end' };
  }
}

/** Up to ~100 characters of the body, for the detail of an error. */
async function readStart(
  body: BodyReader,
  decoder: TextDecoder,
  signal: AbortSignal,
): Promise<string> {
  let text = '';
  try {
    while (text.length < 100) {
      const bytes = await body.read();
      if (bytes === undefined) break;
      text += decoder.decode(bytes, { stream: true });
    }
  } catch (error) {
    // The status already says what went wrong; a body that cannot be read adds nothing.
    if (signal.aborted) throw error;
  }
  return text;
}

/** A `bad_reply` error with the precise detail, also sent to `console.warn` for the developer. */
function badReply(response: Response, what: string, body: string): WidgetError {
  const detail = `${describeResponse(response)} answered HTTP ${response.status} with ${what}; content-type: ${
    response.headers.get('content-type') ?? 'none'
  }; body starts: ${JSON.stringify(excerpt(body))}`;
  console.warn(`[cwp] ${detail}`);
  return new WidgetError('bad_reply', detail, { status: response.status });
}
