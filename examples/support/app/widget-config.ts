// What the Vue, Svelte and Solid examples share: which widget to show, from Vite's environment.
/// <reference path="./vite-env.d.ts" />
import type { ChatWidgetConfig } from '@cwp/core';

export const widgetTypes = ['floating', 'inline', 'fullscreen'] as const;
export type WidgetType = (typeof widgetTypes)[number];
export type Mode = 'direct' | 'managed';

const trim = (url: string) => url.replace(/\/+$/, '');
const botUrl = trim(import.meta.env.VITE_BOT_URL ?? 'http://127.0.0.1:5678');
const serverUrl = trim(import.meta.env.VITE_CWP_SERVER_URL ?? 'http://127.0.0.1:8787');
const widgetId = import.meta.env.VITE_CWP_WIDGET_ID;

/** Managed mode needs a widget on @cwp/server: its id comes from the environment. */
export const managedAvailable = Boolean(widgetId);

/**
 * The widget an example shows. Direct: the browser posts to the bot's webhook. Managed: it knows
 * only the server and the widget id. `framework` names the example ('Vue', 'Svelte', 'Solid').
 */
export function widgetConfig(framework: string, type: WidgetType, mode: Mode): ChatWidgetConfig {
  const id = `example-${framework.toLowerCase()}-${mode}-${type}`;
  if (mode === 'managed' && widgetId) {
    return { id, type, server: serverUrl, widgetId, header: { title: `${framework} · managed` } };
  }
  return { id, type, webhookUrl: `${botUrl}/webhook`, header: { title: `${framework} · direct` } };
}
