export type { ChatWidgetApi, ChatWidgetConfig, ChatWidgetView, WidgetState } from '@cwp/core';
export { createChatWidget } from '@cwp/core';
export * from './chat-widget.js';
export * from './render-tree.js';
export * from './use-chat-widget.js';
