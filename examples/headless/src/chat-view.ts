import type { ChatMessage, ChatWidget, WidgetEvent, WidgetState } from '@cwp/core';

/** The page's elements (markup in public/index.html). */
function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found as T;
}

interface Row {
  readonly item: HTMLLIElement;
  readonly content: HTMLSpanElement;
  readonly note: HTMLSpanElement;
  message: ChatMessage | undefined;
}

/**
 * Draws a widget's state into the page and sends the visitor's actions to it.
 * Everything from the network goes through textContent: no HTML is ever parsed.
 */
export class ChatView {
  private widget: ChatWidget | undefined;
  private unbind: (() => void)[] = [];
  private readonly rows = new Map<string, Row>();
  private readonly list = element<HTMLOListElement>('messages');
  private readonly input = element<HTMLTextAreaElement>('input');
  private readonly sendButton = element<HTMLButtonElement>('send');
  private readonly stopButton = element<HTMLButtonElement>('stop');
  private readonly status = element('status');
  private readonly typing = element('typing');
  private readonly error = element('error');
  private readonly events = element<HTMLOListElement>('events');
  private readonly eventCount = element('event-count');
  private eventTotal = 0;

  constructor() {
    element<HTMLFormElement>('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.send();
      }
    });
    this.input.addEventListener('input', () => this.widget?.setDraft(this.input.value));
    this.stopButton.addEventListener('click', () => this.widget?.stop());
    element('new-session').addEventListener('click', () => {
      this.widget?.newSession();
      this.input.focus();
    });
  }

  /** Shows `widget` (replacing the one shown before, which the caller destroys). */
  bind(widget: ChatWidget): void {
    for (const off of this.unbind) off();
    this.widget = widget;
    this.list.replaceChildren();
    this.rows.clear();
    this.unbind = [
      widget.subscribe((state) => this.render(state)),
      widget.on('*', (event) => this.logEvent(event)),
    ];
  }

  private send(): void {
    const widget = this.widget;
    if (widget?.send(this.input.value)) {
      widget.setDraft('');
      this.input.value = '';
    }
  }

  private render(state: WidgetState): void {
    const { messages } = state.config;
    this.status.textContent =
      state.status === 'loading'
        ? 'Loading…'
        : state.status === 'error'
          ? messages.statusOffline
          : state.isResponding
            ? messages.statusResponding
            : `${messages.statusOnline}${state.sessionId ? ` · session ${state.sessionId.slice(0, 8)}` : ''}`;
    this.renderMessages(state.messages);
    this.typing.hidden = !state.isTyping;
    this.error.hidden = state.error === null;
    this.error.textContent = state.error?.message ?? '';
    if (this.input.value !== state.draft) this.input.value = state.draft;
    this.sendButton.disabled = state.isResponding || state.status !== 'ready';
    this.stopButton.hidden = !state.isResponding;
  }

  private renderMessages(messages: readonly ChatMessage[]): void {
    const nearBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    const seen = new Set<string>();
    let previous: Element | null = null;
    for (const message of messages) {
      seen.add(message.id);
      const row = this.rows.get(message.id) ?? this.createRow(message.id);
      if (row.message !== message) this.updateRow(row, message);
      // Keep DOM order equal to state order, moving nodes only when needed.
      const expected: ChildNode | null = previous ? previous.nextSibling : this.list.firstChild;
      if (expected !== row.item) this.list.insertBefore(row.item, expected);
      previous = row.item;
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.item.remove();
        this.rows.delete(id);
      }
    }
    if (nearBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private createRow(id: string): Row {
    const item = document.createElement('li');
    item.className = 'message';
    const content = document.createElement('span');
    const note = document.createElement('span');
    note.className = 'note';
    item.append(content, note);
    const row: Row = { item, content, note, message: undefined };
    this.rows.set(id, row);
    return row;
  }

  private updateRow(row: Row, message: ChatMessage): void {
    row.message = message;
    row.item.dataset.role = message.role;
    row.item.dataset.status = message.status;
    row.content.textContent = message.text;
    row.note.replaceChildren();
    const labels = this.widget?.getSnapshot().config.messages;
    if (!labels || (message.status !== 'failed' && message.status !== 'incomplete')) return;
    const why = message.error?.message;
    row.note.textContent =
      message.status === 'failed' ? (why ?? labels.messageFailed) : labels.messageIncomplete;
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = labels.retry;
    retry.addEventListener('click', () => this.widget?.retry(message.id));
    row.note.append(retry);
  }

  private logEvent(event: WidgetEvent): void {
    this.eventTotal++;
    this.eventCount.textContent = String(this.eventTotal);
    const item = document.createElement('li');
    const { type, at: _at, widgetId: _widgetId, ...rest } = event;
    item.textContent = `${type} ${JSON.stringify(rest)}`;
    this.events.prepend(item);
    while (this.events.childElementCount > 50) this.events.lastElementChild?.remove();
  }
}
