import type { RendererName } from './support/renderers.js';

export type WidgetType = 'floating' | 'inline' | 'fullscreen';

export interface Row {
  name: string;
  renderer: RendererName;
  type: WidgetType;
  /** Runs the long transport-fault list (once per renderer is enough: the text comes from core). */
  faults: boolean;
}

/** Renderer × widget type. Vue, Svelte and Solid join by adding their rows (and a renderer). */
export const rows: Row[] = [
  { name: 'dom-floating', renderer: 'dom', type: 'floating', faults: true },
  { name: 'dom-inline', renderer: 'dom', type: 'inline', faults: false },
  { name: 'dom-fullscreen', renderer: 'dom', type: 'fullscreen', faults: false },
  { name: 'embed-floating', renderer: 'embed', type: 'floating', faults: false },
  { name: 'embed-inline', renderer: 'embed', type: 'inline', faults: true },
  { name: 'embed-fullscreen', renderer: 'embed', type: 'fullscreen', faults: false },
  { name: 'element-inline', renderer: 'element', type: 'inline', faults: false },
];
