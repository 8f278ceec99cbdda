import type { MessageRole, MessageStatus, WidgetType } from '../types.js';
import type { PartName } from './anatomy.js';

/** `aria-*` states are strings so `false` is written out (`aria-expanded="false"`), never dropped. */
type AriaBoolean = 'true' | 'false';

/**
 * Props for one element of the anatomy: lower-case HTML attribute names, camelCase handlers.
 * A part's key set is the same on every call (absent values are `undefined`), so a renderer
 * that walks the new props also clears what was set before. See connect.ts for the mapping.
 */
export interface PartProps {
  readonly 'data-scope': 'cwp';
  readonly 'data-part': PartName;
  readonly id?: string | undefined;
  readonly role?: string | undefined;
  readonly dir?: 'ltr' | 'rtl' | 'auto' | undefined;
  readonly lang?: string | undefined;
  /** Real boolean attributes: `true` → present, `false` → absent. */
  readonly hidden?: boolean | undefined;
  readonly disabled?: boolean | undefined;
  readonly type?: 'button' | 'submit' | undefined;
  readonly tabindex?: number | undefined;
  readonly style?: string | undefined;
  readonly href?: string | undefined;
  readonly rel?: string | undefined;
  readonly target?: string | undefined;
  readonly src?: string | undefined;
  readonly alt?: string | undefined;
  /** A property on `<textarea>`, not an attribute: set `el.value` when it differs. */
  readonly value?: string | undefined;
  readonly placeholder?: string | undefined;
  readonly rows?: number | undefined;
  readonly autocomplete?: string | undefined;
  readonly enterkeyhint?: string | undefined;
  readonly 'aria-label'?: string | undefined;
  readonly 'aria-labelledby'?: string | undefined;
  readonly 'aria-describedby'?: string | undefined;
  readonly 'aria-controls'?: string | undefined;
  readonly 'aria-expanded'?: AriaBoolean | undefined;
  readonly 'aria-haspopup'?: 'dialog' | undefined;
  readonly 'aria-modal'?: AriaBoolean | undefined;
  readonly 'aria-live'?: 'polite' | undefined;
  readonly 'aria-relevant'?: 'additions' | undefined;
  readonly 'aria-busy'?: AriaBoolean | undefined;
  readonly 'aria-hidden'?: AriaBoolean | undefined;
  readonly 'data-state'?: 'open' | 'closed' | undefined;
  readonly 'data-type'?: WidgetType | undefined;
  readonly 'data-position'?: 'bottom-right' | 'bottom-left' | undefined;
  readonly 'data-theme'?: 'auto' | 'light' | 'dark' | undefined;
  readonly 'data-role'?: MessageRole | undefined;
  /** Message status on messages; widget status on root; presence on the status part. */
  readonly 'data-status'?: string | undefined;
  readonly onClick?: ((event: MouseEvent) => void) | undefined;
  readonly onKeyDown?: ((event: KeyboardEvent) => void) | undefined;
  readonly onInput?: ((event: Event) => void) | undefined;
  readonly onSubmit?: ((event: Event) => void) | undefined;
}

/** Any value found in `PartProps`, for renderers that walk props generically. */
export type PartPropValue = PartProps[keyof PartProps];

/** How a message's text is drawn: bot markdown as DOM nodes, the visitor's text as plain text. */
export type MessageFormat = 'markdown' | 'text';

/** A message with what a renderer needs to draw it. Same object while the message is unchanged. */
export interface MessageView {
  readonly id: string;
  readonly role: MessageRole;
  readonly text: string;
  readonly status: MessageStatus;
  readonly createdAt: number;
  readonly initial: boolean;
  readonly format: MessageFormat;
  /** "You" / "Bot", translated, for a visually hidden author label. */
  readonly authorLabel: string;
  /** Failed or incomplete: show the status marker and a retry button. */
  readonly canRetry: boolean;
  /** A retry would be refused until the server's Retry-After has passed (the control is disabled). */
  readonly retryWaiting: boolean;
  /** "Not delivered." / "The reply was interrupted.", translated; '' otherwise. */
  readonly statusText: string;
  /** The retry button's name: "Retry: <start of the message>", so it says which one. */
  readonly retryLabel: string;
  readonly domId: string;
  readonly contentId: string;
  readonly statusId: string;
  readonly retryId: string;
}

export interface FooterLink {
  readonly label: string;
  readonly href: string;
}
