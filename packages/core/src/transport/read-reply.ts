import { WidgetError } from '../errors/widget-error.js';
import { BodyReader } from './body-reader.js';
import { excerpt } from './excerpt.js';
import { isStreamLine, NdjsonParser } from './ndjson-parser.js';
import { type ReplyTextReader, readN8nText } from './reply-text.js';
import { parseJsonSafely } from './safe-json.js';
import { SseParser } from './sse-parser.js';
import { describeResponse, statusError } from './status-error.js';
import type { ReplyChunk } from './types.js';

export interface ReadReplyOptions {
  /** Longest silence allowed between two body reads, in ms. */
  readonly idleTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Finds the reply text in a whole JSON body (default: n8n's `output`/`text`/`message`). */
  readonly readText?: ReplyTextReader;
  /**
   * Also accept text streams (generic APIs; n8n never sends them): a `text/plain` body that is
   * not JSON streams as it arrives; a `text/event-stream` body (recognised by its `data:` lines)
   * gives one piece of text per event, read with `readText` when the event's data is JSON.
   */
  readonly textStreams?: boolean;
}

type Mode = 'stream' | 'events' | 'plain' | 'whole' | 'bad';

const emptyStream = {
  stream: 'an NDJSON stream without any "item" text',
  events: 'an event stream without any text',
  plain: 'an empty text body',
} as const;

const spaceRun = /[\s\uFEFF]*/y;
/** Past this much leading whitespace a body is not a reply, however it goes on. */
const maxLeadingSpace = 1 << 20;

/** Where the leading whitespace of `head` ends, scanning on from where it was known to reach. */
function skipSpace(head: string, from: number): number {
  spaceRun.lastIndex = from;
  spaceRun.exec(head);
  return spaceRun.lastIndex;
}

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

    let ended = false;
    const nextText = async (): Promise<string> => {
      const bytes = await body.read();
      if (bytes !== undefined) return decoder.decode(bytes, { stream: true });
      ended = true;
      return decoder.decode();
    };

    // Sniff: read until the first non-blank character and, for `{`, the end of the first line.
    let head = '';
    let scanFrom = 0;
    let start = 0;
    let mode: Mode | undefined;
    while (mode === undefined) {
      head += await nextText();
      // Each chunk is scanned once: a body of endless blank lines costs its length, not its square.
      start = skipSpace(head, start);
      mode =
        start > maxLeadingSpace
          ? 'bad'
          : sniff(head, start, scanFrom, ended, options.textStreams === true, response);
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
      while (!ended) parts.push(await nextText());
      yield* wholeReply(response, parts.join(''), options.readText ?? readN8nText);
      return;
    }

    const parser = new NdjsonParser();
    const feed = feeder(mode, parser, options.readText ?? readN8nText);
    const out: ReplyChunk[] = [];
    let text = head;
    for (;;) {
      let failure: unknown;
      try {
        feed.push(text, out);
        if (ended) feed.finish(out);
      } catch (error) {
        failure = error;
      }
      for (const chunk of out) yield chunk;
      out.length = 0;
      if (failure !== undefined) throw failure;
      if (ended) break;
      text = await nextText();
    }
    if (!parser.hasText) throw badReply(response, emptyStream[mode], '');
  } finally {
    body.cancel();
  }
}

function sniff(
  head: string,
  start: number,
  scanFrom: number,
  ended: boolean,
  textStreams: boolean,
  response: Response,
): Mode | undefined {
  if (start === head.length) return ended ? 'bad' : undefined;
  const first = head[start];
  if (first === '[') return 'whole';
  if (first === '{') {
    const newline = head.indexOf('\n', Math.max(scanFrom, start));
    if (newline === -1 && !ended) return undefined;
    const firstLine = head.slice(start, newline === -1 ? undefined : newline);
    return isStreamLine(firstLine) ? 'stream' : 'whole';
  }
  if (textStreams && isPlainTextType(response)) return 'plain';
  // Enough of the body to recognise an event stream, or to quote in the error.
  if (!ended && head.length - start < 100 && !/[\r\n]/.test(head.slice(start))) return undefined;
  return textStreams && eventStreamStart.test(head.slice(start, start + 16)) ? 'events' : 'bad';
}

const eventStreamStart = /^(?::|(?:data|event|id|retry)[ \t]*:)/;

interface Feeder {
  push(text: string, out: ReplyChunk[]): void;
  finish(out: ReplyChunk[]): void;
}

/** How each mode turns decoded text into reply chunks; all share the parser's reply state. */
function feeder(
  mode: 'stream' | 'events' | 'plain',
  parser: NdjsonParser,
  readText: ReplyTextReader,
): Feeder {
  if (mode === 'stream') {
    return { push: (text, out) => parser.pushText(text, out), finish: (out) => parser.finish(out) };
  }
  if (mode === 'plain') {
    return {
      push: (text, out) => parser.pushContent(text, out),
      finish: (out) => parser.finish(out),
    };
  }
  const events = new SseParser();
  const onEvent = (data: string, out: ReplyChunk[]) => {
    if (data === '[DONE]') return;
    if (isStreamLine(data)) return parser.pushText(`${data}\n`, out);
    let json: unknown;
    try {
      json = parseJsonSafely(data);
    } catch {
      return parser.pushContent(data, out);
    }
    parser.pushContent(eventText(json, readText), out);
  };
  return {
    push: (text, out) => {
      for (const data of events.pushText(text)) onEvent(data, out);
    },
    finish: (out) => {
      for (const data of events.finish()) onEvent(data, out);
      parser.finish(out);
    },
  };
}

/** Events without text (usage, finish reasons) are normal in event streams: they add nothing. */
function eventText(json: unknown, readText: ReplyTextReader): string {
  try {
    return readText(json)?.join('') ?? '';
  } catch {
    return '';
  }
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

/** A `bad_reply` error with the precise detail; the widget passes it to `console.warn` once. */
function badReply(response: Response, what: string, body: string): WidgetError {
  const detail = `${describeResponse(response)} answered HTTP ${response.status} with ${what}; content-type: ${
    response.headers.get('content-type') ?? 'none'
  }; body starts: ${JSON.stringify(excerpt(body))}`;
  return new WidgetError('bad_reply', detail, { status: response.status });
}
