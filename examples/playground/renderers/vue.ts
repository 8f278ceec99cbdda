// The playground's Vue renderer: one Vue app holding @cwp/vue's <ChatWidget>.
import type { ChatWidgetConfig } from '@cwp/core';
import { ChatWidget } from '@cwp/vue';
import { createApp, h } from 'vue';

export function mount(target: HTMLElement, config: ChatWidgetConfig): () => void {
  const app = createApp({ render: () => h(ChatWidget, { config }) });
  app.mount(target);
  return () => app.unmount();
}
