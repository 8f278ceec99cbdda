/**
 * The embed's feature scripts: code only some widgets need (packages/core/src/on-demand), each a
 * classic script next to `cwp-widget.js` that defines `ChatWidgetProFeature_<export>`. Read by the
 * loader and by every build of the embed (scripts/lib/embed-features.ts); imports nothing.
 */
export const embedFeatures = {
  managed: 'managed',
  responseNode: 'response-node',
} as const;

export type EmbedFeature = keyof typeof embedFeatures;

/** Where a feature's script is, relative to `cwp-widget.js`. */
export const featureFile = (feature: EmbedFeature) => `features/${embedFeatures[feature]}.js`;

/** The global a feature's script defines; its `feature` field is the feature. */
export const featureGlobal = (feature: EmbedFeature) => `ChatWidgetProFeature_${feature}`;
