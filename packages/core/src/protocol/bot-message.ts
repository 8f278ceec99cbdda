import * as v from 'valibot';

/**
 * n8n's JSON chat messages (as `@n8n/chat` 1.37 reads them): a finished bot message whose whole
 * text is one of these JSON objects is drawn as what it says, anything else stays text.
 * Shared by the widget (whole replies, restored history, socket frames) and @cwp/server (which
 * rewrites button links before a browser sees them). No DOM, no browser globals.
 */

/** A button under a bot message. No `link`: choosing it sends its text as the visitor's message. */
export interface MessageButton {
  readonly text: string;
  /** An absolute http(s) URL, or a path relative to the webhook (`buttons/…`, `/x?y`). */
  readonly link?: string | undefined;
  readonly type: 'primary' | 'secondary';
}

/** What a bot message shows once its text is read. */
export interface BotMessageContent {
  readonly text: string;
  readonly buttons?: readonly MessageButton[] | undefined;
  /** The composer stays disabled until one of `buttons` is chosen (only with buttons). */
  readonly blockUserInput?: boolean | undefined;
  /** n8n's `{"type":"error"}`: the text is an error the bot reports. */
  readonly error?: boolean | undefined;
}

export const maxButtons = 10;
export const maxButtonTextLength = 200;
export const maxButtonLinkLength = 2048;
/** Longer texts are not read as JSON messages (a bound on the work per message). */
export const maxBotMessageJsonLength = 64 * 1024;

const absoluteHttp = /^https?:\/\//i;
// A relative reference with no scheme and no authority: only path, query and fragment characters.
const relativePath = /^(?!\/\/)[\w\-./~%?=&+:@!$*,;#]*$/;
const schemeLike = /^[a-z][a-z0-9+.-]*:/i;

/** A link a button may carry: http(s) or a plain relative path; never `javascript:` and the like. */
export function isSafeButtonLink(link: string): boolean {
  if (link === '' || link.length > maxButtonLinkLength || /[\s\\]/.test(link)) return false;
  if (absoluteHttp.test(link)) return URL.canParse(link);
  return !schemeLike.test(link) && relativePath.test(link);
}

const looseButton = v.looseObject({
  text: v.pipe(v.string(), v.trim(), v.minLength(1)),
  link: v.optional(v.unknown()),
  type: v.optional(v.unknown()),
});

const messageSchema = v.variant('type', [
  v.looseObject({
    type: v.literal('with-buttons'),
    text: v.optional(v.string(), ''),
    buttons: v.optional(v.array(v.unknown()), []),
    blockUserInput: v.optional(v.unknown()),
  }),
  v.looseObject({ type: v.literal('message'), text: v.string() }),
  v.looseObject({ type: v.literal('error'), message: v.string() }),
]);

function readButton(value: unknown): MessageButton | undefined {
  const parsed = v.safeParse(looseButton, value);
  if (!parsed.success) return undefined;
  const { link, type } = parsed.output;
  // A link we may not follow drops the button: without its link it would mean something else.
  if (link !== undefined && link !== null && link !== '') {
    if (typeof link !== 'string' || !isSafeButtonLink(link.trim())) return undefined;
  }
  const text = [...parsed.output.text].slice(0, maxButtonTextLength).join('');
  return {
    text,
    ...(typeof link === 'string' && link.trim() !== '' ? { link: link.trim() } : {}),
    type: type === 'secondary' ? 'secondary' : 'primary',
  };
}

/**
 * Reads a finished bot message's text. Returns what to show when it is one of n8n's JSON chat
 * messages, or `undefined` when it is text (show it as it is).
 */
export function parseBotMessage(text: string): BotMessageContent | undefined {
  const trimmed = text.trim();
  if (
    trimmed.length > maxBotMessageJsonLength ||
    !trimmed.startsWith('{') ||
    !trimmed.endsWith('}')
  )
    return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(messageSchema, value);
  if (!parsed.success) return undefined;
  const message = parsed.output;
  if (message.type === 'message') return { text: message.text };
  if (message.type === 'error') return { text: message.message, error: true };
  const buttons = message.buttons
    .slice(0, maxButtons)
    .map(readButton)
    .filter((button): button is MessageButton => button !== undefined);
  if (buttons.length === 0) return { text: message.text };
  // Blocking needs something to choose, or the visitor could never write again.
  return { text: message.text, buttons, blockUserInput: message.blockUserInput === true };
}
