import { revealsWebhook, type WebhookSecret, webhookSecret } from './webhook-secret.js';

/**
 * What a widget's public config (GET /v1/widgets/:id/config) may hold, field by field: an
 * allowlist mirroring @cwp/core's public options. Anything else — unknown keys at any depth,
 * values of the wrong shape, and any text that reveals the webhook URL — is refused when saved
 * and left out when served, so what the store holds never decides what browsers see.
 */
type Rule =
  | { readonly kind: 'string'; readonly pattern?: RegExp }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'ms' }
  | { readonly kind: 'count' }
  | { readonly kind: 'url'; readonly schemes: RegExp }
  | { readonly kind: 'oneOf'; readonly values: readonly string[] }
  | {
      readonly kind: 'object';
      readonly fields: Readonly<Record<string, Rule>>;
      readonly orFalse?: true;
    }
  | { readonly kind: 'array'; readonly items: Rule; readonly max: number }
  | { readonly kind: 'map'; readonly keys: RegExp; readonly values: Rule; readonly max: number }
  | { readonly kind: 'either'; readonly options: readonly Rule[] }
  | { readonly kind: 'json' };

const text: Rule = { kind: 'string' };
const flag: Rule = { kind: 'boolean' };
const ms: Rule = { kind: 'ms' };
const httpUrl: Rule = { kind: 'url', schemes: /^https?:$/ };
const object = (fields: Record<string, Rule>, orFalse?: true): Rule =>
  orFalse ? { kind: 'object', fields, orFalse } : { kind: 'object', fields };

const pluralMessage = object({
  zero: text,
  one: text,
  two: text,
  few: text,
  many: text,
  other: text,
});

