export { adoptStylesheet } from './adopt.js';
export { bubbleStylesheet, stylesheet, windowStylesheet } from './stylesheet.js';
