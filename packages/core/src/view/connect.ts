/**
 * The view API: `connect(state, widget)` turns one snapshot into everything a renderer draws.
 * A renderer puts each part's props on its element as they are:
 *
 * - DOM: `on*` → one listener per lower-cased event type (handlers are stable per widget); `value` → set
 *   `el.value` when it differs; `true` → `setAttribute(key, '')`; `false`/`undefined` →
 *   `removeAttribute(key)`; anything else → `setAttribute(key, String(value))`.
 * - Vue: `v-bind` / `h(tag, props)` as is. Solid: `{...props}` as is.
 * - Svelte 5: `{...props}` with handler names lower-cased (`onClick` → `onclick`).
 *
 * Theme tokens, focus moves and scroll pinning are not props: `createWidgetDom` from
 * `@cwp/core/dom` does them on the live elements.
 */
import { formatMessage } from '../i18n/messages.js';
import { formatCount, pluralMessage } from '../i18n/plural.js';
import type { ChatWidgetApi, WidgetState } from '../types.js';
import { partAttributes } from './anatomy.js';
import { configView, safeHref } from './config-view.js';
import { withCodeCopied } from './copy-code.js';
import { handlersOf } from './handlers.js';
import { historyWindow } from './history-window.js';
import { messageActionProps, withCopied } from './message-actions.js';
import { contentClickOf, withMessageButtons } from './message-buttons.js';
import { messagePartProps, messageViews } from './message-views.js';
import { starterPromptProps } from './starter-prompts.js';
import type { ChatWidgetView, FooterLink, PartProps } from './types.js';
import { typewriter } from './typewriter.js';
import { fileNoticeText, uploadPartProps } from './upload-parts.js';

const openState = (open: boolean) => (open ? 'open' : 'closed');

