import { storableText } from './sql.js';
import type { AnalyticsKind, AnalyticsRecord, TranscriptLine } from './types.js';

export const ANALYTICS_KINDS: readonly AnalyticsKind[] = [
  'message',
  'response',
  'error',
  'session_started',
  'opened',
  'closed',
  'tooltip_shown',
  'tooltip_clicked',
  'starter_prompt',
  'button_chosen',
  'file',
  'feedback_up',
  'feedback_down',
  'feedback_cleared',
  'loaded',
];

const KINDS = new Set<string>(ANALYTICS_KINDS);
const MAX_SESSION_ID = 200;
const MAX_ERROR_KIND = 100;
const MAX_TRANSCRIPT_TEXT = 100_000;
const MAX_LATENCY_MS = 2_147_483_647;

const dayMs = 86_400_000;
// Nearly every record falls on the day of the one before: its text is made once a day.
let lastDay = { start: 0, text: '1970-01-01' };

/** UTC day of an epoch-ms instant, YYYY-MM-DD. */
export function utcDay(ms: number): string {
  if (ms >= lastDay.start && ms < lastDay.start + dayMs) return lastDay.text;
  const start = Math.floor(ms / dayMs) * dayMs;
  lastDay = { start, text: new Date(start).toISOString().slice(0, 10) };
  return lastDay.text;
}

/** Why a record cannot be stored, or null when it can. The recorder refuses these up front so one bad record never sinks a batch. */
export function analyticsRecordProblem(record: AnalyticsRecord): string | null {
  if (typeof record.widgetId !== 'string' || record.widgetId.length === 0) return 'no widgetId';
  if (!KINDS.has(record.kind)) return `unknown kind ${JSON.stringify(String(record.kind))}`;
  if (!Number.isFinite(record.at) || Math.abs(record.at) > 8.64e15) return 'at is not a valid time';
  return null;
}

function text(value: string | null | undefined, max: number): string | null {
  if (typeof value !== 'string') return null;
  return storableText(value.slice(0, max));
}

export interface AnalyticsRow {
  readonly widgetId: string;
  readonly at: number;
  readonly day: string;
  readonly kind: AnalyticsKind;
  readonly sessionId: string | null;
  readonly latencyMs: number | null;
  readonly streamed: boolean | null;
  readonly errorKind: string | null;
  readonly messageId: string | null;
}

/** Rows ready to insert; records that cannot be stored are left out. */
export function analyticsRows(records: readonly AnalyticsRecord[]): AnalyticsRow[] {
  const rows: AnalyticsRow[] = [];
  for (const r of records) {
    if (analyticsRecordProblem(r) !== null) continue;
    const at = Math.round(r.at);
    const latency =
      typeof r.latencyMs === 'number' && Number.isFinite(r.latencyMs)
        ? Math.min(Math.max(Math.round(r.latencyMs), 0), MAX_LATENCY_MS)
        : null;
    rows.push({
      widgetId: r.widgetId,
      at,
      day: utcDay(at),
      kind: r.kind,
      sessionId: text(r.sessionId, MAX_SESSION_ID),
      latencyMs: latency,
      streamed: typeof r.streamed === 'boolean' ? r.streamed : null,
      errorKind: text(r.errorKind, MAX_ERROR_KIND),
      messageId: text(r.messageId, MAX_SESSION_ID),
    });
  }
  return rows;
}

export interface TranscriptRow {
  readonly widgetId: string;
  readonly sessionId: string;
  readonly role: 'user' | 'bot';
  readonly text: string;
  readonly at: number;
}

export function transcriptRows(lines: readonly TranscriptLine[]): TranscriptRow[] {
  return lines
    .filter((l) => Number.isFinite(l.at) && (l.role === 'user' || l.role === 'bot'))
    .map((l) => ({
      widgetId: l.widgetId,
      sessionId: text(l.sessionId, MAX_SESSION_ID) ?? '',
      role: l.role,
      text: text(l.text, MAX_TRANSCRIPT_TEXT) ?? '',
      at: Math.round(l.at),
    }));
}

/** Distinct widget ids of a batch, to check which exist once per batch rather than once per row. */
export function distinctWidgetIds(rows: readonly { readonly widgetId: string }[]): string[] {
  return [...new Set(rows.map((r) => r.widgetId))];
}

/** How long a written batch id is remembered; retries of one batch happen well within it. */
export const BATCH_ID_RETENTION_MS = 24 * 3_600_000;
/** Old rows (batch ids, session bindings) are swept on about one write in this many, off the hot path. */
const SWEEP_EVERY = 100;

export function shouldSweep(): boolean {
  return Math.random() * SWEEP_EVERY < 1;
}

export const MARK_BATCH_SQL =
  'INSERT INTO analytics_batches (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING';
export const SWEEP_BATCHES_SQL = 'DELETE FROM analytics_batches WHERE at < ?';
