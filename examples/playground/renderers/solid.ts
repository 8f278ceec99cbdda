// The playground's Solid renderer: @cwp/solid's <ChatWidget> rendered with Solid's render().
import type { ChatWidgetConfig } from '@cwp/core';
import { ChatWidget } from '@cwp/solid';
import { createComponent } from 'solid-js';
import { render } from 'solid-js/web';

export function mount(target: HTMLElement, config: ChatWidgetConfig): () => void {
  return render(() => createComponent(ChatWidget, { config }), target);
}
