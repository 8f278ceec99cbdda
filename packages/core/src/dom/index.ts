/**
 * `@cwp/core/dom`: what every renderer needs from live elements. Importing it touches no DOM.
 */
export { adoptStylesheet } from './adopt-stylesheet.js';
export { type AutoScroll, createAutoScroll } from './auto-scroll.js';
export { getFocusTarget } from './focus-target.js';
export { subscribeForDrawing } from './subscribe-for-drawing.js';
export { createWidgetDom, type WidgetDom } from './widget-dom.js';
