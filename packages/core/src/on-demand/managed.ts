/** The managed feature, as the embed's `features/managed.js` (see features.ts). */
import { createEventBatcher } from '../managed/event-batcher.js';
import { loadRemoteConfig } from '../managed/remote-config.js';
import { managedSocketUrl } from '../managed/socket-url.js';
import type { ManagedFeature } from './features.js';

export const managed: ManagedFeature = { loadRemoteConfig, createEventBatcher, managedSocketUrl };
