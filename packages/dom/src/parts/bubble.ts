import { type ChatWidgetView, icons } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h, setText } from '../element.js';

/** Floating: the tooltip (with its dismiss control) and the bubble with its unread badge. */
export function createBubble(doc: Document) {
  const tooltip = h(doc, 'div');
  const tooltipText = h(doc, 'span');
  const tooltipClose = h(doc, 'button');
  tooltipClose.append(drawTree(doc, icons.close));
  tooltip.append(tooltipText, tooltipClose);

  const bubble = h(doc, 'button');
  const badge = h(doc, 'span');
  bubble.append(drawTree(doc, icons.chat), drawTree(doc, icons.close), badge);

  return {
    elements: [tooltip, bubble] as const,
    update(view: ChatWidgetView): void {
      applyProps(tooltip, view.getTooltipProps());
      applyProps(tooltipText, view.getTooltipTextProps());
      setText(tooltipText, view.tooltipText);
      applyProps(tooltipClose, view.getTooltipCloseProps());
      applyProps(bubble, view.getBubbleProps());
      applyProps(badge, view.getUnreadBadgeProps());
      setText(badge, view.unreadBadgeText);
    },
  };
}
