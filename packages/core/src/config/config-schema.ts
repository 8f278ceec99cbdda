import * as v from 'valibot';
import type { WidgetEvent } from '../events/types.js';
import type { LocalePack } from '../i18n/locale-pack.js';
import { englishMessages, type MessageKey, type PluralKey } from '../i18n/messages.js';
import { identityTokenPattern } from '../managed/identity-headers.js';
import type { Transport } from '../transport/types.js';
import { bubbleIcons } from '../view/bubble-icons.js';
import { widgetTypes } from '../widget-type.js';
import { autoOpenOnce } from './auto-open-config.js';
import type { StorageLike } from './resolved-config.js';

const httpUrl = () =>
  v.pipe(v.string('must be a string'), v.check(isHttpUrl, 'must be an absolute http(s) URL'));

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value) && canParseUrl(value);
}

function canParseUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const milliseconds = (min: number) =>
  v.pipe(
    v.number('must be a number of milliseconds'),
    v.integer('must be a whole number of milliseconds'),
    v.minValue(min, `must be at least ${min} ms`),
  );

const wholeNumber = (min: number, unit: string) =>
  v.pipe(
    v.number(`must be a number of ${unit}`),
    v.integer(`must be a whole number of ${unit}`),
    v.minValue(min, `must be at least ${min}`),
  );

/** `type/subtype`, `type/*` or `.ext`, comma-separated (spaces allowed). */
const mimeList = /^\s*(([\w.+-]+\/(\*|[\w.+-]+)|\.[\w-]+)\s*(,\s*|$))*$/;

const plainRecord = v.record(v.string(), v.unknown(), 'must be an object');

const storageLike = v.custom<StorageLike>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StorageLike).getItem === 'function' &&
    typeof (value as StorageLike).setItem === 'function' &&
    typeof (value as StorageLike).removeItem === 'function',
  "must be 'local', 'session', 'memory' or an object with getItem, setItem and removeItem",
);

const transportLike = v.custom<Transport>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as Transport).send === 'function',
  'must be an object with a send(request, { signal }) method',
);

const callback = <T extends (...args: never[]) => unknown>() =>
  v.custom<T>((value) => typeof value === 'function', 'must be a function');

/**
 * Object schema whose unknown keys are reported as such (typos are the usual cause). Its entries
 * have no prototype: valibot walks them with for…in, which would also visit a property a host
 * page added to Object.prototype and call it as a schema.
 */
const object = <const E extends v.ObjectEntries>(entries: E, message = 'must be an object') =>
  v.strictObject(Object.assign(Object.create(null) as E, entries), (issue) =>
    issue.expected === 'never' ? `unknown option (received ${issue.received})` : message,
  );

const themeTokenName = /^[a-z][a-z0-9-]*$/;
// Values go into CSS custom properties: refuse anything that could close the declaration.
const safeCssValue = /^[^;{}<>\\]*$/;

const messageKeys = Object.keys(englishMessages) as MessageKey[];

const pluralText = v.optional(v.string('must be a string'));
/** A plural message's texts by `Intl.PluralRules` category, or one string for every count. */
const pluralMessage = v.union(
  [
    v.string(),
    object({
      zero: pluralText,
      one: pluralText,
      two: pluralText,
      few: pluralText,
      many: pluralText,
      other: v.string('must be a string (the text for any count)'),
    }),
  ],
  'must be a string or { one?, few?, many?, other, … }',
);

const localePack = v.custom<LocalePack>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalePack).locale === 'string' &&
    typeof (value as LocalePack).messages === 'object' &&
    (value as LocalePack).messages !== null,
  "must be a locale pack (import { de } from '@cwp/core/locales/de')",
);

