import type { ChatWidgetApi, ChatWidgetConfig, ChatWidgetView, MessageView } from '@cwp/core';
import type { Snippet } from 'svelte';
import type { SvelteProps } from './svelte-props.js';

/** What a replacement part receives: the view, and that part's props to spread on it. */
export interface PartContext {
  view: ChatWidgetView;
  props: SvelteProps;
}

export interface MessageContext extends PartContext {
  message: MessageView;
}

export type ChatWidgetProps = (
  | { config: ChatWidgetConfig; widget?: undefined }
  | { widget: ChatWidgetApi; config?: undefined }
) & {
  /** Floating window open state; `bind:open` to control it. */
  open?: boolean;
  /** Render inside an open shadow root (the page's CSS cannot reach in). */
  shadow?: boolean;
  /** CSP nonce for the `<style>` used where constructed stylesheets are unsupported. */
  nonce?: string;
  header?: Snippet<[PartContext]>;
  message?: Snippet<[MessageContext]>;
  composer?: Snippet<[PartContext]>;
  footer?: Snippet<[PartContext]>;
};