const rules = object({
  type: { kind: 'oneOf', values: ['floating', 'inline', 'fullscreen'] },
  initialMessages: { kind: 'array', items: text, max: 50 },
  starterPrompts: { kind: 'array', items: text, max: 20 },
  header: object({ title: text, subtitle: text, avatar: httpUrl, showStatus: flag }),
  footer: object(
    {
      text,
      links: {
        kind: 'array',
        items: object({ label: text, href: { kind: 'url', schemes: /^(https?|mailto|tel):$/ } }),
        max: 20,
      },
    },
    true,
  ),
  tooltip: object({ text, delay: ms }, true),
  bubble: object({
    position: { kind: 'oneOf', values: ['bottom-right', 'bottom-left'] },
    icon: {
      kind: 'either',
      options: [{ kind: 'oneOf', values: ['chat', 'help', 'sparkle'] }, httpUrl],
    },
  }),
  theme: object({
    colorScheme: { kind: 'oneOf', values: ['auto', 'light', 'dark'] },
    tokens: {
      kind: 'map',
      keys: /^[a-z][a-z0-9-]{0,63}$/,
      values: { kind: 'string', pattern: /^[^;{}<>\\]*$/ },
      max: 200,
    },
  }),
  locale: { kind: 'string', pattern: /^(auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/ },
  dir: { kind: 'oneOf', values: ['ltr', 'rtl', 'auto'] },
  messages: {
    kind: 'map',
    keys: /^[A-Za-z][\w.-]{0,63}$/,
    values: { kind: 'either', options: [text, pluralMessage] },
    max: 200,
  },
  timeouts: object({ request: ms, idle: ms }),
  analytics: object({ includeText: flag }),
  allowImagesFrom: { kind: 'array', items: httpUrl, max: 50 },
  openOnStart: flag,
  autoOpen: {
    kind: 'either',
    options: [
      flag,
      object({
        delay: ms,
        once: { kind: 'oneOf', values: ['visitor', 'session', 'always'] },
        onMobile: flag,
      }),
    ],
  },
  abortOnClose: flag,
  sound: { kind: 'either', options: [flag, object({ url: httpUrl })] },
  // Uploads (n8n's names); the server enforces the same rules on /chat.
  allowFileUploads: flag,
  allowedFilesMimeTypes: {
    kind: 'string',
    pattern: /^\s*(([\w.+-]+\/(\*|[\w.+-]+)|\.[\w-]+)\s*(,\s*|$))*$/,
  },
  maxFileSize: { kind: 'count' },
  maxFiles: { kind: 'count' },
  typewriter: {
    kind: 'either',
    options: [flag, object({ charsPerSecond: { kind: 'count' }, maxDurationMs: ms })],
  },
  loadPreviousSession: flag,
  // Sent with every message by the widget; free-form, so only its texts are screened.
  metadata: { kind: 'map', keys: /^[\s\S]{1,100}$/, values: { kind: 'json' }, max: 100 },
});

// A key naming the webhook is refused wherever it appears, whatever its case.
const webhookKey = /web[\W_]*hook/i;
const maxJsonDepth = 8;
const leakReason = 'must not contain the webhook URL';

interface Screen {
  readonly secret: WebhookSecret | null;
  readonly refused: string[];
}

type Kept = { keep: true; value: unknown } | { keep: false };
const drop: Kept = { keep: false };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function screenText(value: string, path: string, s: Screen): Kept {
  if (s.secret && revealsWebhook(value, s.secret)) {
    s.refused.push(`${path}: ${leakReason}`);
    return drop;
  }
  return { keep: true, value };
}

function screenValue(value: unknown, rule: Rule, path: string, s: Screen): Kept {
  const wrong = (what: string): Kept => {
    s.refused.push(`${path}: ${what}`);
    return drop;
  };
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return wrong('must be a string');
      if (rule.pattern && !rule.pattern.test(value)) return wrong('is not an allowed value');
      return screenText(value, path, s);
    case 'boolean':
      return typeof value === 'boolean' ? { keep: true, value } : wrong('must be true or false');
    case 'ms':
      return Number.isSafeInteger(value) && (value as number) >= 0
        ? { keep: true, value }
        : wrong('must be a whole number of milliseconds');
    case 'count':
      return Number.isSafeInteger(value) && (value as number) > 0
        ? { keep: true, value }
        : wrong('must be a positive whole number');
    case 'url': {
      if (typeof value !== 'string' || !URL.canParse(value)) return wrong('must be a URL');
      if (!rule.schemes.test(new URL(value).protocol)) return wrong('has a scheme not allowed');
      return screenText(value, path, s);
    }
    case 'oneOf':
      return typeof value === 'string' && rule.values.includes(value)
        ? { keep: true, value }
        : wrong(`must be one of ${rule.values.join(', ')}`);
    case 'either': {
      for (const option of rule.options) {
        const probe: Screen = { secret: s.secret, refused: [] };
        const kept = screenValue(value, option, path, probe);
        if (kept.keep && probe.refused.length === 0) return kept;
      }
      // Report what the closest option says: a string for text, the object form otherwise.
      const closest = typeof value === 'string' ? rule.options[0] : rule.options.at(-1);
      return closest ? screenValue(value, closest, path, s) : wrong('is not allowed');
    }
    case 'object': {
      if (value === false && rule.orFalse) return { keep: true, value };
      if (!isPlainObject(value)) return wrong('must be an object');
      const entries: [string, unknown][] = [];
      for (const [key, item] of Object.entries(value)) {
        const itemPath = path ? `${path}.${key}` : key;
        const itemRule = Object.hasOwn(rule.fields, key) ? rule.fields[key] : undefined;
        if (!itemRule) {
          s.refused.push(`${itemPath}: not a public widget setting`);
          continue;
        }
        const kept = screenValue(item, itemRule, itemPath, s);
        if (kept.keep) entries.push([key, kept.value]);
      }
      return { keep: true, value: Object.fromEntries(entries) };
    }
    case 'map': {
      if (!isPlainObject(value)) return wrong('must be an object');
      const entries: [string, unknown][] = [];
      for (const [key, item] of Object.entries(value)) {
        const itemPath = `${path}.${key}`;
        if (entries.length >= rule.max) return wrong(`may hold at most ${rule.max} entries`);
        if (!rule.keys.test(key) || webhookKey.test(key) || key === '__proto__') {
          s.refused.push(`${itemPath}: not an allowed key`);
          continue;
        }
        const keyCheck = screenText(key, itemPath, s);
        if (!keyCheck.keep) continue;
        const kept = screenValue(item, rule.values, itemPath, s);
        if (kept.keep) entries.push([key, kept.value]);
      }
      return { keep: true, value: Object.fromEntries(entries) };
    }
    case 'array': {
      if (!Array.isArray(value)) return wrong('must be an array');
      if (value.length > rule.max) return wrong(`may hold at most ${rule.max} items`);
      const items: unknown[] = [];
      value.forEach((item, i) => {
        const kept = screenValue(item, rule.items, `${path}.${i}`, s);
        if (kept.keep) items.push(kept.value);
      });
      return { keep: true, value: items };
    }
    case 'json':
      return screenJson(value, path, s, 0);
  }
}

