import type { ChatWidgetConfig } from '@cwp/core';

/**
 * What each renderer's playground bundle (`/renderers/<name>.js`) exports: mount one widget into
 * `target` and return the function that unmounts it.
 */
export interface RendererModule {
  mount(target: HTMLElement, config: ChatWidgetConfig): () => void;
}
