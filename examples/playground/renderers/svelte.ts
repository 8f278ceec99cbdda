// The playground's Svelte renderer: @cwp/svelte's <ChatWidget> mounted with Svelte's mount().
import type { ChatWidgetConfig } from '@cwp/core';
import { ChatWidget } from '@cwp/svelte';
import { mount as mountComponent, unmount } from 'svelte';

export function mount(target: HTMLElement, config: ChatWidgetConfig): () => void {
  const component = mountComponent(ChatWidget, { target, props: { config } });
  return () => void unmount(component);
}
