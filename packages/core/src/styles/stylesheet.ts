/**
 * The one stylesheet for every renderer. Every selector is anchored on `[data-scope="cwp"]`, so it
 * styles nothing else on a page; `--cwp-*` custom properties (and `config.theme.tokens`, set on the
 * root as `--cwp-<token>`) theme it. Layout that a hostile host page could break in light-DOM mode
 * is marked `!important`. Split in two so the embed loader ships only what draws the bubble.
 */
import { bubbleStylesheet } from './bubble-css.js';
import { windowStylesheet } from './window-css.js';

export { bubbleStylesheet, windowStylesheet };

/** The whole stylesheet, as the string shadow roots adopt; `dist/cwp.css` holds the same text. */
export const stylesheet = bubbleStylesheet + windowStylesheet;
