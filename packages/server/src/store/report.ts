import { utcDay } from './analytics-rows.js';
import { type SqlNumber, toNumber } from './sql.js';
import type { DailyReport, WidgetReport } from './types.js';

/** Longest report range in days; longer requests are a caller error (the days array is zero-filled). */
export const MAX_REPORT_DAYS = 3660;
const DAY_MS = 86_400_000;

/** Nearest-rank percentile of an ascending list: the smallest value with at least p% of values at or below it. */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sortedAscending[Math.min(rank, n) - 1] ?? null;
}

export interface ReportRange {
  readonly fromDay: string;
  readonly toDay: string;
  readonly days: readonly string[];
}

export function reportRange(fromMs: number, toMs: number): ReportRange {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw new RangeError('report range: from and to must be epoch milliseconds');
  }
  if (fromMs > toMs) throw new RangeError('report range: from is after to');
  const first = Date.parse(`${utcDay(fromMs)}T00:00:00Z`);
  const count = Math.floor((Date.parse(`${utcDay(toMs)}T00:00:00Z`) - first) / DAY_MS) + 1;
  if (count > MAX_REPORT_DAYS) {
    throw new RangeError(`report range: at most ${MAX_REPORT_DAYS} days (asked for ${count})`);
  }
  const days = Array.from({ length: count }, (_, i) => utcDay(first + i * DAY_MS));
  return { fromDay: days[0]!, toDay: days[count - 1]!, days };
}

const WHERE_RANGE = 'widget_id = ? AND day >= ? AND day <= ?';

/** Report queries, shared by both backends (`?` placeholders); each takes [widgetId, fromDay, toDay]. */
export const REPORT_SQL = {
  dayCounts: `SELECT day,
    COUNT(DISTINCT session_id) AS sessions,
    SUM(CASE WHEN kind = 'message' THEN 1 ELSE 0 END) AS messages,
    SUM(CASE WHEN kind = 'response' THEN 1 ELSE 0 END) AS responses,
    SUM(CASE WHEN kind = 'response' AND streamed THEN 1 ELSE 0 END) AS streamed_responses,
    SUM(CASE WHEN kind = 'error' THEN 1 ELSE 0 END) AS errors,
    SUM(CASE WHEN kind = 'loaded' THEN 1 ELSE 0 END) AS loads,
    SUM(CASE WHEN kind = 'opened' THEN 1 ELSE 0 END) AS opens,
    SUM(CASE WHEN kind = 'tooltip_clicked' THEN 1 ELSE 0 END) AS tooltip_clicks,
    SUM(CASE WHEN kind = 'starter_prompt' THEN 1 ELSE 0 END) AS starter_prompts,
    SUM(CASE WHEN kind = 'button_chosen' THEN 1 ELSE 0 END) AS buttons_chosen,
    SUM(CASE WHEN kind = 'file' THEN 1 ELSE 0 END) AS files
    FROM analytics WHERE ${WHERE_RANGE} GROUP BY day`,
  errorKinds: `SELECT day, COALESCE(error_kind, 'unknown') AS error_kind, COUNT(*) AS n
    FROM analytics WHERE ${WHERE_RANGE} AND kind = 'error'
    GROUP BY day, COALESCE(error_kind, 'unknown')`,
  latencies: `SELECT day, latency_ms FROM analytics
    WHERE ${WHERE_RANGE} AND kind = 'response' AND latency_ms IS NOT NULL`,
  rangeSessions: `SELECT COUNT(DISTINCT session_id) AS sessions FROM analytics WHERE ${WHERE_RANGE}`,
  // A visitor may change or take back a thumb: only their latest rating of a reply counts, on its day.
  feedback: `SELECT day,
    SUM(CASE WHEN kind = 'feedback_up' THEN 1 ELSE 0 END) AS up,
    SUM(CASE WHEN kind = 'feedback_down' THEN 1 ELSE 0 END) AS down
    FROM (SELECT day, kind, ROW_NUMBER() OVER (
        PARTITION BY session_id, message_id ORDER BY at DESC, id DESC) AS latest
      FROM analytics WHERE widget_id = ? AND message_id IS NOT NULL
        AND kind IN ('feedback_up', 'feedback_down', 'feedback_cleared')) ratings
    WHERE latest = 1 AND day >= ? AND day <= ? GROUP BY day`,
} as const;

export interface DayCountsRow {
  readonly day: string;
  readonly sessions: SqlNumber;
  readonly messages: SqlNumber;
  readonly responses: SqlNumber;
  readonly streamed_responses: SqlNumber;
  readonly errors: SqlNumber;
  readonly loads: SqlNumber;
  readonly opens: SqlNumber;
  readonly tooltip_clicks: SqlNumber;
  readonly starter_prompts: SqlNumber;
  readonly buttons_chosen: SqlNumber;
  readonly files: SqlNumber;
}
export interface FeedbackRow {
  readonly day: string;
  readonly up: SqlNumber;
  readonly down: SqlNumber;
}
export interface ErrorKindRow {
  readonly day: string;
  readonly error_kind: string;
  readonly n: SqlNumber;
}
export interface LatencyRow {
  readonly day: string;
  readonly latency_ms: SqlNumber;
}
export interface RangeSessionsRow {
  readonly sessions: SqlNumber;
}

