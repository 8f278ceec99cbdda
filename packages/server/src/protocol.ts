/**
 * Wire shapes shared with the browser side (no Node imports here).
 * Chat itself is the n8n Chat Trigger protocol, unchanged.
 */

/** `GET /v1/widgets/:id/config` answers this. */
export interface PublicWidgetConfigResponse {
  readonly id: string;
  /** Public widget configuration; never the webhook URL, allowed origins or limits. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Event types the server counts from widget batches. */
export const countedEventTypes = [
  'loaded',
  'opened',
  'closed',
  'tooltip_shown',
  'tooltip_clicked',
  'session_started',
  'starter_prompt_sent',
  'button_chosen',
  'feedback',
  'error',
] as const;

/**
 * Event types accepted but not counted: chat messages and replies are counted from the proxied
 * `/chat` traffic itself, so the browser's copies would count twice.
 */
export const ignoredEventTypes = [
  'message_sent',
  'response_received',
  'response_stopped',
  'tooltip_dismissed',
  'session_reset',
  'history_loaded',
] as const;

export type CountedEventType = (typeof countedEventTypes)[number];
export type IgnoredEventType = (typeof ignoredEventTypes)[number];

/** One event in a batch. Other fields (core's WidgetEvent carries several) are allowed and ignored. */
export type WidgetEventWire = {
  readonly type: CountedEventType | IgnoredEventType;
  /** Epoch ms. */
  readonly at: number;
  readonly sessionId?: string | null;
  /** For `error` events: the widget's error kind. */
  readonly kind?: string;
  /** For `feedback` events: the bot message rated. */
  readonly messageId?: string;
  /** For `feedback` events: the thumb, or null when the visitor took it back. */
  readonly value?: 'up' | 'down' | null;
  /** For `starter_prompt_sent` and `button_chosen` events: which starter prompt or button. */
  readonly index?: number;
};

/** `POST /v1/widgets/:id/events` body (JSON; `text/plain` accepted for `navigator.sendBeacon`). */
export interface EventsBatch {
  readonly events: readonly WidgetEventWire[];
}

export const maxEventsPerBatch = 100;

/** Session ids the server accepts: what `crypto.randomUUID()` and most generators produce. */
export const sessionIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

export const maxChatInputLength = 16_000;

/** Every error the server answers with, on every route. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    /** The HTTP status of this answer (on proxy errors). */
    readonly status?: number;
    /** The webhook's status when it answered with an error. */
    readonly upstreamStatus?: number;
    /** A readable explanation for developers and operators; never contains upstream content. */
    readonly message?: string;
  };
}
