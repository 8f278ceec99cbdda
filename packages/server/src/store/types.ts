import type { TranscriptSearch, TranscriptSession } from './transcript-search.js';

/** Per-widget limits the proxy enforces. Every field has a server default. */
export interface WidgetLimits {
  /** Chat requests per client IP per minute. */
  readonly perIpPerMinute: number;
  /** Chat requests per session id per minute. */
  readonly perSessionPerMinute: number;
  /** Chat requests for the whole widget per minute. */
  readonly perWidgetPerMinute: number;
  /** Replies streaming at once for this widget. */
  readonly maxConcurrentStreams: number;
  /** Largest accepted request body, bytes. */
  readonly maxBodyBytes: number;
  /** Time allowed until the webhook answers with headers, ms. */
  readonly requestTimeoutMs: number;
  /** Longest silence allowed inside a streamed reply, ms. */
  readonly idleTimeoutMs: number;
  /** Longest a whole reply may take, from forwarding the message to its last byte, ms. */
  readonly maxReplyMs: number;
}

export interface WidgetRecord {
  /** Public id used in widget URLs. */
  readonly id: string;
  readonly name: string;
  /** Secret: never leaves the server except through the admin API. */
  readonly webhookUrl: string;
  /** Exact origins (scheme://host[:port]) allowed to use the widget; "null" only if listed. */
  readonly allowedOrigins: readonly string[];
  /** Public widget config served to browsers (a subset of @cwp/core's config). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Overrides of the server's default limits. */
  readonly limits: Partial<WidgetLimits>;
  readonly disabled: boolean;
  /** Store message text (transcripts); off by default. */
  readonly transcripts: boolean;
  /** Verified visitors; the identity secret itself is never part of the record. */
  readonly identity: IdentitySettings;
  /** ISO timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface IdentitySettings {
  /** Refuse chats without a valid identity token. */
  readonly required: boolean;
  /** Token claims passed to the webhook beside the `sub` (as `id`), e.g. `['name', 'email']`. */
  readonly claims: readonly string[];
}

export interface NewWidget {
  readonly name: string;
  readonly webhookUrl: string;
  readonly allowedOrigins: readonly string[];
  readonly config?: Readonly<Record<string, unknown>>;
  readonly limits?: Partial<WidgetLimits>;
  readonly transcripts?: boolean;
  readonly identity?: Partial<IdentitySettings>;
}

export type WidgetPatch = Partial<NewWidget & { readonly disabled: boolean }>;

/** What analytics counts. Chat traffic is recorded by the proxy; the rest comes from widget event batches. */
export type AnalyticsKind =
  | 'message' // a visitor message the proxy forwarded
  | 'response' // a reply that completed (latencyMs, streamed)
  | 'error' // a failed chat request or a widget-reported error (errorKind)
  | 'session_started'
  | 'opened'
  | 'closed'
  | 'tooltip_shown'
  | 'tooltip_clicked'
  | 'starter_prompt' // a starter prompt clicked
  | 'button_chosen' // a button of a bot message with buttons chosen
  | 'file' // a file uploaded with a visitor message (one row per file; never its name or contents)
  | 'feedback_up' // a visitor's thumb on a bot reply (messageId); the latest per message counts
  | 'feedback_down'
  | 'feedback_cleared'
  | 'loaded';

export interface AnalyticsRecord {
  readonly widgetId: string;
  /** Epoch ms. */
  readonly at: number;
  readonly kind: AnalyticsKind;
  readonly sessionId?: string | null;
  readonly latencyMs?: number | null;
  readonly streamed?: boolean | null;
  /** e.g. 'timeout', 'http_502', 'bad_reply', 'network', 'rate_limited'. */
  readonly errorKind?: string | null;
  /** Feedback: the bot message rated. */
  readonly messageId?: string | null;
}

export interface TranscriptLine {
  readonly widgetId: string;
  readonly sessionId: string;
  readonly role: 'user' | 'bot';
  readonly text: string;
  readonly at: number;
}

