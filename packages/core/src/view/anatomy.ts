/** Every element a renderer draws carries `data-scope="cwp"` and one of these as `data-part`. */
export const scope = 'cwp';

/** The anatomy, in document order: the one source of part names (stylesheet, views, page models). */
export const parts = [
  'root',
  'tooltip',
  'tooltip-avatar',
  'tooltip-text',
  'tooltip-close',
  'bubble',
  'unread-badge',
  'window',
  'header',
  'avatar',
  'header-text',
  'title',
  'subtitle',
  'status',
  'mute-button',
  'new-session-button',
  'close-button',
  'messages',
  'message',
  'message-content',
  'message-avatar',
  'message-attachments',
  'message-attachment',
  'attachment-preview',
  'attachment-name',
  'attachment-size',
  'code-copy',
  'message-error',
  'message-buttons',
  'message-button',
  'message-status',
  'retry-button',
  'message-actions',
  'copy-reply',
  'feedback-up',
  'feedback-down',
  'typing',
  'typing-dot',
  'starter-prompts',
  'starter-prompt',
  'error',
  'attachments',
  'attachment',
  'attachment-remove',
  'composer',
  'attach-button',
  'file-input',
  'input',
  'stop-button',
  'send-button',
  'footer',
  'footer-text',
  'footer-link',
  'icon',
] as const;

export type PartName = (typeof parts)[number];

/** The two attributes that name an element of the anatomy. */
export interface PartAttributes<P extends PartName = PartName> {
  readonly 'data-scope': typeof scope;
  readonly 'data-part': P;
}

export function partAttributes<P extends PartName>(part: P): PartAttributes<P> {
  return { 'data-scope': scope, 'data-part': part };
}

/** A CSS selector for one part, e.g. for `querySelector` or a Playwright locator. */
export function partSelector(part: PartName): string {
  return `[data-scope="${scope}"][data-part="${part}"]`;
}
