import { type ChatWidgetView, icons, type RenderElement } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h, setText } from '../element.js';

/** Floating: the tooltip (with its dismiss control) and the bubble with its unread badge. */
export function createBubble(doc: Document) {
  const tooltip = h(doc, 'div');
  const tooltipAvatar = h(doc, 'img');
  const tooltipText = h(doc, 'span');
  const tooltipClose = h(doc, 'button');
  tooltipClose.append(drawTree(doc, icons.close));
  tooltip.append(tooltipAvatar, tooltipText, tooltipClose);

  const bubble = h(doc, 'button');
  const badge = h(doc, 'span');
  let iconTree: RenderElement = icons.chat;
  let icon = drawTree(doc, iconTree);
  bubble.append(icon, drawTree(doc, icons.close), badge);

  return {
    elements: [tooltip, bubble] as const,
    update(view: ChatWidgetView): void {
      applyProps(tooltip, view.getTooltipProps());
      applyProps(tooltipAvatar, view.getTooltipAvatarProps());
      applyProps(tooltipText, view.getTooltipTextProps());
      setText(tooltipText, view.tooltipText);
      applyProps(tooltipClose, view.getTooltipCloseProps());
      applyProps(bubble, view.getBubbleProps());
      if (view.bubbleIcon !== iconTree) {
        iconTree = view.bubbleIcon;
        const next = drawTree(doc, iconTree);
        bubble.replaceChild(next, icon);
        icon = next;
      }
      applyProps(badge, view.getUnreadBadgeProps());
      setText(badge, view.unreadBadgeText);
    },
  };
}