function screenJson(value: unknown, path: string, s: Screen, depth: number): Kept {
  if (value === null || typeof value === 'boolean') return { keep: true, value };
  if (typeof value === 'number') return Number.isFinite(value) ? { keep: true, value } : drop;
  if (typeof value === 'string') return screenText(value, path, s);
  if (depth >= maxJsonDepth || typeof value !== 'object') {
    s.refused.push(`${path}: is nested too deep or not JSON`);
    return drop;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    value.forEach((item, i) => {
      const kept = screenJson(item, `${path}.${i}`, s, depth + 1);
      if (kept.keep) items.push(kept.value);
    });
    return { keep: true, value: items };
  }
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const itemPath = `${path}.${key}`;
    if (webhookKey.test(key) || key === '__proto__') {
      s.refused.push(`${itemPath}: not an allowed key`);
      continue;
    }
    if (!screenText(key, itemPath, s).keep) continue;
    const kept = screenJson(item, itemPath, s, depth + 1);
    if (kept.keep) entries.push([key, kept.value]);
  }
  return { keep: true, value: Object.fromEntries(entries) };
}

/** The context a config is screened in: the webhook it must not reveal and the sites it serves. */
export interface ScreenContext {
  readonly webhookUrl: string;
  readonly allowedOrigins: readonly string[];
}

function screen(config: unknown, context: ScreenContext) {
  const s: Screen = {
    secret: webhookSecret(context.webhookUrl, context.allowedOrigins),
    refused: [],
  };
  const kept = screenValue(config, rules, '', s);
  const value = kept.keep && isPlainObject(kept.value) ? kept.value : {};
  return { config: value, refused: s.refused };
}

/** What browsers get: only allowed settings of allowed shapes, none revealing the webhook URL. */
export function publicConfig(config: unknown, context: ScreenContext): Record<string, unknown> {
  return screen(config, context).config;
}

/**
 * Why a config cannot be saved (every refused path), or null when all of it is public. With
 * `leaksOnly`, only texts revealing the webhook URL count (a stored config checked again).
 */
export function publicConfigProblem(
  config: unknown,
  context: ScreenContext & { readonly leaksOnly?: boolean },
): string | null {
  const all = screen(config, context).refused;
  const leaks = all.filter((line) => line.endsWith(leakReason));
  const refused = context.leaksOnly ? leaks : all;
  if (refused.length === 0) return null;
  const shown = refused.slice(0, 10).map((line) => `config.${line}`);
  const more = refused.length > shown.length ? ` (and ${refused.length - shown.length} more)` : '';
  const lead =
    leaks.length > 0
      ? 'config must not contain the webhook URL'
      : 'config may only hold public widget settings';
  return `${lead}: ${shown.join('; ')}${more}`;
}
