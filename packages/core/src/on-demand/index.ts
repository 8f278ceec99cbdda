/**
 * `@cwp/core/on-demand`, for the embed (packages/dom/src/embed): a widget created with only the
 * features a page needs, the others loaded as scripts of their own when needed. Apps use
 * `createChatWidget`, which has every feature.
 */

// The bubble's icons, which the embed loader shares with the rest (packages/dom/src/embed/shared.ts).
export { bubbleIcon, bubbleIconTrees, iconTree } from '../view/bubble-icon.js';
export { createWidgetWith } from '../widget.js';
export type { ManagedFeature, OptionalFeatures, ResponseNodeFeature } from './features.js';
export { sharedWithFeatures } from './shared.js';
