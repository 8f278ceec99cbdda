/**
 * What a widget's analytics batch (`POST /v1/widgets/:id/events`) means for the report: which events
 * become records, and which are ignored (unknown types, what /chat already counted, stale times).
 */
import * as v from 'valibot';
import { maxEventsPerBatch, sessionIdPattern } from '../protocol.js';
import type { AnalyticsRecord } from '../store/types.js';
import { eventKind } from './event-types.js';

const eventSchema = v.looseObject({
  type: v.pipe(v.string(), v.maxLength(64)),
  at: v.pipe(v.number(), v.finite()),
  sessionId: v.optional(v.nullable(v.string())),
  kind: v.optional(v.string()),
  via: v.optional(v.string()),
  messageId: v.optional(v.string()),
  value: v.optional(v.unknown()),
});

export const batchSchema = v.object({
  /** Set by @cwp/core, which sends a batch again until it is acknowledged: counted once per id. */
  batchId: v.optional(
    v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/, 'batchId must be 8-64 letters, digits, _ or -')),
  ),
  events: v.pipe(
    v.array(eventSchema, 'events must be an array'),
    v.maxLength(maxEventsPerBatch, `at most ${maxEventsPerBatch} events per batch`),
  ),
});

export type BatchEvent = v.InferOutput<typeof eventSchema>;

// Only errors the proxy cannot see; the rest it already counted from the /chat traffic.
const clientOnlyErrorKinds = new Set(['network', 'offline', 'config', 'load']);

// Events older than a day or from the future are dropped: they would rewrite past reports.
const eventWindowPastMs = 24 * 60 * 60 * 1000;
const eventWindowFutureMs = 5 * 60 * 1000;

/** The records a batch's events make, and how many of its events were accepted. */
export function batchRecords(
  widgetId: string,
  events: readonly BatchEvent[],
  now: number,
): { records: AnalyticsRecord[]; accepted: number } {
  let accepted = 0;
  const records: AnalyticsRecord[] = [];
  for (const event of events) {
    const kind = eventKind(event.type, event.value);
    if (!kind) continue;
    const messageId =
      typeof event.messageId === 'string' && sessionIdPattern.test(event.messageId)
        ? event.messageId
        : null;
    if (kind.startsWith('feedback_') && messageId === null) continue;
    if (kind === 'error' && !clientOnlyErrorKinds.has(event.kind ?? '')) continue;
    // The report's opens are the visitor's own: a window autoOpen opened is not one.
    if (kind === 'opened' && event.via === 'auto') continue;
    if (event.at < now - eventWindowPastMs || event.at > now + eventWindowFutureMs) continue;
    const sessionId =
      typeof event.sessionId === 'string' && sessionIdPattern.test(event.sessionId)
        ? event.sessionId
        : null;
    const record: AnalyticsRecord = {
      widgetId,
      at: Math.round(event.at),
      kind,
      sessionId,
      ...(kind === 'error' ? { errorKind: widgetErrorKind(event.kind) } : {}),
      ...(kind.startsWith('feedback_') ? { messageId } : {}),
    };
    records.push(record);
    // @cwp/core reports a tooltip click as an open that came through the tooltip.
    if (kind === 'opened' && event.via === 'tooltip') {
      records.push({ ...record, kind: 'tooltip_clicked' });
    }
    accepted += 1;
  }
  return { records, accepted };
}

function widgetErrorKind(kind: string | undefined): string {
  return `widget_${kind ?? 'unknown'}`;
}