/** Turns a snapshot into the view. Cheap: call it on every state change. */
export function connect(state: WidgetState, widget: ChatWidgetApi): ChatWidgetView {
  const { config } = state;
  const m = config.messages;
  const cache = configView(config);
  const ids = cache.ids;
  const handlers = handlersOf(widget);
  const floating = state.type === 'floating';
  // The window is drawn open: always inline and fullscreen, while `state.isOpen` when floating.
  const windowShown = !floating || state.isOpen;
  const showTooltip = floating && !state.isOpen && state.tooltipVisible && config.tooltip !== false;
  const unreadLabel = state.unread > 0 ? pluralMessage(config.locale, m.unread, state.unread) : '';
  const toggleLabel = state.isOpen ? m.closeChat : m.openChat;
  const last = state.messages[state.messages.length - 1];
  // A message waiting for the connection (sent while offline) says offline, not typing; so does
  // a failed send, until the next one goes out.
  const waiting = last?.status === 'sending' && last.error?.kind === 'offline';
  const presence =
    state.status === 'error' || state.error !== null || waiting
      ? 'offline'
      : state.isResponding
        ? 'responding'
        : 'online';
  const reveal = typewriter(widget);
  const shown = reveal.shown(state, historyWindow(widget).shown(state));
  const views = withMessageButtons(messageViews(config, cache, shown), shown, config);
  const messages = withCodeCopied(withCopied(views, state.copied, m), state.copied, m);
  const streaming = last?.status === 'streaming' || reveal.revealing;
  const uploads = uploadPartProps(state, widget, ids);
  const noticeText = fileNoticeText(state);
  const showError = state.error !== null || noticeText !== '';
  const footerText = config.footer === false ? '' : config.footer.text;
  // Decorative: the title or the tooltip text next to it names the bot.
  const avatarProps = (part: 'avatar' | 'tooltip-avatar'): PartProps => ({
    ...partAttributes(part),
    src: cache.avatar,
    alt: '',
    referrerpolicy: 'no-referrer',
    hidden: cache.avatar === undefined,
  });

  return {
    tooltipText: config.tooltip === false ? '' : config.tooltip.text,
    unreadBadgeText:
      state.unread > 99
        ? `${formatCount(config.locale, 99)}+`
        : formatCount(config.locale, state.unread),
    title: config.header.title,
    subtitle: config.header.subtitle,
    presenceText:
      presence === 'offline'
        ? m.statusOffline
        : presence === 'responding'
          ? m.statusResponding
          : m.statusOnline,
    messages,
    errorText:
      state.error === null ? noticeText : (m[state.error.messageKey] ?? state.error.message),
    footerText,
    footerLinks: cache.footerLinks,
    bubbleIcon: cache.bubbleIcon,

    getRootProps: () => ({
      ...partAttributes('root'),
      id: ids.root,
      dir: config.dir,
      lang: config.locale,
      'data-type': state.type,
      'data-position': config.bubble.position,
      'data-theme': config.theme.colorScheme,
      'data-state': openState(windowShown),
      'data-status': state.status,
    }),
    getTooltipProps: () => ({
      ...partAttributes('tooltip'),
      id: ids.tooltip,
      'data-state': openState(showTooltip),
      hidden: !showTooltip,
      onClick: handlers.openFromTooltip,
    }),
    getTooltipAvatarProps: () => avatarProps('tooltip-avatar'),
    getTooltipTextProps: () => partAttributes('tooltip-text'),
    getTooltipCloseProps: () => ({
      ...partAttributes('tooltip-close'),
      type: 'button',
      'aria-label': m.dismissTooltip,
      onClick: handlers.dismissTooltip,
    }),
    getBubbleProps: () => ({
      ...partAttributes('bubble'),
      id: ids.bubble,
      type: 'button',
      'aria-label':
        unreadLabel === ''
          ? toggleLabel
          : formatMessage(m.bubbleUnread, { label: toggleLabel, unread: unreadLabel }),
      'aria-expanded': windowShown ? 'true' : 'false',
      'aria-controls': ids.window,
      'aria-haspopup': 'dialog',
      'data-state': openState(windowShown),
      hidden: !floating,
      onClick: handlers.toggle,
    }),
    getUnreadBadgeProps: () => ({
      ...partAttributes('unread-badge'),
      id: ids.unreadBadge,
      // The bubble's name already says how many are unread.
      'aria-hidden': 'true',
      hidden: !(floating && !state.isOpen && state.unread > 0),
    }),
    getWindowProps: () => ({
      ...partAttributes('window'),
      id: ids.window,
      role: floating ? 'dialog' : 'region',
      'aria-modal': floating ? 'false' : undefined,
      'aria-labelledby': ids.title,
      'data-type': state.type,
      'data-state': openState(windowShown),
      hidden: !windowShown,
      onKeydown: floating ? handlers.closeOnEscape : undefined,
      ...uploads.dropProps,
    }),
    getHeaderProps: () => partAttributes('header'),
    getAvatarProps: () => avatarProps('avatar'),
    getHeaderTextProps: () => partAttributes('header-text'),
    getTitleProps: () => ({ ...partAttributes('title'), id: ids.title }),
    getSubtitleProps: () => ({
      ...partAttributes('subtitle'),
      id: ids.subtitle,
      hidden: config.header.subtitle === '',
    }),
    getStatusProps: () => ({
      ...partAttributes('status'),
      id: ids.status,
      'data-status': presence,
      hidden: !config.header.showStatus,
    }),
    getMuteButtonProps: () => ({
      ...partAttributes('mute-button'),
      type: 'button',
      'aria-label': m.mute,
      'aria-pressed': state.muted ? 'true' : 'false',
      hidden: config.sound === false,
      onClick: handlers.toggleMute,
    }),
    getNewSessionButtonProps: () => ({
      ...partAttributes('new-session-button'),
      type: 'button',
      'aria-label': m.newSession,
      onClick: handlers.newSession,
    }),
    getCloseButtonProps: () => ({
      ...partAttributes('close-button'),
      type: 'button',
      'aria-label': m.closeChat,
      hidden: !floating,
      onClick: handlers.close,
    }),
    getMessagesProps: () => ({
      ...partAttributes('messages'),
      id: ids.messages,
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-busy': streaming || state.isLoadingHistory ? 'true' : 'false',
      // A scrollable region must be reachable by keyboard.
      tabindex: 0,
    }),
    ...messagePartProps(handlers, state.isResponding, contentClickOf(widget)),
    ...messageActionProps(widget, m),
    ...starterPromptProps(state, widget),
    files: uploads.files,
    getAttachmentsProps: uploads.getAttachmentsProps,
    getAttachmentProps: uploads.getAttachmentProps,
    getAttachmentRemoveProps: uploads.getAttachmentRemoveProps,
    getAttachButtonProps: uploads.getAttachButtonProps,
    getFileInputProps: uploads.getFileInputProps,
    getTypingProps: () => ({
      ...partAttributes('typing'),
      id: ids.typing,
      role: 'status',
      'aria-label': m.typing,
      hidden: !state.isTyping,
    }),
    getTypingDotProps: () => partAttributes('typing-dot'),
    getErrorProps: () => ({
      ...partAttributes('error'),
      id: ids.error,
      role: 'alert',
      hidden: !showError,
    }),
    getComposerProps: () => ({
      ...partAttributes('composer'),
      id: ids.composer,
      onSubmit: handlers.submit,
    }),
    getInputProps: () => ({
      ...partAttributes('input'),
      id: ids.input,
      'aria-label': m.inputLabel,
      'aria-describedby': showError ? ids.error : undefined,
      // Until the visitor chooses one of a message's buttons (`blockUserInput`); the hint says so.
      placeholder: state.inputBlocked ? m.chooseOption : m.inputPlaceholder,
      disabled: state.inputBlocked,
      value: state.draft,
      rows: 1,
      dir: 'auto',
      enterkeyhint: 'send',
      autocomplete: 'off',
      onInput: handlers.input,
      onKeydown: handlers.sendOnEnter,
      onPaste: uploads.onPaste,
    }),
    getStopButtonProps: () => ({
      ...partAttributes('stop-button'),
      type: 'button',
      'aria-label': m.stop,
      hidden: !(state.isResponding || reveal.revealing),
      onClick: handlers.stop,
    }),
    getSendButtonProps: () => ({
      ...partAttributes('send-button'),
      type: 'submit',
      'aria-label': m.send,
      disabled: !(
        state.status === 'ready' &&
        !state.isResponding &&
        !state.inputBlocked &&
        (/\S/.test(state.draft) || state.files.length > 0)
      ),
    }),
    getFooterProps: () => ({ ...partAttributes('footer'), hidden: config.footer === false }),
    getFooterTextProps: () => ({ ...partAttributes('footer-text'), hidden: footerText === '' }),
    getFooterLinkProps: (link: FooterLink) => ({
      ...partAttributes('footer-link'),
      href: safeHref.test(link.href) ? link.href : undefined,
      rel: 'noopener noreferrer',
      target: '_blank',
    }),
  };
}
