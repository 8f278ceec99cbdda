import type { ChatWidgetConfig } from './config/schema.js';
import type { ChatWidgetApi } from './types.js';
import { createChatWidget } from './widget.js';

function isChatWidget(value: unknown): value is ChatWidgetApi {
  const candidate = value as Partial<ChatWidgetApi> | null;
  return typeof candidate?.getSnapshot === 'function' && typeof candidate.subscribe === 'function';
}

/**
 * What a renderer was given — a widget from `createChatWidget`, or a config — as the widget to
 * draw, and whether the renderer made it (and so destroys it on unmount).
 */
export function widgetFrom<W extends ChatWidgetApi = ChatWidgetApi>(
  input: W | ChatWidgetConfig,
): { readonly widget: W; readonly owned: boolean } {
  if (isChatWidget(input)) return { widget: input as W, owned: false };
  return { widget: createChatWidget(input as ChatWidgetConfig) as unknown as W, owned: true };
}
