/** Every element a renderer draws carries `data-scope="cwp"` and one of these as `data-part`. */
export const scope = 'cwp';

/** The anatomy, in document order. Page models and the stylesheet key on these names. */
export const parts = [
  'root',
  'bubble',
  'unread-badge',
  'tooltip',
  'tooltip-close',
  'window',
  'header',
  'avatar',
  'title',
  'subtitle',
  'status',
  'new-session-button',
  'close-button',
  'messages',
  'message',
  'message-content',
  'message-status',
  'retry-button',
  'typing',
  'error',
  'composer',
  'input',
  'send-button',
  'stop-button',
  'footer',
  'footer-text',
  'footer-link',
] as const;

export type PartName = (typeof parts)[number];

/** A CSS selector for one part, e.g. for `querySelector` or a Playwright locator. */
export function partSelector(part: PartName): string {
  return `[data-scope="${scope}"][data-part="${part}"]`;
}
