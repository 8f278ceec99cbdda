export { parseMarkdown } from './parse.js';
export { safeHref, safeImageSrc } from './safe-url.js';
export type { BlockToken, InlineToken, MarkdownOptions } from './tokens.js';
