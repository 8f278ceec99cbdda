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
  ['error', 'error'],
]);

/** The analytics kind a widget event type is counted as, or undefined for types not counted. */
export function eventKind(type: string): AnalyticsKind | undefined {
  return kinds.get(type);
}
