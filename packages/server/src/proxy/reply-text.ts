import { isStreamLine, NdjsonParser, type ReplyChunk, readN8nText } from '@cwp/core/protocol';

export { isStreamLine };

/** Longest line of a streamed reply passed on; a longer one ends the reply. */
export const maxStreamLineBytes = 1024 * 1024;

/**
 * The texts of a whole JSON reply, read as the widget reads them: `output`, else `text`, else
 * `message`; an array gives one reply per item. `undefined` when it holds no reply text.
 */
export function wholeReplyTexts(value: unknown): readonly string[] | undefined {
  return readN8nText(value);
}

/**
 * Follows a streamed reply as the widget's parser reads it, to learn its texts and errors. Each
 * chunk is scanned once; a line growing past `maxStreamLineBytes` stops the reading (`overlong`).
 */
export class StreamObserver {
  // The widget warns about unreadable lines in the visitor's console; the server has no use for it.
  readonly #parser = new NdjsonParser({ warn: () => {} });
  readonly #out: ReplyChunk[] = [];
  #lineBytes = 0;
  #stopped = false;
  /** One text per reply (n8n sends one begin…end group per responding node). */
  readonly texts: string[] = [];
  sawError = false;
  /** A line passed `maxStreamLineBytes` without ending. */
  overlong = false;
  /** The last byte passed through was a newline (or nothing passed yet). */
  atLineStart = true;

  get hasText(): boolean {
    return this.#parser.hasText;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.atLineStart = chunk[chunk.byteLength - 1] === 0x0a;
    const lastNewline = chunk.lastIndexOf(0x0a);
    this.#lineBytes =
      lastNewline === -1 ? this.#lineBytes + chunk.byteLength : chunk.byteLength - lastNewline - 1;
    if (this.#lineBytes > maxStreamLineBytes) {
      this.overlong = true;
      this.#stopped = true;
    }
    if (this.#stopped) return;
    this.#read(() => this.#parser.push(chunk, this.#out));
  }

  finish(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#read(() => this.#parser.finish(this.#out));
  }

  #read(step: () => void): void {
    try {
      step();
    } catch {
      // The parser throws on an n8n error line, after the text before it.
      this.sawError = true;
      this.#stopped = true;
    }
    for (const chunk of this.#out) {
      if (chunk.type === 'start') this.texts.push('');
      else if (chunk.type === 'delta') {
        if (this.texts.length === 0) this.texts.push('');
        this.texts[this.texts.length - 1] += chunk.text;
      }
    }
    this.#out.length = 0;
  }
}
