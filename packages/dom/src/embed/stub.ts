import type { ChatWidgetConfig } from '@cwp/core';

const chatIcon =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

/**
 * The bubble the loader shows before the rest of the widget arrives: the same anatomy, attributes
 * and styles as the real one, which replaces it in place.
 */
export function drawStubBubble(doc: Document, config: ChatWidgetConfig): HTMLElement {
  const root = doc.createElement('div');
  const attrs: Record<string, string> = {
    'data-scope': 'cwp',
    'data-part': 'root',
    'data-type': 'floating',
    'data-state': 'closed',
    'data-status': 'loading',
    'data-position': config.bubble?.position ?? 'bottom-right',
    'data-theme': config.theme?.colorScheme ?? 'auto',
    // Lets page models and scripts tell it from the widget that replaces it.
    'data-placeholder': '',
  };
  for (const name in attrs) root.setAttribute(name, attrs[name] as string);
  const bubble = doc.createElement('button');
  bubble.type = 'button';
  bubble.setAttribute('data-scope', 'cwp');
  bubble.setAttribute('data-part', 'bubble');
  bubble.setAttribute('data-state', 'closed');
  bubble.setAttribute('aria-expanded', 'false');
  bubble.setAttribute('aria-haspopup', 'dialog');
  bubble.setAttribute('aria-label', config.messages?.openChat ?? 'Open chat');
  const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', chatIcon);
  svg.append(path);
  bubble.append(svg);
  root.append(bubble);
  return root;
}
