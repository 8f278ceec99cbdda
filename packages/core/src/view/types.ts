import type { MessageRole, MessageStatus, WidgetType } from '../types.js';
import type { PartAttributes } from './anatomy.js';
import type { RenderElement, RenderNode } from './render-tree.js';
import type { FileView } from './upload-parts.js';

export interface FooterLink {
  readonly label: string;
  readonly href: string;
}

/** `aria-*` states are strings so `false` is written out (`aria-expanded="false"`), never dropped. */
type AriaBoolean = 'true' | 'false';

/**
 * Props for one element of the anatomy: lower-case HTML attribute names, `on` + the DOM event
 * name with its first letter capitalised (`onClick`, `onKeydown`), which Vue, Solid and the DOM
 * renderer all map to the right event as is (Vue would hear `onKeyDown` as `key-down`).
 * A part's key set is the same on every call (absent values are `undefined`), so a renderer
 * that walks the new props also clears what was set before.
 */
export interface PartProps extends PartAttributes {
  readonly id?: string | undefined;
  readonly role?: 'dialog' | 'region' | 'log' | 'status' | 'alert' | 'group' | undefined;
  readonly dir?: 'ltr' | 'rtl' | 'auto' | undefined;
  readonly lang?: string | undefined;
  /** Real boolean attributes: `true` → present, `false` → absent. */
  readonly hidden?: boolean | undefined;
  readonly disabled?: boolean | undefined;
  readonly type?: 'button' | 'submit' | undefined;
  /** The file input's accepted types (`allowedFilesMimeTypes`). */
  readonly accept?: string | undefined;
  readonly multiple?: boolean | undefined;
  readonly tabindex?: number | undefined;
  readonly href?: string | undefined;
  readonly rel?: string | undefined;
  readonly target?: string | undefined;
  readonly src?: string | undefined;
  readonly alt?: string | undefined;
  readonly referrerpolicy?: 'no-referrer' | undefined;
  /** A property on `<textarea>`, not an attribute: set `el.value` when it differs. */
  readonly value?: string | undefined;
  readonly placeholder?: string | undefined;
  readonly rows?: number | undefined;
  readonly autocomplete?: 'off' | undefined;
  readonly enterkeyhint?: 'send' | undefined;
  readonly 'aria-label'?: string | undefined;
  readonly 'aria-labelledby'?: string | undefined;
  readonly 'aria-describedby'?: string | undefined;
  readonly 'aria-controls'?: string | undefined;
  readonly 'aria-expanded'?: AriaBoolean | undefined;
  readonly 'aria-pressed'?: AriaBoolean | undefined;
  readonly 'aria-haspopup'?: 'dialog' | undefined;
  readonly 'aria-modal'?: AriaBoolean | undefined;
  readonly 'aria-live'?: 'polite' | undefined;
  readonly 'aria-relevant'?: 'additions' | undefined;
  readonly 'aria-busy'?: AriaBoolean | undefined;
  readonly 'aria-hidden'?: AriaBoolean | undefined;
  /** `copied` on a copy button for about two seconds after a copy. */
  readonly 'data-state'?: 'open' | 'closed' | 'copied' | undefined;
  readonly 'data-type'?: WidgetType | undefined;
  readonly 'data-position'?: 'bottom-right' | 'bottom-left' | undefined;
  readonly 'data-theme'?: 'auto' | 'light' | 'dark' | undefined;
  readonly 'data-role'?: MessageRole | undefined;
  /** Message status on messages; widget status on root; presence on the status part. */
  readonly 'data-status'?: string | undefined;
  /** `active` on the window while files are dragged over it. */
  readonly 'data-drop'?: 'active' | undefined;
  readonly onClick?: ((event: MouseEvent) => void) | undefined;
  readonly onKeydown?: ((event: KeyboardEvent) => void) | undefined;
  readonly onInput?: ((event: Event) => void) | undefined;
  readonly onSubmit?: ((event: Event) => void) | undefined;
  readonly onPaste?: ((event: ClipboardEvent) => void) | undefined;
  readonly onDragover?: ((event: DragEvent) => void) | undefined;
  readonly onDragleave?: ((event: DragEvent) => void) | undefined;
  readonly onDrop?: ((event: DragEvent) => void) | undefined;
}

/** Any value found in `PartProps`, for renderers that walk props generically. */
export type PartPropValue = PartProps[keyof PartProps];

