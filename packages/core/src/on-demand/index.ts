/**
 * `@cwp/core/on-demand`, for the embed (packages/dom/src/embed): a widget created with only the
 * features a page needs, the others loaded as scripts of their own when needed. Apps use
 * `createChatWidget`, which has every feature.
 */
export { createWidgetWith } from '../widget.js';
export type { ManagedFeature, OptionalFeatures, ResponseNodeFeature } from './features.js';
export { sharedWithFeatures } from './shared.js';
