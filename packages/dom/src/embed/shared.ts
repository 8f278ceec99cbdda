/**
 * What the loader shares with the rest of the widget (cwp-widget.js), which reads it instead of
 * carrying a second copy (see scripts/lib/shared-from-loader.ts, which lists the same modules).
 */
import { adoptStylesheet } from '@cwp/core/dom';
import { bubbleIcon, bubbleIconTrees, iconTree } from '@cwp/core/on-demand';
import { bubbleStylesheet } from '@cwp/core/styles';
import { drawTree, h, setText } from '../element.js';

const shared = {
  bubbleStylesheet,
  bubbleIcon,
  bubbleIconTrees,
  iconTree,
  adoptStylesheet,
  drawTree,
  h,
  setText,
};

declare global {
  interface Window {
    ChatWidgetProShared?: typeof shared;
  }
}

export function shareWithRuntime(): void {
  window.ChatWidgetProShared ??= shared;
}