export interface DailyReport {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  /** Distinct session ids seen that day. */
  readonly sessions: number;
  readonly messages: number;
  readonly responses: number;
  readonly streamedResponses: number;
  readonly errors: number;
  readonly errorsByKind: Readonly<Record<string, number>>;
  readonly loads: number;
  readonly opens: number;
  readonly tooltipClicks: number;
  /** Starter prompts clicked. */
  readonly starterPrompts: number;
  /** Buttons of bot messages with buttons chosen (every kind: fetched, opened or sent). */
  readonly buttonsChosen: number;
  /** Files uploaded with visitor messages (counted by the proxy; contents never stored). */
  readonly files: number;
  /** Bot replies rated thumbs up / down (a visitor's latest rating of a reply, on the day given). */
  readonly feedbackUp: number;
  readonly feedbackDown: number;
  readonly latencyP50: number | null;
  readonly latencyP95: number | null;
  /** errors / (messages), 0 when no messages. */
  readonly errorRate: number;
  /** opens / loads, 0 when no loads. */
  readonly openRate: number;
  /** feedbackUp / (feedbackUp + feedbackDown); null when no reply was rated. */
  readonly feedbackRate: number | null;
}

export interface WidgetReport {
  readonly widgetId: string;
  /** ISO day range, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly days: readonly DailyReport[];
  /** Whole-range figures; percentiles over the whole range, not averaged. */
  readonly totals: Omit<DailyReport, 'day'>;
}

export interface RecordAnalyticsOptions {
  /**
   * Makes the write idempotent: when a retry follows a write whose outcome was unclear (the connection
   * dropped around COMMIT), a batch id already stored is skipped instead of counted twice. Kept 24 h.
   */
  readonly batchId?: string;
}

/** One interface, two backends: embedded SQLite (default) and PostgreSQL (DATABASE_URL). */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to run from several instances at once. */
  migrate(): Promise<void>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  createWidget(input: NewWidget): Promise<WidgetRecord>;
  getWidget(id: string): Promise<WidgetRecord | null>;
  listWidgets(): Promise<readonly WidgetRecord[]>;
  updateWidget(id: string, patch: WidgetPatch): Promise<WidgetRecord | null>;
  deleteWidget(id: string): Promise<boolean>;
  /** Writes a batch in one transaction; with a batchId, a batch already written is skipped. */
  recordAnalytics(
    records: readonly AnalyticsRecord[],
    options?: RecordAnalyticsOptions,
  ): Promise<void>;
  /**
   * Only on stores that commit synchronously (SQLite): writes a batch in one transaction before
   * returning, and throws if it could not. The analytics recorder uses it so a crash loses nothing.
   */
  recordAnalyticsNow?(records: readonly AnalyticsRecord[]): void;
  /** The widget's identity secret (null: none yet, or no such widget). */
  identitySecret(widgetId: string): Promise<string | null>;
  /** Replaces the widget's identity secret; false when there is no such widget. */
  setIdentitySecret(widgetId: string, secret: string): Promise<boolean>;
  /** The `sub` a session is bound to, or null. */
  sessionIdentity(widgetId: string, sessionId: string): Promise<string | null>;
  /** Binds the session to `sub` unless it is bound already; returns the `sub` it is bound to. */
  bindSession(widgetId: string, sessionId: string, sub: string): Promise<string>;
  saveTranscript(lines: readonly TranscriptLine[]): Promise<void>;
  listTranscript(widgetId: string, sessionId: string): Promise<readonly TranscriptLine[]>;
  /** Conversations with lines in a range (optionally containing a text), most recent first. */
  transcriptSessions(
    widgetId: string,
    search: TranscriptSearch,
  ): Promise<readonly TranscriptSession[]>;
  /** Per UTC day between two epoch-ms instants (inclusive days). */
  report(widgetId: string, fromMs: number, toMs: number): Promise<WidgetReport>;
  close(): Promise<void>;
}
