export * from '@cwp/core';
export { default as ChatWidget } from './ChatWidget.svelte';
export { type ChatWidgetState, createChatWidgetState } from './chat-widget-state.svelte.js';
export { default as RenderTree } from './RenderTree.svelte';
export { type SvelteProps, svelteProps } from './svelte-props.js';
export type { ChatWidgetProps, MessageContext, PartContext } from './types.js';
