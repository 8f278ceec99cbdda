/**
 * The part of the embed loaded on first interaction (or when idle): core and the DOM renderer.
 * Built as an IIFE that sets `ChatWidgetProRuntime`, which the loader reads once it has loaded.
 */
export { createChatWidget } from '@cwp/core';
export { mountWidget } from '../mount-widget.js';