export const configSchema = object(
  {
    type: v.optional(v.picklist(widgetTypes, "must be 'floating', 'inline' or 'fullscreen'")),
    /** Scopes storage; defaults to the widget id or the webhook URL. */
    id: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(/^[\w.:-]{1,100}$/, 'must be 1-100 letters, digits, or . : _ -'),
      ),
    ),

    // direct mode, n8n Chat Trigger (option names follow n8n's own chat)
    webhookUrl: v.optional(httpUrl()),
    webhookConfig: v.optional(
      object(
        {
          method: v.optional(v.picklist(['POST', 'PUT'], "must be 'POST' or 'PUT'")),
          headers: v.optional(
            v.record(
              v.string(),
              v.string('header values must be strings'),
              'must be an object of header strings',
            ),
          ),
        },
        'must be an object',
      ),
    ),
    chatInputKey: v.optional(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'))),
    chatSessionKey: v.optional(
      v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
    ),
    metadata: v.optional(plainRecord),
    loadPreviousSession: v.optional(v.boolean('must be true or false')),

    // any other HTTP API, or a transport of your own
    transport: v.optional(transportLike),

    // managed mode
    server: v.optional(httpUrl()),
    widgetId: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(/^[\w-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
      ),
    ),

    /** Managed mode: the visitor as signed by the site's server (see @cwp/server's README). */
    identity: v.optional(
      object({
        token: v.pipe(
          v.string('must be a string'),
          v.regex(identityTokenPattern, 'must be a compact JWT (header.payload.signature)'),
        ),
      }),
    ),

    storage: v.optional(
      v.union(
        [v.picklist(['local', 'session', 'memory']), storageLike],
        "must be 'local', 'session', 'memory' or an object with getItem, setItem and removeItem",
      ),
    ),
    namespace: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(/^[\w.:-]{1,50}$/, 'must be 1-50 letters, digits, or . : _ -'),
      ),
    ),

    initialMessages: v.optional(
      v.array(v.string('each initial message must be a string'), 'must be an array of strings'),
    ),
    /** Buttons shown before the first message (and after a new conversation); a click sends one. */
    starterPrompts: v.optional(
      v.array(
        v.pipe(
          v.string('each starter prompt must be a string'),
          v.regex(/\S/, 'must not be blank'),
        ),
        'must be an array of strings',
      ),
    ),
    /** Whole replies type themselves out and streamed ones reveal smoothly; `false` shows text at once. */
    typewriter: v.optional(
      v.union(
        [
          v.boolean(),
          object({
            charsPerSecond: v.optional(
              v.pipe(v.number('must be a number'), v.minValue(1, 'must be at least 1')),
            ),
            maxDurationMs: v.optional(milliseconds(0)),
          }),
        ],
        'must be true, false or { charsPerSecond?, maxDurationMs? }',
      ),
    ),
    header: v.optional(
      object(
        {
          title: v.optional(v.string('must be a string')),
          subtitle: v.optional(v.string('must be a string')),
          avatar: v.optional(httpUrl()),
          showStatus: v.optional(v.boolean('must be true or false')),
        },
        'must be an object',
      ),
    ),
    footer: v.optional(
      v.union(
        [
          v.literal(false),
          object({
            text: v.optional(v.string('must be a string')),
            links: v.optional(
              v.array(
                object(
                  {
                    label: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
                    href: v.pipe(
                      v.string('must be a string'),
                      v.check(
                        (value) => /^(https?:|mailto:|tel:)/i.test(value) && canParseUrl(value),
                        'must be an http(s), mailto: or tel: URL',
                      ),
                    ),
                  },
                  'must be { label, href }',
                ),
                'must be an array',
              ),
            ),
          }),
        ],
        'must be false or { text?, links? }',
      ),
    ),
    /** The floating window opens by itself after `delay` ms (see `AutoOpenConfig`). */
    autoOpen: v.optional(
      v.union(
        [
          v.boolean('must be true or false'),
          object({
            delay: v.optional(milliseconds(0)),
            once: v.optional(v.picklist(autoOpenOnce, "must be 'visitor', 'session' or 'always'")),
            onMobile: v.optional(v.boolean('must be true or false')),
          }),
        ],
        'must be true, false or { delay?, once?, onMobile? }',
      ),
    ),
    tooltip: v.optional(
      v.union(
        [
          v.literal(false),
          object({
            text: v.optional(v.string('must be a string')),
            delay: v.optional(milliseconds(0)),
          }),
        ],
        'must be false or { text?, delay? }',
      ),
    ),
    bubble: v.optional(
      object(
        {
          position: v.optional(
            v.picklist(['bottom-right', 'bottom-left'], "must be 'bottom-right' or 'bottom-left'"),
          ),
          icon: v.optional(
            v.pipe(
              v.string('must be a string'),
              v.check(
                (value) => (bubbleIcons as readonly string[]).includes(value) || isHttpUrl(value),
                "must be 'chat', 'help', 'sparkle' or an absolute http(s) URL",
              ),
            ),
          ),
        },
        'must be an object',
      ),
    ),
    theme: v.optional(
      object(
        {
          colorScheme: v.optional(
            v.picklist(['auto', 'light', 'dark'], "must be 'auto', 'light' or 'dark'"),
          ),
          tokens: v.optional(
            v.record(
              v.pipe(
                v.string(),
                v.regex(themeTokenName, 'token names must be lower-case words joined by -'),
              ),
              v.pipe(
                v.string('token values must be strings'),
                v.regex(safeCssValue, 'token values must not contain ; { } < > or \\'),
              ),
              'must be an object of token strings',
            ),
          ),
        },
        'must be an object',
      ),
    ),
    locale: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(
          /^(auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/,
          'must be a language tag such as "en" or "pt-BR", or "auto"',
        ),
      ),
    ),
    /** The packs this page carries; `locale` picks among them and English. */
    locales: v.optional(v.array(localePack, 'must be an array of locale packs')),
    /**
     * Managed mode: fetches the pack for a locale only the server's config names (the embed passes
     * one that loads `locales/<code>.js`); resolves undefined when there is none.
     */
    loadLocale: v.optional(callback<(locale: string) => Promise<LocalePack | undefined>>()),
    dir: v.optional(v.picklist(['ltr', 'rtl', 'auto'], "must be 'ltr', 'rtl' or 'auto'")),
    messages: v.optional(
      object(
        Object.fromEntries(
          messageKeys.map((key) => [
            key,
            v.optional(
              typeof englishMessages[key] === 'string'
                ? v.string('must be a string')
                : pluralMessage,
            ),
          ]),
        ) as {
          [K in MessageKey]: v.OptionalSchema<
            K extends PluralKey ? typeof pluralMessage : v.StringSchema<string>,
            undefined
          >;
        },
        'must be an object of message strings',
      ),
    ),
    timeouts: v.optional(
      object(
        {
          request: v.optional(milliseconds(100)),
          idle: v.optional(milliseconds(100)),
        },
        'must be an object',
      ),
    ),
    analytics: v.optional(
      object({ includeText: v.optional(v.boolean('must be true or false')) }, 'must be an object'),
    ),
    onEvent: v.optional(callback<(event: WidgetEvent) => void>()),
    allowImagesFrom: v.optional(v.array(httpUrl(), 'must be an array of origins')),
    abortOnClose: v.optional(v.boolean('must be true or false')),
    openOnStart: v.optional(v.boolean('must be true or false')),
    /** Lets the visitor attach files (n8n's name); sent as multipart like n8n's own chat. */
    allowFileUploads: v.optional(v.boolean('must be true or false')),
    /** Accepted types, n8n's comma list: `image/*,application/pdf,.csv`; empty or absent: any. */
    allowedFilesMimeTypes: v.optional(
      v.pipe(
        v.string('must be a string such as "image/*,application/pdf"'),
        v.regex(mimeList, 'must be a comma-separated list such as "image/*,application/pdf,.csv"'),
      ),
    ),
    /** Largest file accepted, in bytes (default 10 MB). */
    maxFileSize: v.optional(wholeNumber(1, 'bytes')),
    /** Most files on one message (default 5). */
    maxFiles: v.optional(wholeNumber(1, 'files')),
    /** A sound when a reply arrives while the floating window is closed (the visitor can mute it). */
    sound: v.optional(
      v.union(
        [v.boolean(), object({ url: v.optional(httpUrl()) })],
        'must be true, false or { url? }',
      ),
    ),
  },
  'config must be an object',
);

export type ChatWidgetConfig = v.InferInput<typeof configSchema>;