export interface ReportRows {
  readonly dayCounts: readonly DayCountsRow[];
  readonly errorKinds: readonly ErrorKindRow[];
  readonly latencies: readonly LatencyRow[];
  readonly rangeSessions: readonly RangeSessionsRow[];
  readonly feedback: readonly FeedbackRow[];
}

type Counts = Omit<
  DailyReport,
  'day' | 'latencyP50' | 'latencyP95' | 'errorRate' | 'openRate' | 'feedbackRate'
>;

function figures(counts: Counts, latencies: number[]): Omit<DailyReport, 'day'> {
  latencies.sort((a, b) => a - b);
  return {
    ...counts,
    latencyP50: percentile(latencies, 50),
    latencyP95: percentile(latencies, 95),
    errorRate: counts.messages > 0 ? counts.errors / counts.messages : 0,
    openRate: counts.loads > 0 ? counts.opens / counts.loads : 0,
    feedbackRate:
      counts.feedbackUp + counts.feedbackDown > 0
        ? counts.feedbackUp / (counts.feedbackUp + counts.feedbackDown)
        : null,
  };
}

const ZERO: Counts = {
  sessions: 0,
  messages: 0,
  responses: 0,
  streamedResponses: 0,
  errors: 0,
  errorsByKind: {},
  loads: 0,
  opens: 0,
  tooltipClicks: 0,
  starterPrompts: 0,
  buttonsChosen: 0,
  files: 0,
  feedbackUp: 0,
  feedbackDown: 0,
};

/** Every day of the range (zero-filled) plus whole-range totals; percentiles are over the whole range's latencies. */
export function assembleReport(
  widgetId: string,
  range: ReportRange,
  rows: ReportRows,
): WidgetReport {
  const counts = new Map<string, Counts>();
  for (const r of rows.dayCounts) {
    counts.set(r.day, {
      sessions: toNumber(r.sessions),
      messages: toNumber(r.messages),
      responses: toNumber(r.responses),
      streamedResponses: toNumber(r.streamed_responses),
      errors: toNumber(r.errors),
      errorsByKind: {},
      loads: toNumber(r.loads),
      opens: toNumber(r.opens),
      tooltipClicks: toNumber(r.tooltip_clicks),
      starterPrompts: toNumber(r.starter_prompts),
      buttonsChosen: toNumber(r.buttons_chosen),
      files: toNumber(r.files),
      feedbackUp: 0,
      feedbackDown: 0,
    });
  }
  // A day may have ratings whose rows are all older than its other events, or no other events.
  for (const r of rows.feedback) {
    const day = counts.get(r.day) ?? { ...ZERO };
    counts.set(r.day, { ...day, feedbackUp: toNumber(r.up), feedbackDown: toNumber(r.down) });
  }
  const kindsByDay = new Map<string, Record<string, number>>();
  const totalKinds: Record<string, number> = Object.create(null);
  for (const r of rows.errorKinds) {
    const n = toNumber(r.n);
    let kinds = kindsByDay.get(r.day);
    if (!kinds) {
      kinds = Object.create(null) as Record<string, number>;
      kindsByDay.set(r.day, kinds);
    }
    kinds[r.error_kind] = (kinds[r.error_kind] ?? 0) + n;
    totalKinds[r.error_kind] = (totalKinds[r.error_kind] ?? 0) + n;
  }
  const latenciesByDay = new Map<string, number[]>();
  const allLatencies: number[] = [];
  for (const r of rows.latencies) {
    const ms = toNumber(r.latency_ms);
    let list = latenciesByDay.get(r.day);
    if (!list) {
      list = [];
      latenciesByDay.set(r.day, list);
    }
    list.push(ms);
    allLatencies.push(ms);
  }

  const days: DailyReport[] = range.days.map((day) => ({
    day,
    ...figures(
      { ...(counts.get(day) ?? ZERO), errorsByKind: { ...(kindsByDay.get(day) ?? {}) } },
      latenciesByDay.get(day) ?? [],
    ),
  }));
  const sum = (pick: (d: DailyReport) => number) => days.reduce((acc, d) => acc + pick(d), 0);
  const totals = figures(
    {
      sessions: toNumber(rows.rangeSessions[0]?.sessions),
      messages: sum((d) => d.messages),
      responses: sum((d) => d.responses),
      streamedResponses: sum((d) => d.streamedResponses),
      errors: sum((d) => d.errors),
      errorsByKind: { ...totalKinds },
      loads: sum((d) => d.loads),
      opens: sum((d) => d.opens),
      tooltipClicks: sum((d) => d.tooltipClicks),
      starterPrompts: sum((d) => d.starterPrompts),
      buttonsChosen: sum((d) => d.buttonsChosen),
      files: sum((d) => d.files),
      feedbackUp: sum((d) => d.feedbackUp),
      feedbackDown: sum((d) => d.feedbackDown),
    },
    allLatencies,
  );
  return { widgetId, from: range.fromDay, to: range.toDay, days, totals };
}
