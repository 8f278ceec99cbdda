import { bubbleIcon, type ChatWidgetConfig, partAttributes } from '@cwp/core';
import { drawTree } from '../element.js';

function setAttributes(element: Element, attrs: Record<string, string>): void {
  for (const name of Object.keys(attrs)) element.setAttribute(name, attrs[name] as string);
}

/**
 * The bubble the loader shows before the rest of the widget arrives: the same anatomy, attributes
 * and styles as the real one, which replaces it in place.
 */
export function drawStubBubble(doc: Document, config: ChatWidgetConfig): HTMLElement {
  const root = doc.createElement('div');
  setAttributes(root, {
    ...partAttributes('root'),
    'data-type': 'floating',
    'data-state': 'closed',
    'data-status': 'loading',
    'data-position': config.bubble?.position ?? 'bottom-right',
    'data-theme': config.theme?.colorScheme ?? 'auto',
    // Lets page models and scripts tell it from the widget that replaces it.
    'data-placeholder': '',
  });
  const bubble = doc.createElement('button');
  setAttributes(bubble, {
    ...partAttributes('bubble'),
    type: 'button',
    'data-state': 'closed',
    'aria-expanded': 'false',
    'aria-haspopup': 'dialog',
    'aria-label': config.messages?.openChat ?? 'Open chat',
  });
  bubble.append(drawTree(doc, bubbleIcon(config.bubble?.icon ?? 'chat')));
  root.append(bubble);
  return root;
}