/** One message as a renderer draws it. The same object while the message is unchanged. */
export interface MessageView {
  readonly id: string;
  readonly role: MessageRole;
  readonly status: MessageStatus;
  /**
   * The message-content part's children: bot markdown as elements, the visitor's text as text. With
   * `header.avatar`, a bot message's first node is its avatar (an `<img>`, message-avatar part).
   */
  readonly content: readonly RenderNode[];
  /**
   * The message-status part's text: "Not delivered." / "The reply was interrupted." / "You stopped
   * this reply." (that part's `data-status` is then `stopped`, drawn neutral); '' otherwise.
   */
  readonly statusText: string;
  /** The retry button's visible text ("Retry"); its accessible name says which message. */
  readonly retryText: string;
  /** The copy-reply button's text: "Copy", or "Copied" for about two seconds after a copy. */
  readonly copyText: string;
}

/**
 * Everything a renderer draws, from one snapshot: props for each part (`get…Props()`), the text
 * of each text part, and the messages. Getters are methods: call them on the view object.
 */
export interface ChatWidgetView {
  /** Tooltip text (tooltip-text part). */
  readonly tooltipText: string;
  /** The unread badge's text: the count, capped at "99+". */
  readonly unreadBadgeText: string;
  readonly title: string;
  readonly subtitle: string;
  /** The header's presence line (status part): "Online", "Typing…", "Offline". */
  readonly presenceText: string;
  readonly messages: readonly MessageView[];
  /** The error part's text, translated; '' when there is no error. */
  readonly errorText: string;
  readonly footerText: string;
  readonly footerLinks: readonly FooterLink[];
  /** `config.starterPrompts`: one starter-prompt button each, in the starter-prompts part. */
  readonly starterPrompts: readonly string[];
  /**
   * The bubble's icon while closed (`bubble.icon`): a built-in icon or a decorative image; draw it
   * where `icons.chat` was. The same object while the config is unchanged.
   */
  readonly bubbleIcon: RenderElement;

  getRootProps(): PartProps;
  getTooltipProps(): PartProps;
  /** An `<img>` before the tooltip text: `header.avatar`, hidden without one. */
  getTooltipAvatarProps(): PartProps;
  getTooltipTextProps(): PartProps;
  getTooltipCloseProps(): PartProps;
  getBubbleProps(): PartProps;
  getUnreadBadgeProps(): PartProps;
  getWindowProps(): PartProps;
  getHeaderProps(): PartProps;
  getAvatarProps(): PartProps;
  getHeaderTextProps(): PartProps;
  getTitleProps(): PartProps;
  getSubtitleProps(): PartProps;
  getStatusProps(): PartProps;
  /** Shown with `config.sound`: a toggle (`aria-pressed`) holding the `sound` and `muted` icons. */
  getMuteButtonProps(): PartProps;
  getNewSessionButtonProps(): PartProps;
  getCloseButtonProps(): PartProps;
  getMessagesProps(): PartProps;
  getMessageProps(message: MessageView): PartProps;
  getMessageContentProps(message: MessageView): PartProps;
  getMessageStatusProps(message: MessageView): PartProps;
  getRetryButtonProps(message: MessageView): PartProps;
  /** Holds copy-reply, feedback-up and feedback-down; hidden but on finished bot replies. */
  getMessageActionsProps(message: MessageView): PartProps;
  getCopyReplyProps(message: MessageView): PartProps;
  /** `aria-pressed` says which thumb the visitor chose; a second click takes it back. */
  getFeedbackUpProps(message: MessageView): PartProps;
  getFeedbackDownProps(message: MessageView): PartProps;
  getTypingProps(): PartProps;
  getTypingDotProps(): PartProps;
  getStarterPromptsProps(): PartProps;
  /** The button of `starterPrompts[index]`: a click sends it. */
  getStarterPromptProps(index: number): PartProps;
  getErrorProps(): PartProps;
  /** Files chosen for the next message (`allowFileUploads`): one attachment chip each. */
  readonly files: readonly FileView[];
  /** The chips' list, before the composer; hidden while no file is chosen. */
  getAttachmentsProps(): PartProps;
  getAttachmentProps(file: FileView): PartProps;
  /** Removes the chip's file; its accessible name says which. */
  getAttachmentRemoveProps(file: FileView): PartProps;
  /** In the composer, before the input: opens the file input (hidden without uploads). */
  getAttachButtonProps(): PartProps;
  /** A hidden `<input type="file">` (the type is the template's) the attach button opens. */
  getFileInputProps(): PartProps;
  getComposerProps(): PartProps;
  getInputProps(): PartProps;
  getStopButtonProps(): PartProps;
  getSendButtonProps(): PartProps;
  getFooterProps(): PartProps;
  getFooterTextProps(): PartProps;
  getFooterLinkProps(link: FooterLink): PartProps;
}
