import type { RendererName } from './support/renderers.js';

export type WidgetType = 'floating' | 'inline' | 'fullscreen';

export interface Row {
  name: string;
  renderer: RendererName;
  type: WidgetType;
  /** Runs the long transport-fault list (once per renderer is enough: the text comes from core). */
  faults: boolean;
}

/** Renderer × widget type: every renderer draws every type; the embed and the element ride on the DOM renderer. */
export const rows: Row[] = [
  { name: 'dom-floating', renderer: 'dom', type: 'floating', faults: true },
  { name: 'dom-inline', renderer: 'dom', type: 'inline', faults: false },
  { name: 'dom-fullscreen', renderer: 'dom', type: 'fullscreen', faults: false },
  { name: 'embed-floating', renderer: 'embed', type: 'floating', faults: false },
  { name: 'embed-inline', renderer: 'embed', type: 'inline', faults: true },
  { name: 'embed-fullscreen', renderer: 'embed', type: 'fullscreen', faults: false },
  { name: 'element-inline', renderer: 'element', type: 'inline', faults: false },
  { name: 'vue-floating', renderer: 'vue', type: 'floating', faults: false },
  { name: 'vue-inline', renderer: 'vue', type: 'inline', faults: false },
  { name: 'vue-fullscreen', renderer: 'vue', type: 'fullscreen', faults: false },
  { name: 'svelte-floating', renderer: 'svelte', type: 'floating', faults: false },
  { name: 'svelte-inline', renderer: 'svelte', type: 'inline', faults: false },
  { name: 'svelte-fullscreen', renderer: 'svelte', type: 'fullscreen', faults: false },
  { name: 'solid-floating', renderer: 'solid', type: 'floating', faults: false },
  { name: 'solid-inline', renderer: 'solid', type: 'inline', faults: false },
  { name: 'solid-fullscreen', renderer: 'solid', type: 'fullscreen', faults: false },
];
