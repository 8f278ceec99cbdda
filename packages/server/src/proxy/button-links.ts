import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { type MessageButton, parseBotMessage } from '@cwp/core/protocol';

/**
 * Managed mode never lets a browser learn the n8n origin, and n8n's with-buttons messages carry
 * links on it (resume URLs of a waiting execution). Before a bot text leaves the server, each link
 * on the webhook's origin becomes `buttons/<token>`, relative to the widget's `/chat` URL, so the
 * widget resolves it to `/v1/widgets/:id/buttons/<token>` on this server. The token is the link's
 * path and query sealed (AES-256-GCM) with the widget and the session it was made for: opaque to
 * the browser, and only that session can use it. Links elsewhere stay as they are (never fetched).
 */

export interface ButtonLinkScope {
  readonly widgetId: string;
  readonly sessionId: string;
  /** The widget's webhook URL: its origin is the only one a token can lead to. */
  readonly webhookUrl: string;
}

export interface OpenedButtonLink {
  readonly widgetId: string;
  readonly sessionId: string;
  /** Path and query on the webhook's origin. */
  readonly path: string;
}

/** A token outlives the reply by a week (the conversation stays in the visitor's storage). */
export const buttonLinkTtlMs = 7 * 24 * 60 * 60 * 1000;
const tokenPrefix = 'buttons/';

/**
 * `CWP_BUTTON_SECRET` (any string) makes tokens valid on every instance and across restarts;
 * without it each process seals with a random key of its own.
 */
let key: Buffer | undefined;
function sealingKey(): Buffer {
  const secret = process.env.CWP_BUTTON_SECRET;
  key ??=
    secret !== undefined && secret !== ''
      ? createHash('sha256').update(`cwp-button-links:${secret}`).digest()
      : randomBytes(32);
  return key;
}

export function sealButtonLink(scope: ButtonLinkScope, path: string, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(), iv);
  const payload = JSON.stringify({
    w: scope.widgetId,
    s: scope.sessionId,
    p: path,
    x: now + buttonLinkTtlMs,
  });
  const sealed = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The link a token was made for, or null when it is forged, damaged or expired. */
export function openButtonLink(token: string, now = Date.now()): OpenedButtonLink | null {
  if (!/^[\w-]{40,4096}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(12, bytes.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    const value = JSON.parse(plain) as { w: string; s: string; p: string; x: number };
    if (typeof value.x !== 'number' || value.x < now || !value.p.startsWith('/')) return null;
    return { widgetId: value.w, sessionId: value.s, path: value.p };
  } catch {
    return null;
  }
}

function rewriteButton(button: MessageButton, scope: ButtonLinkScope): MessageButton {
  if (button.link === undefined) return button;
  const webhook = new URL(scope.webhookUrl);
  let url: URL;
  try {
    url = new URL(button.link, webhook);
  } catch {
    return button;
  }
  if (url.origin !== webhook.origin) return button;
  return { ...button, link: `${tokenPrefix}${sealButtonLink(scope, url.pathname + url.search)}` };
}

/**
 * One bot text as the browser may see it: a with-buttons message with every link on the webhook's
 * origin sealed; any other text comes back unchanged. For whole replies, history and socket frames.
 */
export function rewriteButtonLinks(text: string, scope: ButtonLinkScope): string {
  const parsed = parseBotMessage(text);
  if (parsed?.buttons === undefined) return text;
  return JSON.stringify({
    type: 'with-buttons',
    text: parsed.text,
    buttons: parsed.buttons.map((button) => rewriteButton(button, scope)),
    blockUserInput: parsed.blockUserInput === true,
  });
}

const textKeys = ['output', 'text', 'message'] as const;

function rewriteItem(item: unknown, scope: ButtonLinkScope): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const record = item as Record<string, unknown>;
  let next: Record<string, unknown> | undefined;
  for (const key of textKeys) {
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    if (typeof value !== 'string') continue;
    const rewritten = rewriteButtonLinks(value, scope);
    if (rewritten === value) continue;
    next ??= { ...record };
    next[key] = rewritten;
  }
  // loadPreviousSession: LangChain messages keep the text in kwargs.content.
  const kwargs = record.kwargs as Record<string, unknown> | undefined;
  if (typeof kwargs === 'object' && kwargs !== null && typeof kwargs.content === 'string') {
    const rewritten = rewriteButtonLinks(kwargs.content, scope);
    if (rewritten !== kwargs.content) {
      next ??= { ...record };
      next.kwargs = { ...kwargs, content: rewritten };
    }
  }
  return next ?? item;
}

/**
 * A whole reply's JSON (`{output}`, an array of items, or history's `{data: [...]}`) with its
 * button links sealed; `undefined` when nothing needed it (the bytes go out as they came).
 */
export function rewriteReplyButtons(value: unknown, scope: ButtonLinkScope): unknown | undefined {
  const walk = (items: readonly unknown[]) => {
    const next = items.map((item) => rewriteItem(item, scope));
    return next.some((item, i) => item !== items[i]) ? next : undefined;
  };
  if (Array.isArray(value)) return walk(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const data = (value as { data?: unknown }).data;
  if (Array.isArray(data)) {
    const next = walk(data);
    return next === undefined ? undefined : { ...value, data: next };
  }
  const item = rewriteItem(value, scope);
  return item === value ? undefined : item;
}
