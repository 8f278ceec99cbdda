/**
 * `@cwp/core/styles`: the one stylesheet every renderer uses, as strings (SSR-safe). The same
 * text ships as `@cwp/core/cwp.css` for pages that link it.
 */
export { bubbleStylesheet } from './bubble-css.js';
export { stylesheet } from './stylesheet.js';
export { windowStylesheet } from './window-css.js';
