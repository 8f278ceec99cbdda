/**
 * The embed's feature scripts, for every build of the embed (the package's, the browser suite's, the
 * playground's, the size budgets'): each bundles packages/core/src/on-demand/<file>.ts as a classic
 * script defining its global, reading the modules cwp-widget.js shares (`sharedFromRuntimePlugin`).
 */
import {
  type EmbedFeature,
  embedFeatures,
  featureFile,
  featureGlobal,
} from '../../packages/dom/src/embed/feature-files.js';

export interface FeatureBundle {
  /** Output path relative to cwp-widget.js, e.g. `features/managed.js`. */
  readonly file: string;
  /** Entry, relative to the repo root. */
  readonly entry: string;
  readonly globalName: string;
}

export const featureBundles: FeatureBundle[] = (Object.keys(embedFeatures) as EmbedFeature[]).map(
  (feature) => ({
    file: featureFile(feature),
    entry: `packages/core/src/on-demand/${embedFeatures[feature]}.ts`,
    globalName: featureGlobal(feature),
  }),
);

/** Whether a repo-relative entry is one of the feature scripts. */
export const isFeatureEntry = (entry: string) => featureBundles.some((f) => f.entry === entry);
