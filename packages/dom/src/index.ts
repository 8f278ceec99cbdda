export { applyCssVariables, applyProps } from './apply-props.js';
export { createAutoScroll } from './auto-scroll.js';
export { type MountedWidget, type MountOptions, mountWidget } from './mount-widget.js';
export { renderMarkdown } from './render-markdown.js';
export { adoptStylesheet, bubbleStylesheet, stylesheet, windowStylesheet } from './styles/index.js';
