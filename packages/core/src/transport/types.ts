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
  | { readonly type: 'end' }
  /** The reply continues over the transport's `conversation` (n8n response nodes). */
  | { readonly type: 'handoff' };

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
  /** Bot messages that arrive outside any `send` (a live conversation such as n8n's websocket). */
  conversation?: Conversation;
}

/** What a live conversation reports between sends. */
export type ConversationEvent =
  /** A whole bot message. */
  | { readonly type: 'message'; readonly text: string }
  /** The bot is (or stopped) working on an answer. */
  | { readonly type: 'typing'; readonly typing: boolean }
  /** The conversation finished normally; the next message goes out as a new request. */
  | { readonly type: 'ended' }
  /** The conversation broke off and could not be resumed. */
  | { readonly type: 'dropped'; readonly error: unknown };

export interface Conversation {
  /** Calls `listener` for every event from now on; returns an unsubscribe function. */
  subscribe(listener: (event: ConversationEvent) => void): () => void;
  /** Ends the live conversation, if any (a new session, or the widget is destroyed). */
  close(): void;
}
