const n8nChunkTypes = new Set(['begin', 'item', 'end', 'error', 'keepalive']);

/** Is this line one chunk of an n8n streamed reply? */
export function isStreamLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return (
      typeof value === 'object' &&
      value !== null &&
      n8nChunkTypes.has(String((value as { type?: unknown }).type))
    );
  } catch {
    return false;
  }
}

/** The reply text of a whole JSON answer, as n8n clients read it: output, else text, else message. */
export function wholeReplyText(value: unknown): string | null {
  const record = Array.isArray(value) ? value[0] : value;
  if (typeof record !== 'object' || record === null) return null;
  for (const key of ['output', 'text', 'message'] as const) {
    const text = (record as Record<string, unknown>)[key];
    if (typeof text === 'string') return text;
  }
  return null;
}

/** Follows a streamed reply line by line (lines may split across chunks) to learn its text and errors. */
export class StreamObserver {
  readonly #decoder = new TextDecoder();
  #pending = '';
  text = '';
  items = 0;
  sawError = false;
  sawEnd = false;
  /** The last byte passed through was a newline (or nothing passed yet). */
  atLineStart = true;

  push(chunk: Uint8Array): void {
    if (chunk.byteLength > 0) this.atLineStart = chunk[chunk.byteLength - 1] === 0x0a;
    this.#pending += this.#decoder.decode(chunk, { stream: true });
    let newline = this.#pending.indexOf('\n');
    while (newline !== -1) {
      this.#line(this.#pending.slice(0, newline));
      this.#pending = this.#pending.slice(newline + 1);
      newline = this.#pending.indexOf('\n');
    }
  }

  finish(): void {
    this.#pending += this.#decoder.decode();
    if (this.#pending.trim() !== '') this.#line(this.#pending);
    this.#pending = '';
  }

  #line(line: string): void {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const { type, content } = value as { type?: unknown; content?: unknown };
    if (type === 'item' && typeof content === 'string') {
      this.text += content;
      this.items += 1;
    } else if (type === 'error') this.sawError = true;
    else if (type === 'end') this.sawEnd = true;
  }
}
