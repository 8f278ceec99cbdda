import type { RendererName } from './support/renderers.js';

export type WidgetType = 'floating' | 'inline' | 'fullscreen';

export interface Row {
  name: string;
  renderer: RendererName;
  type: WidgetType;
  /**
   * Runs the long transport-fault list: once (dom-floating) is enough, since the text comes from core
   * and the embed and the element draw with the DOM renderer.
   */
  faults: boolean;
  /** Runs the scenarios only core decides (history, one send per click, offline retry). */
  coreScenarios?: boolean;
  /**
   * Runs the checks of what a message shows (hostile replies, markdown, GFM, reply actions, status
   * lines, the avatar): a message is drawn by the same code in every widget type, so once per way
   * of drawing it (each renderer, the embed and the element) is enough.
   */
  content?: boolean;
}

function row(renderer: RendererName, type: WidgetType, flags: Partial<Row> = {}): Row {
  return { name: `${renderer}-${type}`, renderer, type, faults: false, ...flags };
}

const types: WidgetType[] = ['floating', 'inline', 'fullscreen'];
const core = { coreScenarios: true };

/**
 * Renderer × widget type: every renderer draws every type; the embed and the element ride on the
 * DOM renderer, whose rows also run the scenarios that only core decides.
 */
export const rows: Row[] = [
  row('dom', 'floating', { ...core, faults: true, content: true }),
  row('dom', 'inline', core),
  row('dom', 'fullscreen', core),
  row('embed', 'floating', { ...core, content: true }),
  row('embed', 'inline', core),
  row('embed', 'fullscreen', core),
  row('element', 'inline', { ...core, content: true }),
  ...(['vue', 'svelte', 'solid'] as const).flatMap((renderer) =>
    types.map((type) => row(renderer, type, { content: type === 'floating' })),
  ),
];
