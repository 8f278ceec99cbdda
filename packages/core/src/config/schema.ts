import * as v from 'valibot';
import type { WidgetEvent } from '../events/types.js';
import { englishMessages, type MessageKey, type Messages } from '../i18n/messages.js';
import type { Transport } from '../transport/types.js';
import type { WidgetType } from '../types.js';
import { ConfigError, type ConfigIssue } from './config-error.js';

/** The subset of the Web Storage API the widget uses, for custom stores. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const httpUrl = () =>
  v.pipe(
    v.string('must be a string'),
    v.check(
      (value) => /^https?:\/\/[^\s]+$/i.test(value) && canParseUrl(value),
      'must be an absolute http(s) URL',
    ),
  );

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

/** Object schema whose unknown keys are reported as such (typos are the usual cause). */
const object = <const E extends v.ObjectEntries>(entries: E, message = 'must be an object') =>
  v.strictObject(entries, (issue) =>
    issue.expected === 'never' ? `unknown option (received ${issue.received})` : message,
  );

const themeTokenName = /^[a-z][a-z0-9-]*$/;
// Values go into CSS custom properties: refuse anything that could close the declaration.
const safeCssValue = /^[^;{}<>\\]*$/;

const messageKeys = Object.keys(englishMessages) as MessageKey[];

