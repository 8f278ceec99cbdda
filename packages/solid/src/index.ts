export * from '@cwp/core';
export { ChatWidget, type ChatWidgetProps } from './chat-widget.jsx';
export type { MessageArgs, PartArgs, PartRender } from './parts.jsx';
export { RenderTree } from './render-tree.jsx';
export type { ChatWidgetBridge } from './use-chat-widget.js';
export { useChatWidget } from './use-chat-widget.js';
