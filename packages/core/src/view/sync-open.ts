import type { ChatWidgetApi } from '../types.js';

/**
 * For a renderer's controlled `open` prop (Vue `v-model:open`, Svelte `bind:open`, Solid `open`):
 * opens or closes the floating window when the prop disagrees with the widget. `undefined` leaves
 * the widget alone (uncontrolled).
 */
export function syncOpen(widget: ChatWidgetApi, open: boolean | undefined): void {
  if (open === undefined || open === widget.getSnapshot().isOpen) return;
  if (open) widget.open({ via: 'api' });
  else widget.close();
}