export const configSchema = object(
  {
    type: v.optional(
      v.picklist(
        ['floating', 'inline', 'fullscreen'],
        "must be 'floating', 'inline' or 'fullscreen'",
      ),
    ),
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
          /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
          'must be a language tag such as "en" or "pt-BR"',
        ),
      ),
    ),
    dir: v.optional(v.picklist(['ltr', 'rtl', 'auto'], "must be 'ltr', 'rtl' or 'auto'")),
    messages: v.optional(
      object(
        Object.fromEntries(
          messageKeys.map((key) => [key, v.optional(v.string('must be a string'))]),
        ) as {
          [K in MessageKey]: v.OptionalSchema<v.StringSchema<string>, undefined>;
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
  },
  'config must be an object',
);

export type ChatWidgetConfig = v.InferInput<typeof configSchema>;

export type WidgetMode = 'direct' | 'custom' | 'managed';

export interface FooterConfig {
  readonly text: string;
  readonly links: readonly { readonly label: string; readonly href: string }[];
}

/** The config with every default filled in; what `WidgetState.config` holds. */
export interface ResolvedConfig {
  readonly mode: WidgetMode;
  readonly type: WidgetType;
  /** Storage scope: `id`, else `widgetId`, else derived from the webhook URL. */
  readonly id: string;
  readonly webhookUrl: string | undefined;
  readonly webhookConfig: {
    readonly method: 'POST' | 'PUT';
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly chatInputKey: string;
  readonly chatSessionKey: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly loadPreviousSession: boolean;
  readonly transport: Transport | undefined;
  readonly server: string | undefined;
  readonly widgetId: string | undefined;
  readonly storage: 'local' | 'session' | 'memory' | StorageLike;
  readonly namespace: string;
  readonly initialMessages: readonly string[];
  readonly header: {
    readonly title: string;
    readonly subtitle: string;
    readonly avatar: string | undefined;
    readonly showStatus: boolean;
  };
  readonly footer: FooterConfig | false;
  readonly tooltip: { readonly text: string; readonly delay: number } | false;
  readonly bubble: { readonly position: 'bottom-right' | 'bottom-left' };
  readonly theme: {
    readonly colorScheme: 'auto' | 'light' | 'dark';
    readonly tokens: Readonly<Record<string, string>>;
  };
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl' | 'auto';
  readonly messages: Readonly<Messages>;
  readonly timeouts: { readonly request: number; readonly idle: number };
  readonly analytics: { readonly includeText: boolean };
  readonly onEvent: ((event: WidgetEvent) => void) | undefined;
  readonly allowImagesFrom: readonly string[];
  readonly abortOnClose: boolean;
  readonly openOnStart: boolean;
}

/** Validates a config; throws one ConfigError naming every bad field. */
export function parseConfig(input: unknown): v.InferOutput<typeof configSchema> {
  const result = v.safeParse(configSchema, input);
  const issues: ConfigIssue[] = result.success
    ? []
    : result.issues.map((issue) => ({
        path: v.getDotPath(issue) ?? '',
        message: issue.message.includes('received')
          ? issue.message
          : `${issue.message} (received ${issue.received})`,
      }));
  if (result.success) issues.push(...modeIssues(result.output));
  else if (typeof input !== 'object' || input === null) {
    throw new ConfigError([{ path: '', message: 'config must be an object' }]);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return (result as { output: v.InferOutput<typeof configSchema> }).output;
}

function modeIssues(config: v.InferOutput<typeof configSchema>): ConfigIssue[] {
  const modes = [
    config.webhookUrl !== undefined && 'webhookUrl',
    config.transport !== undefined && 'transport',
    (config.server !== undefined || config.widgetId !== undefined) && 'server',
  ].filter(Boolean);
  if (modes.length === 0) {
    return [
      {
        path: 'webhookUrl',
        message:
          'is required: give webhookUrl (direct), transport (custom API), or server and widgetId (managed)',
      },
    ];
  }
  if (modes.length > 1) {
    return [
      {
        path: String(modes[1]),
        message: `cannot be combined with ${modes[0]}: choose one integration mode`,
      },
    ];
  }
  const issues: ConfigIssue[] = [];
  if (modes[0] === 'server') {
    if (config.server === undefined)
      issues.push({ path: 'server', message: 'is required with widgetId (managed mode)' });
    if (config.widgetId === undefined)
      issues.push({ path: 'widgetId', message: 'is required with server (managed mode)' });
  }
  return issues;
}

/** Objects in the public config that merge field by field when local config overrides remote. */
const nestedKeys = [
  'header',
  'theme',
  'messages',
  'timeouts',
  'bubble',
  'analytics',
  'webhookConfig',
] as const;

/**
 * Managed mode: the server's public config under the page's own config (local values win).
 * Returns the raw merged object, validated again by `resolveConfig`.
 */
export function mergeRemoteConfig(
  local: ChatWidgetConfig,
  remote: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...remote, ...local };
  for (const key of nestedKeys) {
    const r = remote[key];
    const l = local[key];
    if (isPlainObject(r) && isPlainObject(l)) merged[key] = { ...r, ...l };
  }
  const rTheme = remote.theme;
  if (isPlainObject(rTheme) && isPlainObject(rTheme.tokens) && isPlainObject(local.theme?.tokens)) {
    merged.theme = {
      ...(merged.theme as object),
      tokens: { ...rTheme.tokens, ...local.theme.tokens },
    };
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates `input` (throwing one ConfigError) and fills in every default. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const c = parseConfig(input);
  const messages: Messages = { ...englishMessages };
  for (const [key, value] of Object.entries(c.messages ?? {}))
    if (value !== undefined) messages[key as MessageKey] = value;
  const mode: WidgetMode = c.server ? 'managed' : c.transport ? 'custom' : 'direct';
  const footer =
    c.footer === false
      ? false
      : { text: c.footer?.text ?? messages.poweredBy, links: c.footer?.links ?? [] };
  return {
    mode,
    type: c.type ?? 'floating',
    id: c.id ?? c.widgetId ?? (c.webhookUrl ? hashId(c.webhookUrl) : 'default'),
    webhookUrl: c.webhookUrl,
    webhookConfig: {
      method: c.webhookConfig?.method ?? 'POST',
      headers: c.webhookConfig?.headers ?? {},
    },
    chatInputKey: c.chatInputKey ?? 'chatInput',
    chatSessionKey: c.chatSessionKey ?? 'sessionId',
    metadata: c.metadata ?? {},
    loadPreviousSession: c.loadPreviousSession ?? true,
    transport: c.transport,
    server: c.server?.replace(/\/+$/, ''),
    widgetId: c.widgetId,
    storage: c.storage ?? 'local',
    namespace: c.namespace ?? 'cwp',
    initialMessages: c.initialMessages ?? [],
    header: {
      title: c.header?.title ?? messages.title,
      subtitle: c.header?.subtitle ?? messages.subtitle,
      avatar: c.header?.avatar,
      showStatus: c.header?.showStatus ?? true,
    },
    footer,
    tooltip:
      c.tooltip === false
        ? false
        : { text: c.tooltip?.text ?? messages.tooltip, delay: c.tooltip?.delay ?? 3000 },
    bubble: { position: c.bubble?.position ?? 'bottom-right' },
    theme: { colorScheme: c.theme?.colorScheme ?? 'auto', tokens: c.theme?.tokens ?? {} },
    locale: c.locale ?? 'en',
    dir: c.dir ?? 'auto',
    messages,
    timeouts: { request: c.timeouts?.request ?? 30_000, idle: c.timeouts?.idle ?? 30_000 },
    analytics: { includeText: c.analytics?.includeText ?? false },
    onEvent: c.onEvent,
    allowImagesFrom: (c.allowImagesFrom ?? []).map((origin) => new URL(origin).origin),
    abortOnClose: c.abortOnClose ?? false,
    openOnStart: c.openOnStart ?? false,
  };
}

/** A short stable id from a URL (FNV-1a), so storage keys do not spell out the webhook URL. */
function hashId(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `w${(hash >>> 0).toString(36)}`;
}
