import type { OptionalFeatures } from './features.js';
import { managed } from './managed.js';
import { responseNode } from './response-node.js';

/** What `createChatWidget` runs with: every feature, bundled with the app. */
export const everyFeature: OptionalFeatures = {
  managed,
  responseNode: () => Promise.resolve(responseNode),
};
