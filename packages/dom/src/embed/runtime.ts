/**
 * The part of the embed loaded on first interaction (or when idle): core and the DOM renderer.
 * Built as an IIFE that sets `ChatWidgetProRuntime`, which the loader reads once it has loaded.
 * Features only some widgets need are scripts of their own (feature-loader.ts), reading the
 * modules shared here.
 */
export { createWidgetWith, sharedWithFeatures as shared } from '@cwp/core/on-demand';
export { drawWidget } from '../mount-widget.js';
