import type { ChatWidgetView } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { h, icon, icons, setText } from '../element.js';

/** Floating: the tooltip (with its dismiss control) and the bubble with its unread badge. */
export function createBubble(doc: Document) {
  const tooltip = h(doc, 'div');
  const tooltipText = h(doc, 'span');
  const tooltipClose = h(doc, 'button');
  tooltipClose.append(icon(doc, icons.close));
  tooltip.append(tooltipText, tooltipClose);

  const bubble = h(doc, 'button');
  const badge = h(doc, 'span');
  bubble.append(icon(doc, icons.chat), icon(doc, icons.close), badge);

  return {
    elements: [tooltip, bubble] as const,
    update(view: ChatWidgetView): void {
      applyProps(tooltip, view.getTooltipProps());
      setText(tooltipText, view.tooltipText);
      applyProps(tooltipClose, view.getTooltipCloseProps());
      applyProps(bubble, view.getBubbleProps());
      applyProps(badge, view.getUnreadBadgeProps());
      setText(badge, view.unreadBadgeText);
    },
  };
}
