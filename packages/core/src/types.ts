import type { ResolvedConfig } from './config/resolved-config.js';
import type { WidgetErrorInfo } from './errors/widget-error.js';
import type { MessageButton } from './protocol/bot-message.js';
import type { ChosenFile, FileNotice } from './uploads/chosen-files.js';
import type { FileFacts } from './uploads/file-rules.js';
import type { WidgetType } from './widget-type.js';

export type { WidgetType } from './widget-type.js';
export type WidgetStatus = 'loading' | 'ready' | 'error';
export type MessageRole = 'user' | 'bot';
export type MessageStatus = 'sending' | 'streaming' | 'done' | 'failed' | 'incomplete';

export interface ChatMessage {
  readonly id: string;
  readonly role: MessageRole;
  readonly text: string;
  readonly status: MessageStatus;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Why a user message failed or a bot reply broke off. */
  readonly error?: WidgetErrorInfo | undefined;
  /** For bot messages: the user message this answers. */
  readonly replyTo?: string | undefined;
  /** Welcome messages from config: shown, never sent or stored. */
  readonly initial?: boolean | undefined;
  /** n8n's with-buttons message: its buttons (see `chooseButton`). */
  readonly buttons?: readonly MessageButton[] | undefined;
  /** Which of `buttons` the visitor chose: one choice per message. */
  readonly chosen?: number | undefined;
  /** The composer is disabled until one of `buttons` is chosen. */
  readonly blockUserInput?: boolean | undefined;
  /** n8n's `{"type":"error"}` message: the bot reports an error (drawn as one). */
  readonly botError?: boolean | undefined;
  /** The visitor's thumbs up or down on a bot reply. */
  readonly feedback?: FeedbackValue | undefined;
  /** Files sent with a visitor message: what they were, never their contents. */
  readonly attachments?: readonly FileFacts[] | undefined;
}

export type FeedbackValue = 'up' | 'down';

export interface WidgetState {
  readonly status: WidgetStatus;
  readonly type: WidgetType;
  readonly isOpen: boolean;
  /** null until the visitor first interacts. */
  readonly sessionId: string | null;
  readonly messages: readonly ChatMessage[];
  /** A request is in flight (waiting for or streaming a reply). */
  readonly isResponding: boolean;
  /** In flight and no reply text yet: show the typing indicator. */
  readonly isTyping: boolean;
  readonly tooltipVisible: boolean;
  /** Bot messages that arrived while the floating window was closed. */
  readonly unread: number;
  /** The last error the visitor should see, or null. */
  readonly error: WidgetErrorInfo | null;
  /** Text in the composer, kept across reloads so nothing typed is lost. */
  readonly draft: string;
  /** Earlier messages are being fetched from the bot. */
  readonly isLoadingHistory: boolean;
  /**
   * What was just copied, for about two seconds, so its button can say "Copied": a message id, or
   * `<messageId>:code:<n>` for its nth code block (reading order), or a key given to `copyText`.
   */
  readonly copied: string | null;
  /** The visitor muted the reply sound (`config.sound`); kept in the widget's storage. */
  readonly muted: boolean;
  /** The latest bot message waits for a button choice (`blockUserInput`): the composer is off. */
  readonly inputBlocked: boolean;
  /** Files chosen for the next message (`config.allowFileUploads`), in the page's memory only. */
  readonly files: readonly ChosenFile[];
  /** Why the last file the visitor chose was refused, until files change or a message goes out. */
  readonly fileNotice: FileNotice | null;
  /** Files are being dragged over the window. */
  readonly dropActive: boolean;
  readonly config: ResolvedConfig;
}

/** How the window opened: the visitor (bubble, tooltip), page code (api), or autoOpen (auto). */
export type OpenVia = 'bubble' | 'tooltip' | 'api' | 'auto';

export interface SendOptions {
  metadata?: Record<string, unknown>;
  files?: readonly File[];
}

/** The widget API without its XState actor (see `ChatWidget`). */
export interface ChatWidgetApi {
  /** The current state: plain, immutable data. */
  getSnapshot(): WidgetState;
  /** Calls `listener` now and on every change; returns an unsubscribe function. */
  subscribe(listener: (state: WidgetState) => void): () => void;
  /** Opens the floating window; `via` tells analytics what the visitor clicked. */
  open(options?: { via?: OpenVia }): void;
  close(): void;
  toggle(): void;
  /**
   * Sends a visitor message and empties the draft. Returns false when it was not taken (blank,
   * a reply in flight, not ready): the draft is then kept.
   */
  send(text: string, options?: SendOptions): boolean;
  /** Resends a failed user message, or the question behind an incomplete reply. */
  retry(messageId: string): boolean;
  /** Aborts the reply in flight, keeping what has streamed so far. */
  stop(): void;
  /** Forgets the session and its messages. */
  newSession(): void;
  dismissTooltip(): void;
  /** Keeps the composer's text in state (and storage) so nothing typed is lost. */
  setDraft(text: string): void;
  /** Sends `config.starterPrompts[index]` as the visitor's message (counted in analytics). */
  sendStarterPrompt(index: number): boolean;
  /** Puts a message's text on the clipboard; `copied` names it for about two seconds. */
  copyMessage(messageId: string): Promise<boolean>;
  /**
   * Puts `text` on the clipboard and sets `copied` to `key` for about two seconds (the code blocks'
   * copy buttons use it). Resolves false when the clipboard refused it.
   */
  copyText(text: string, key: string): Promise<boolean>;
  /** Thumbs up or down on a finished bot reply (`null` clears it); emits `feedback`. */
  setFeedback(messageId: string, value: FeedbackValue | null): boolean;
  /**
   * Chooses `buttons[index]` of a bot message, once per message: a link on the webhook's origin
   * is fetched (GET); another origin's link is never fetched (a click on the drawn button opens it
   * in a new tab, no opener or referrer); a button without a link sends its text as the visitor's
   * message. Emits `button_chosen`.
   */
  chooseButton(messageId: string, index: number): boolean;
  /**
   * Chooses files for the next message, checked against `allowedFilesMimeTypes`, `maxFileSize` and
   * `maxFiles`; a refused file sets `fileNotice`. Returns whether every file was taken.
   */
  addFiles(files: Iterable<File> | ArrayLike<File>): boolean;
  /** Removes a chosen file (`files[i].id`). */
  removeFile(id: string): void;
  /** Shows or hides the window's drop state while files are dragged over it. */
  setDropActive(active: boolean): void;
  /** Mutes or unmutes the reply sound; remembered in the widget's storage. */
  setMuted(muted: boolean): void;
  /**
   * Merges into the metadata sent with every later message (single-page apps: route, cart, plan);
   * a key set to `undefined` is removed. A send's own `metadata` wins key by key.
   */
  setMetadata(partial: Readonly<Record<string, unknown>>): void;
  on<T extends import('./events/types.js').WidgetEventType>(
    type: T,
    listener: (event: import('./events/types.js').WidgetEventOf<T>) => void,
  ): () => void;
  on(type: '*', listener: (event: import('./events/types.js').WidgetEvent) => void): () => void;
  destroy(): void;
}
