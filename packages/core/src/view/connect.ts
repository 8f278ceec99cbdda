/**
 * The view API: `connect(state, widget)` turns one snapshot into props for every anatomy part.
 * All behaviour lives here; a renderer only puts these props on its elements:
 *
 * - DOM: for each key, `on*` → `addEventListener(key.slice(2).toLowerCase(), fn)` (handlers
 *   are the same function while the widget lives, so re-applying them is free); `value` → set
 *   `el.value` when it differs; `true` → `setAttribute(key, '')`; `false` or `undefined` →
 *   `removeAttribute(key)`; anything else → `setAttribute(key, String(value))`. Apply `style`
 *   with `setAttribute` only without a strict CSP; otherwise set `cssVariables` one by one with
 *   `el.style.setProperty`.
 * - Vue: `v-bind="props"` as is. Solid: `{...props}` as is.
 * - Svelte 5: `{...props}` with handler names lower-cased (`onClick` → `onclick`).
 *
 * Call getters on the api object (`api.getBubbleProps()`); they are methods, not free functions.
 */
import type { ResolvedConfig } from '../config/schema.js';
import { formatMessage } from '../i18n/messages.js';
import type { ChatMessage, ChatWidgetApi, WidgetState, WidgetType } from '../types.js';
import { getIds, getMessageId, type WidgetIds } from './ids.js';
import type { FooterLink, MessageView, PartProps } from './types.js';

export interface ChatWidgetView {
  readonly type: WidgetType;
  /** The window is visible (always, for inline and fullscreen). */
  readonly isOpen: boolean;
  readonly ids: WidgetIds;
  readonly showBubble: boolean;
  readonly showTooltip: boolean;
  readonly showUnreadBadge: boolean;
  readonly showWindow: boolean;
  readonly showCloseButton: boolean;
  readonly showAvatar: boolean;
  readonly showSubtitle: boolean;
  readonly showStatus: boolean;
  readonly showTyping: boolean;
  readonly showError: boolean;
  readonly showStop: boolean;
  readonly showFooter: boolean;
  readonly canSend: boolean;
  readonly title: string;
  readonly subtitle: string;
  readonly avatar: string | undefined;
  readonly statusText: string;
  readonly tooltipText: string;
  readonly dismissTooltipLabel: string;
  readonly bubbleLabel: string;
  readonly unreadCount: number;
  /** "3 unread messages", translated; '' when there are none. */
  readonly unreadLabel: string;
  /** What the badge shows: the count, capped at "99+". */
  readonly unreadBadgeText: string;
  readonly closeLabel: string;
  readonly newSessionLabel: string;
  readonly messages: readonly MessageView[];
  readonly typingText: string;
  readonly errorText: string;
  readonly inputValue: string;
  readonly inputLabel: string;
  readonly placeholder: string;
  readonly sendLabel: string;
  readonly stopLabel: string;
  readonly footerText: string;
  readonly footerLinks: readonly FooterLink[];
  readonly retryLabel: string;
  /** Theme tokens as `--cwp-<token>` custom properties, for `el.style.setProperty`. */
  readonly cssVariables: Readonly<Record<string, string>>;
  /** Element id to focus when the window opens: the input. */
  readonly focusTargetAfterOpen: string;
  /** Element id to focus when the floating window closes: the bubble; null for other types. */
  readonly focusTargetAfterClose: string | null;

