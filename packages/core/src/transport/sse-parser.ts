/**
 * Incremental parser for a `text/event-stream` body: feed decoded text split anywhere, get the
 * `data` of each completed event. Event names, ids, `retry` and comments are ignored; the chat
 * only needs the data.
 */
export class SseParser {
  #pending = '';
  #data: string[] = [];
  #afterCr = false;

  pushText(text: string): string[] {
    const events: string[] = [];
    let start = 0;
    if (this.#afterCr && text.startsWith('\n')) start = 1;
    this.#afterCr = false;
    for (let i = start; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char !== 10 && char !== 13) continue;
      const line = this.#pending + text.slice(start, i);
      this.#pending = '';
      this.#line(line, events);
      if (char === 13) {
        if (i + 1 === text.length) this.#afterCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.#pending += text.slice(start);
    return events;
  }

  /** Ends the input; an event not closed by a blank line is still delivered. */
  finish(): string[] {
    const events: string[] = [];
    if (this.#pending !== '') this.#line(this.#pending, events);
    this.#pending = '';
    this.#line('', events);
    return events;
  }

  #line(line: string, events: string[]): void {
    if (line === '') {
      if (this.#data.length > 0) events.push(this.#data.join('\n'));
      this.#data = [];
      return;
    }
    if (!line.startsWith('data')) return;
    const colon = line.indexOf(':');
    if (colon === -1 ? line !== 'data' : colon !== 4) return;
    const value = colon === -1 ? '' : line.slice(colon + 1);
    this.#data.push(value.startsWith(' ') ? value.slice(1) : value);
  }
}
