/**
 * Every visitor-facing string the widget shows, in English. Override any of them with
 * `config.messages`; other languages are packs in `@cwp/core/locales/*`.
 * A value that is an object is a plural message: one text per `Intl.PluralRules` category.
 */
export const englishMessages = {
  title: 'Chat',
  subtitle: '',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newSession: 'Start a new conversation',
  mute: 'Mute sounds',
  inputLabel: 'Message',
  inputPlaceholder: 'Type your message…',
  send: 'Send',
  stop: 'Stop responding',
  retry: 'Retry',
  retryMessage: 'Retry: {text}',
  copyCode: 'Copy code',
  bubbleUnread: '{label}, {unread}',
  typing: 'Typing…',
  tooltip: 'Hi there! Need any help?',
  dismissTooltip: 'Dismiss',
  poweredBy: 'Powered by ChatWidgetPro',
  statusOnline: 'Online',
  statusResponding: 'Typing…',
  statusOffline: 'Offline',
  unread: { one: '{count} unread message', other: '{count} unread messages' },
  messageFailed: 'Not delivered.',
  messageIncomplete: 'The reply was interrupted.',
  messageWaiting: 'Waiting for connection…',
  messageStopped: 'You stopped this reply.',
  starterPrompts: 'Suggested questions',
  chooseOption: 'Choose one of the options above to continue',
  copyReply: 'Copy',
  copied: 'Copied',
  feedbackUp: 'Helpful',
  feedbackDown: 'Not helpful',
  attachFiles: 'Attach files',
  removeFile: 'Remove {name}',
  fileTooLarge: '“{name}” is larger than {max}.',
  fileWrongType: '“{name}” is not a file type this chat accepts.',
  tooManyFiles: 'You can attach up to {max} files.',
  youSaid: 'You',
  botSaid: 'Bot',
  'error.network': 'We could not reach the chat service. Check your connection and try again.',
  'error.offline':
    'You appear to be offline. Your message is kept; try again when you are back online.',
  'error.timeout': 'The chat service took too long to answer. Please try again.',
  'error.http': 'The chat service had a problem answering. Please try again.',
  'error.unauthorized': 'This chat is not allowed to connect right now.',
  'error.not_found': 'The chat service is not available right now.',
  'error.too_large': 'That message is too long to send.',
  'error.rate_limited': 'Too many messages at once. Please wait a moment and try again.',
  'error.server': 'The chat service is having trouble. Please try again shortly.',
  'error.bad_reply': 'The chat service sent a reply we could not read. Please try again.',
  'error.bot_error': 'The bot ran into a problem answering. Please try again.',
  'error.config': 'This chat is not configured correctly.',
  'error.load': 'The chat could not be loaded. Please try again later.',
  'error.cut_off': 'The reply was cut off. Try again.',
  'error.conversation_lost':
    'The conversation with the bot was interrupted. Send your message again to continue.',
} as const;

export type MessageKey = keyof typeof englishMessages;

/** Keys whose message depends on a count (`{count}`), chosen by `Intl.PluralRules`. */
export type PluralKey = {
  [K in MessageKey]: (typeof englishMessages)[K] extends string ? never : K;
}[MessageKey];

/** Keys whose message is one text. */
export type TextKey = Exclude<MessageKey, PluralKey>;

export type PluralCategory = Intl.LDMLPluralRule;

/** One text per plural category the language uses; `other` is required (the fallback). */
export type PluralMessage = { readonly other: string } & {
  readonly [C in Exclude<PluralCategory, 'other'>]?: string;
};

/** A complete set of messages: what a locale pack carries and what the resolved config holds. */
export type Messages = { readonly [K in TextKey]: string } & {
  readonly [K in PluralKey]: PluralMessage;
};

/** `config.messages`: any key; a plural key also takes one string, used for every count. */
export type MessagesInput = { readonly [K in TextKey]?: string } & {
  readonly [K in PluralKey]?: string | PluralMessage;
};

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(
  template: string,
  values: Record<string, string | number> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