  getRootProps(): PartProps;
  getBubbleProps(): PartProps;
  getUnreadBadgeProps(): PartProps;
  getTooltipProps(): PartProps;
  getTooltipCloseProps(): PartProps;
  getWindowProps(): PartProps;
  getHeaderProps(): PartProps;
  getAvatarProps(): PartProps;
  getTitleProps(): PartProps;
  getSubtitleProps(): PartProps;
  getStatusProps(): PartProps;
  getCloseButtonProps(): PartProps;
  getNewSessionButtonProps(): PartProps;
  getMessagesProps(): PartProps;
  getMessageProps(message: MessageView | ChatMessage): PartProps;
  getMessageContentProps(message: MessageView | ChatMessage): PartProps;
  getMessageStatusProps(message: MessageView | ChatMessage): PartProps;
  getRetryButtonProps(message: MessageView | ChatMessage): PartProps;
  getTypingProps(): PartProps;
  getErrorProps(): PartProps;
  getComposerProps(): PartProps;
  getInputProps(): PartProps;
  getSendButtonProps(): PartProps;
  getStopButtonProps(): PartProps;
  getFooterProps(): PartProps;
  getFooterTextProps(): PartProps;
  getFooterLinkProps(link: FooterLink): PartProps;
}

const scope = 'cwp';
const noViews: readonly MessageView[] = [];
const noLinks: readonly FooterLink[] = [];
const safeHref = /^(https?:|mailto:|tel:)/i;
const tokenName = /^[a-z][a-z0-9-]*$/;
const unsafeCssValue = /[;{}<>\\]/;

/** What depends only on the (stable) resolved config, computed once per config. */
interface ConfigCache {
  readonly ids: WidgetIds;
  readonly style: string | undefined;
  readonly cssVariables: Readonly<Record<string, string>>;
  readonly footerLinks: readonly FooterLink[];
  readonly views: WeakMap<ChatMessage, MessageView>;
  /** The last list mapped: a streamed chunk replaces one message, so compare against it. */
  last: { messages: readonly ChatMessage[]; views: readonly MessageView[] } | undefined;
}

const configCaches = new WeakMap<ResolvedConfig, ConfigCache>();

function configCache(config: ResolvedConfig): ConfigCache {
  let cache = configCaches.get(config);
  if (cache === undefined) {
    const cssVariables: Record<string, string> = {};
    // The schema validates tokens; checked again because this string becomes a style attribute.
    for (const [name, value] of Object.entries(config.theme.tokens))
      if (tokenName.test(name) && !unsafeCssValue.test(value))
        cssVariables[`--cwp-${name}`] = value;
    const declarations = Object.entries(cssVariables).map(([name, value]) => `${name}: ${value};`);
    const links = config.footer === false ? noLinks : config.footer.links;
    cache = {
      ids: getIds(config.id),
      style: declarations.length > 0 ? declarations.join(' ') : undefined,
      cssVariables,
      footerLinks: links.every((link) => safeHref.test(link.href))
        ? links
        : links.filter((link) => safeHref.test(link.href)),
      views: new WeakMap(),
      last: undefined,
    };
    configCaches.set(config, cache);
  }
  return cache;
}

