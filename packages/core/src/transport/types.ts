/** What the widget asks a transport to deliver. */
export interface TransportRequest {
  readonly sessionId: string;
  readonly text: string;
  /** Id of the user message being sent (stable across retries). */
  readonly messageId: string;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly files?: readonly File[] | undefined;
}

/**
 * One piece of a reply. A transport yields any number of replies, each opened by `start`
 * (optional for the first), filled by `delta`s and closed by `end`.
 */
export type ReplyChunk =
  | { readonly type: 'start'; readonly streamed: boolean }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'end' };

export interface TransportContext {
  /** Aborted when the visitor stops, starts over, or the widget is destroyed. */
  readonly signal: AbortSignal;
}

/** A message from an earlier conversation, as loaded from the bot. */
export interface HistoryMessage {
  readonly role: 'user' | 'bot';
  readonly text: string;
}

/**
 * The seam between the widget and a bot. Throw `WidgetError` for failures the visitor should
 * read about; anything else thrown is reported as a network error.
 */
export interface Transport {
  send(request: TransportRequest, context: TransportContext): AsyncIterable<ReplyChunk>;
  loadHistory?(sessionId: string, context: TransportContext): Promise<readonly HistoryMessage[]>;
}
