import type { WidgetState } from '../types.js';
import { getIds } from '../view/ids.js';

/**
 * Which element to focus after a change, by id, or null: the input when the floating window
 * opens, the bubble when it closes while focus was inside the widget. Never on first render.
 */
export function getFocusTarget(
  previous: WidgetState | null | undefined,
  next: WidgetState,
  focusWithin = true,
): string | null {
  if (previous == null || next.type !== 'floating' || previous.isOpen === next.isOpen) return null;
  const ids = getIds(next.config.id);
  if (next.isOpen) return ids.input;
  return focusWithin ? ids.bubble : null;
}
