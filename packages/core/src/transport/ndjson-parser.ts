import { WidgetError } from '../errors/widget-error.js';
import { excerpt } from './excerpt.js';
import { ownString } from './safe-json.js';
import type { ReplyChunk } from './types.js';

const streamTypes = new Set(['begin', 'item', 'end', 'error', 'keepalive']);

/** True when `line` is one line of n8n's streamed reply (a JSON object with a known `type`). */
export function isStreamLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    const type = typeof value === 'object' && value !== null ? ownString(value, 'type') : undefined;
    return type !== undefined && streamTypes.has(type);
  } catch {
    return false;
  }
}

export interface NdjsonParserOptions {
  /** Where the one warning about a skipped line goes (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/**
 * Incremental parser for n8n's newline-delimited JSON reply stream. Feed it bytes (split
 * anywhere, even inside a UTF-8 character) or decoded text; it appends `ReplyChunk`s to `out`.
 * Each new piece is scanned once, so a long stream costs linear time.
 *
 * A reply's `start` is emitted with its first text, so a `begin`/`end` block without items
 * produces nothing; `hasText` tells whether any text was seen at all.
 */
export class NdjsonParser {
  readonly #decoder = new TextDecoder();
  readonly #warn: (message: string) => void;
  #pending = '';
  #replyOpen = false;
  #warned = false;
  #lineNumber = 0;
  #failure: WidgetError | undefined;
  #hasText = false;

  constructor(options: NdjsonParserOptions = {}) {
    this.#warn = options.warn ?? ((message) => console.warn(message));
  }

  get hasText(): boolean {
    return this.#hasText;
  }

  /** Feeds raw bytes. Throws `WidgetError('bot_error')` on an error line, after the text before it. */
  push(bytes: Uint8Array, out: ReplyChunk[]): void {
    this.pushText(this.#decoder.decode(bytes, { stream: true }), out);
  }

  /** Feeds already decoded text (the caller owns UTF-8 decoding). */
  pushText(text: string, out: ReplyChunk[]): void {
    if (this.#failure) throw this.#failure;
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.#pending += text;
      return;
    }
    const first = this.#pending + text.slice(0, newline);
    this.#pending = '';
    this.#line(first, out);
    let start = newline + 1;
    newline = text.indexOf('\n', start);
    while (newline !== -1) {
      this.#line(text.slice(start, newline), out);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.#pending = text.slice(start);
  }

  /** Adds reply text that arrived some other way (an event stream's data), as an item would. */
  pushContent(content: string, out: ReplyChunk[]): void {
    if (content === '') return;
    if (!this.#replyOpen) {
      this.#replyOpen = true;
      out.push({ type: 'start', streamed: true });
    }
    this.#hasText = true;
    out.push({ type: 'delta', text: content });
  }

  /** Ends the input: parses a last line without a newline and closes an open reply. */
  finish(out: ReplyChunk[]): void {
    if (this.#failure) throw this.#failure;
    const rest = this.#pending + this.#decoder.decode();
    this.#pending = '';
    if (rest !== '') this.#line(rest, out);
    if (this.#replyOpen) {
      this.#replyOpen = false;
      out.push({ type: 'end' });
    }
  }

  #line(raw: string, out: ReplyChunk[]): void {
    this.#lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (line.trim() !== '') this.#warnSkipped(line, (error as Error).message);
      return;
    }
    const type =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? ownString(value, 'type')
        : undefined;
    if (type === undefined) {
      this.#warnSkipped(line, 'not a JSON object with a string "type"');
      return;
    }
    switch (type) {
      case 'item': {
        const content = ownString(value as object, 'content');
        if (content === undefined) {
          this.#warnSkipped(line, 'an "item" line without a string "content"');
          return;
        }
        this.pushContent(content, out);
        return;
      }
      case 'end':
        if (this.#replyOpen) {
          this.#replyOpen = false;
          out.push({ type: 'end' });
        }
        return;
      case 'error': {
        const content = ownString(value as object, 'content') ?? '(no content)';
        this.#failure = new WidgetError(
          'bot_error',
          `The bot streamed an error on line ${this.#lineNumber}: ${excerpt(content, 300)}`,
        );
        throw this.#failure;
      }
      default:
        // begin (the reply opens with its first item), keepalive, and types added later.
        return;
    }
  }

  #warnSkipped(line: string, reason: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#warn(
      `[cwp] Skipped line ${this.#lineNumber} of the streamed reply (${reason}); further bad lines in this reply are skipped silently. Line starts: ${JSON.stringify(excerpt(line, 100))}`,
    );
  }
}
