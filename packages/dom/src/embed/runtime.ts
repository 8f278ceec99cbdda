/**
 * The part of the embed loaded on first interaction (or when idle): core and the DOM renderer.
 * Built as an IIFE that sets `ChatWidgetProRuntime`, which the loader reads once it has loaded.
 * Features only some widgets need are scripts of their own (feature-loader.ts), reading the
 * modules shared here.
 */
import type { ChatWidgetConfig } from '@cwp/core';
import { createWidgetWith } from '@cwp/core/on-demand';
import { drawWidget } from '../mount-widget.js';
import { featuresFor, type WidgetRuntime } from './feature-loader.js';

export { sharedWithFeatures as shared } from '@cwp/core/on-demand';

/** How the loader makes and draws widgets of `config`, once the features they need have loaded. */
export async function widgetsFor(
  config: ChatWidgetConfig,
  runtimeUrl: string,
  nonce: string | undefined,
): Promise<WidgetRuntime> {
  const features = await featuresFor(config, runtimeUrl, nonce);
  return { createChatWidget: (c) => createWidgetWith(c, features), drawWidget };
}