function excerpt(text: string): string {
  const flat = text.slice(0, 120).replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

function toView(config: ResolvedConfig, cache: ConfigCache, message: ChatMessage): MessageView {
  let view = cache.views.get(message);
  if (view === undefined) {
    const m = config.messages;
    const domId = getMessageId(config.id, message.id);
    const canRetry = message.status === 'failed' || message.status === 'incomplete';
    // Only a retry button needs it; a streaming reply would pay for it on every chunk.
    const quoted = canRetry ? excerpt(message.text) : '';
    view = {
      id: message.id,
      role: message.role,
      text: message.text,
      status: message.status,
      createdAt: message.createdAt,
      initial: message.initial === true,
      format: message.role === 'bot' ? 'markdown' : 'text',
      authorLabel: message.role === 'bot' ? m.botSaid : m.youSaid,
      canRetry,
      retryWaiting: (message.error?.retryAt ?? 0) > Date.now(),
      statusText:
        message.status === 'failed'
          ? m.messageFailed
          : message.status === 'incomplete'
            ? m.messageIncomplete
            : '',
      retryLabel: quoted === '' ? m.retry : formatMessage(m.retryMessage, { text: quoted }),
      domId,
      contentId: `${domId}-content`,
      statusId: `${domId}-status`,
      retryId: `${domId}-retry`,
    };
    cache.views.set(message, view);
  }
  return view;
}

function isView(message: MessageView | ChatMessage): message is MessageView {
  return 'domId' in message;
}

/** IME composition: Enter and Escape belong to the input method, not to us. */
function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** Handlers read the live snapshot, so one set per widget serves every render. */
interface Handlers {
  readonly toggle: (event: MouseEvent) => void;
  readonly open: (event: MouseEvent) => void;
  readonly close: (event: MouseEvent) => void;
  readonly dismissTooltip: (event: MouseEvent) => void;
  readonly escape: (event: KeyboardEvent) => void;
  readonly newSession: (event: MouseEvent) => void;
  readonly stop: (event: MouseEvent) => void;
  readonly submit: (event: Event) => void;
  readonly input: (event: Event) => void;
  readonly enter: (event: KeyboardEvent) => void;
  readonly retries: WeakMap<MessageView, (event: MouseEvent) => void>;
}

const widgetHandlers = new WeakMap<ChatWidgetApi, Handlers>();

function handlersOf(widget: ChatWidgetApi): Handlers {
  let handlers = widgetHandlers.get(widget);
  if (handlers === undefined) {
    const sendDraft = () => {
      // The widget empties the draft when it takes the message and keeps it when it does not.
      const text = widget.getSnapshot().draft;
      if (/\S/.test(text)) widget.send(text);
    };
    handlers = {
      toggle: () => widget.toggle(),
      open: () => widget.open({ via: 'tooltip' }),
      close: () => widget.close(),
      dismissTooltip: (event) => {
        // The dismiss control sits inside the tooltip, whose click opens the window.
        event.stopPropagation();
        widget.dismissTooltip();
      },
      escape: (event) => {
        if (event.key !== 'Escape' || event.defaultPrevented || isComposing(event)) return;
        widget.close();
      },
      newSession: () => widget.newSession(),
      stop: () => widget.stop(),
      submit: (event) => {
        event.preventDefault();
        sendDraft();
      },
      input: (event) => {
        const target = event.target as { value?: unknown } | null;
        if (typeof target?.value === 'string') widget.setDraft(target.value);
      },
      enter: (event) => {
        if (event.key !== 'Enter' || event.shiftKey || isComposing(event)) return;
        event.preventDefault();
        sendDraft();
      },
      retries: new WeakMap(),
    };
    widgetHandlers.set(widget, handlers);
  }
  return handlers;
}

function retryHandler(widget: ChatWidgetApi, handlers: Handlers, view: MessageView) {
  let handler = handlers.retries.get(view);
  if (handler === undefined) {
    const id = view.id;
    handler = () => {
      widget.retry(id);
    };
    handlers.retries.set(view, handler);
  }
  return handler;
}

function openState(open: boolean): 'open' | 'closed' {
  return open ? 'open' : 'closed';
}

/**
 * Which element to focus after a change, by id, or null: the input when the window opens, the
 * bubble when the floating window closes while focus was inside the widget. Never on first render.
 */
export function getFocusTarget(
  previous: WidgetState | null | undefined,
  next: WidgetState,
  focusWithin = true,
): string | null {
  if (previous == null || next.type !== 'floating' || previous.isOpen === next.isOpen) return null;
  const ids = getIds(next.config.id);
  if (next.isOpen) return ids.input;
  return focusWithin ? ids.bubble : null;
}

class View implements ChatWidgetView {
  readonly type: WidgetType;
  readonly isOpen: boolean;
  readonly ids: WidgetIds;
  readonly showBubble: boolean;
  readonly showTooltip: boolean;
  readonly showUnreadBadge: boolean;
  readonly showWindow: boolean;
  readonly showCloseButton: boolean;
  readonly showAvatar: boolean;
  readonly showSubtitle: boolean;
  readonly showStatus: boolean;
  readonly showTyping: boolean;
  readonly showError: boolean;
  readonly showStop: boolean;
  readonly showFooter: boolean;
  readonly canSend: boolean;
  readonly title: string;
  readonly subtitle: string;
  readonly avatar: string | undefined;
  readonly statusText: string;
  readonly tooltipText: string;
  readonly dismissTooltipLabel: string;
  readonly bubbleLabel: string;
  readonly unreadCount: number;
  readonly unreadLabel: string;
  readonly unreadBadgeText: string;
  readonly closeLabel: string;
  readonly newSessionLabel: string;
  readonly messages: readonly MessageView[];
  readonly typingText: string;
  readonly errorText: string;
  readonly inputValue: string;
  readonly inputLabel: string;
  readonly placeholder: string;
  readonly sendLabel: string;
  readonly stopLabel: string;
  readonly footerText: string;
  readonly footerLinks: readonly FooterLink[];
  readonly retryLabel: string;
  readonly cssVariables: Readonly<Record<string, string>>;
  readonly focusTargetAfterOpen: string;
  readonly focusTargetAfterClose: string | null;

  private readonly state: WidgetState;
  private readonly widget: ChatWidgetApi;
  private readonly cache: ConfigCache;
  private readonly handlers: Handlers;
  private readonly statusKind: 'online' | 'responding' | 'offline';
  private readonly streaming: boolean;

  constructor(state: WidgetState, widget: ChatWidgetApi) {
    const { config } = state;
    const m = config.messages;
    const floating = state.type === 'floating';
    const cache = configCache(config);
    this.state = state;
    this.widget = widget;
    this.cache = cache;
    this.handlers = handlersOf(widget);

    this.type = state.type;
    this.isOpen = !floating || state.isOpen;
    this.ids = cache.ids;
    this.showBubble = floating;
    this.showWindow = this.isOpen;
    this.showCloseButton = floating;
    this.showTooltip =
      floating && !state.isOpen && state.tooltipVisible && config.tooltip !== false;
    this.unreadCount = state.unread;
    this.showUnreadBadge = floating && !state.isOpen && state.unread > 0;
    this.unreadLabel = state.unread > 0 ? formatMessage(m.unread, { count: state.unread }) : '';
    this.unreadBadgeText = state.unread > 99 ? '99+' : String(state.unread);
    const toggleLabel = state.isOpen ? m.closeChat : m.openChat;
    this.bubbleLabel =
      this.unreadLabel === ''
        ? toggleLabel
        : formatMessage(m.bubbleUnread, { label: toggleLabel, unread: this.unreadLabel });
    this.tooltipText = config.tooltip === false ? '' : config.tooltip.text;
    this.dismissTooltipLabel = m.dismissTooltip;

    this.title = config.header.title;
    this.subtitle = config.header.subtitle;
    this.showSubtitle = this.subtitle !== '';
    this.avatar =
      config.header.avatar !== undefined && /^https?:/i.test(config.header.avatar)
        ? config.header.avatar
        : undefined;
    this.showAvatar = this.avatar !== undefined;
    this.showStatus = config.header.showStatus;
    this.statusKind =
      state.status === 'error' || state.error?.kind === 'offline'
        ? 'offline'
        : state.isResponding
          ? 'responding'
          : 'online';
    this.statusText =
      this.statusKind === 'offline'
        ? m.statusOffline
        : this.statusKind === 'responding'
          ? m.statusResponding
          : m.statusOnline;
    this.closeLabel = m.closeChat;
    this.newSessionLabel = m.newSession;

    this.messages = this.viewsOf(state.messages);
    const last = state.messages[state.messages.length - 1];
    this.streaming = last?.status === 'streaming';
    this.showTyping = state.isTyping;
    this.typingText = m.typing;
    this.showError = state.error !== null;
    this.errorText = state.error === null ? '' : (m[state.error.messageKey] ?? state.error.message);
    this.retryLabel = m.retry;

    this.inputValue = state.draft;
    this.inputLabel = m.inputLabel;
    this.placeholder = m.inputPlaceholder;
    this.canSend = state.status === 'ready' && !state.isResponding && /\S/.test(state.draft);
    this.showStop = state.isResponding;
    this.sendLabel = m.send;
    this.stopLabel = m.stop;

    this.showFooter = config.footer !== false;
    this.footerText = config.footer === false ? '' : config.footer.text;
    this.footerLinks = cache.footerLinks;
    this.cssVariables = cache.cssVariables;
    this.focusTargetAfterOpen = cache.ids.input;
    this.focusTargetAfterClose = floating ? cache.ids.bubble : null;
  }

  private viewsOf(messages: readonly ChatMessage[]): readonly MessageView[] {
    if (messages.length === 0) return noViews;
    const cache = this.cache;
    const last = cache.last;
    if (last !== undefined && last.messages === messages) return last.views;
    const { config } = this.state;
    const views: MessageView[] = new Array(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i]!;
      views[i] =
        last !== undefined && last.messages[i] === message
          ? last.views[i]!
          : toView(config, cache, message);
    }
    cache.last = { messages, views };
    return views;
  }

  private view(message: MessageView | ChatMessage): MessageView {
    return isView(message) ? message : toView(this.state.config, this.cache, message);
  }

  getRootProps(): PartProps {
    const { config } = this.state;
    return {
      'data-scope': scope,
      'data-part': 'root',
      id: this.ids.root,
      dir: config.dir,
      lang: config.locale,
      'data-type': this.type,
      'data-position': config.bubble.position,
      'data-theme': config.theme.colorScheme,
      'data-state': openState(this.isOpen),
      'data-status': this.state.status,
      style: this.cache.style,
    };
  }

  getBubbleProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'bubble',
      id: this.ids.bubble,
      type: 'button',
      'aria-label': this.bubbleLabel,
      'aria-expanded': this.isOpen ? 'true' : 'false',
      'aria-controls': this.ids.window,
      'aria-haspopup': 'dialog',
      'data-state': openState(this.isOpen),
      hidden: !this.showBubble,
      onClick: this.handlers.toggle,
    };
  }

  getUnreadBadgeProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'unread-badge',
      id: this.ids.unreadBadge,
      // The bubble's name already says how many are unread.
      'aria-hidden': 'true',
      hidden: !this.showUnreadBadge,
    };
  }

  getTooltipProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'tooltip',
      id: this.ids.tooltip,
      'data-state': openState(this.showTooltip),
      hidden: !this.showTooltip,
      onClick: this.handlers.open,
    };
  }

  getTooltipCloseProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'tooltip-close',
      type: 'button',
      'aria-label': this.dismissTooltipLabel,
      onClick: this.handlers.dismissTooltip,
    };
  }

  getWindowProps(): PartProps {
    const floating = this.type === 'floating';
    return {
      'data-scope': scope,
      'data-part': 'window',
      id: this.ids.window,
      role: floating ? 'dialog' : 'region',
      'aria-modal': floating ? 'false' : undefined,
      'aria-labelledby': this.ids.title,
      'data-type': this.type,
      'data-state': openState(this.isOpen),
      hidden: !this.showWindow,
      onKeyDown: floating ? this.handlers.escape : undefined,
    };
  }

  getHeaderProps(): PartProps {
    return { 'data-scope': scope, 'data-part': 'header' };
  }

  getAvatarProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'avatar',
      src: this.avatar,
      // Decorative: the title next to it names the bot.
      alt: '',
      hidden: !this.showAvatar,
    };
  }

  getTitleProps(): PartProps {
    return { 'data-scope': scope, 'data-part': 'title', id: this.ids.title };
  }

  getSubtitleProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'subtitle',
      id: this.ids.subtitle,
      hidden: !this.showSubtitle,
    };
  }

  getStatusProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'status',
      id: this.ids.status,
      'data-status': this.statusKind,
      hidden: !this.showStatus,
    };
  }

  getCloseButtonProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'close-button',
      type: 'button',
      'aria-label': this.closeLabel,
      hidden: !this.showCloseButton,
      onClick: this.handlers.close,
    };
  }

  getNewSessionButtonProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'new-session-button',
      type: 'button',
      'aria-label': this.newSessionLabel,
      onClick: this.handlers.newSession,
    };
  }

  getMessagesProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'messages',
      id: this.ids.messages,
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-busy': this.streaming || this.state.isLoadingHistory ? 'true' : 'false',
      // A scrollable region must be reachable by keyboard.
      tabindex: 0,
    };
  }

  getMessageProps(message: MessageView | ChatMessage): PartProps {
    const view = this.view(message);
    return {
      'data-scope': scope,
      'data-part': 'message',
      id: view.domId,
      'data-role': view.role,
      'data-status': view.status,
    };
  }

  getMessageContentProps(message: MessageView | ChatMessage): PartProps {
    const view = this.view(message);
    return {
      'data-scope': scope,
      'data-part': 'message-content',
      id: view.contentId,
      dir: 'auto',
    };
  }

  getMessageStatusProps(message: MessageView | ChatMessage): PartProps {
    const view = this.view(message);
    return {
      'data-scope': scope,
      'data-part': 'message-status',
      id: view.statusId,
      'data-status': view.status,
      hidden: view.statusText === '',
    };
  }

  getRetryButtonProps(message: MessageView | ChatMessage): PartProps {
    const view = this.view(message);
    return {
      'data-scope': scope,
      'data-part': 'retry-button',
      id: view.retryId,
      type: 'button',
      'aria-label': view.retryLabel,
      'aria-describedby': view.statusId,
      hidden: !view.canRetry,
      disabled: this.state.isResponding || view.retryWaiting,
      onClick: retryHandler(this.widget, this.handlers, view),
    };
  }

  getTypingProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'typing',
      id: this.ids.typing,
      role: 'status',
      'aria-label': this.typingText,
      hidden: !this.showTyping,
    };
  }

  getErrorProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'error',
      id: this.ids.error,
      role: 'alert',
      hidden: !this.showError,
    };
  }

  getComposerProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'composer',
      id: this.ids.composer,
      onSubmit: this.handlers.submit,
    };
  }

  getInputProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'input',
      id: this.ids.input,
      'aria-label': this.inputLabel,
      'aria-describedby': this.showError ? this.ids.error : undefined,
      placeholder: this.placeholder,
      value: this.inputValue,
      rows: 1,
      dir: 'auto',
      enterkeyhint: 'send',
      autocomplete: 'off',
      onInput: this.handlers.input,
      onKeyDown: this.handlers.enter,
    };
  }

  getSendButtonProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'send-button',
      type: 'submit',
      'aria-label': this.sendLabel,
      disabled: !this.canSend,
    };
  }

  getStopButtonProps(): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'stop-button',
      type: 'button',
      'aria-label': this.stopLabel,
      hidden: !this.showStop,
      onClick: this.handlers.stop,
    };
  }

  getFooterProps(): PartProps {
    return { 'data-scope': scope, 'data-part': 'footer', hidden: !this.showFooter };
  }

  getFooterTextProps(): PartProps {
    return { 'data-scope': scope, 'data-part': 'footer-text', hidden: this.footerText === '' };
  }

  getFooterLinkProps(link: FooterLink): PartProps {
    return {
      'data-scope': scope,
      'data-part': 'footer-link',
      href: safeHref.test(link.href) ? link.href : undefined,
      rel: 'noopener noreferrer',
      target: '_blank',
    };
  }
}

/** Turns a snapshot into the view API. Cheap: call it on every state change. */
export function connect(state: WidgetState, widget: ChatWidgetApi): ChatWidgetView {
  return new View(state, widget);
}
