// The playground's DOM renderer: @cwp/dom's mountWidget, in a shadow root as the embed code renders.
import type { ChatWidgetConfig } from '@cwp/core';
import { mountWidget } from '@cwp/dom';

export function mount(target: HTMLElement, config: ChatWidgetConfig): () => void {
  const mounted = mountWidget(config, { target });
  return () => mounted.unmount();
}
