import type { CountedEventType } from '../protocol.js';
import type { AnalyticsKind } from '../store/types.js';

// A Map, not an object literal: `constructor`, `__proto__` or `toString` must not find anything.
const kinds: ReadonlyMap<string, AnalyticsKind> = new Map<CountedEventType, AnalyticsKind>([
  ['loaded', 'loaded'],
  ['opened', 'opened'],
  ['closed', 'closed'],
  ['tooltip_shown', 'tooltip_shown'],
  ['tooltip_clicked', 'tooltip_clicked'],
  ['session_started', 'session_started'],
  ['starter_prompt_sent', 'starter_prompt'],
  ['button_chosen', 'button_chosen'],
  ['error', 'error'],
]);

const feedbackKinds: ReadonlyMap<unknown, AnalyticsKind> = new Map<unknown, AnalyticsKind>([
  ['up', 'feedback_up'],
  ['down', 'feedback_down'],
  [null, 'feedback_cleared'],
]);

/**
 * The analytics kind a widget event is counted as, or undefined for types not counted. A
 * `feedback` event's kind is its thumb (`value`), and it counts only with the message it rates.
 */
export function eventKind(type: string, value?: unknown): AnalyticsKind | undefined {
  if (type === 'feedback') return feedbackKinds.get(value);
  return kinds.get(type);
}
