import * as v from 'valibot';
import { resolveLocale } from '../i18n/resolve-locale.js';
import { uploadRules } from '../uploads/file-rules.js';
import { resolveAutoOpen } from './auto-open-config.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { shorthandHint } from './config-hints.js';
import { configSchema } from './config-schema.js';
import type { ResolvedConfig, WidgetMode } from './resolved-config.js';
import { resolveTypewriter } from './typewriter-config.js';
import { unknownKeys } from './unknown-keys.js';

/** Validates a config; throws one ConfigError naming every bad field. */
export function parseConfig(input: unknown): v.InferOutput<typeof configSchema> {
  const result = v.safeParse(configSchema, input);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError([{ path: '', message: 'config must be an object' }]);
  }
  const issues: ConfigIssue[] = result.success
    ? modeIssues(result.output)
    : result.issues.flatMap(innermostIssues).map(toConfigIssue);
  issues.unshift(...unknownKeys(configSchema, input));
  if (issues.length > 0) throw new ConfigError(issues);
  return (result as { output: v.InferOutput<typeof configSchema> }).output;
}

const isUnknownKey = (issue: v.BaseIssue<unknown>) =>
  issue.type === 'strict_object' && issue.expected === 'never';

/**
 * Unknown keys are reported by `unknownKeys` (all of them, not valibot's first). A union such as
 * `footer: false | {…}` that failed inside its object option names the fields inside instead.
 */
function innermostIssues(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown>[] {
  if (isUnknownKey(issue)) return [];
  if (issue.type !== 'union' || issue.issues === undefined) return [issue];
  // paths inside a union's issues are relative to the union
  const inner = issue.issues
    .filter((sub) => (sub.path?.length ?? 0) > 0)
    .map(
      (sub) =>
        ({ ...sub, path: [...(issue.path ?? []), ...(sub.path ?? [])] }) as v.BaseIssue<unknown>,
    );
  return inner.length === 0 ? [issue] : inner.flatMap(innermostIssues);
}

function toConfigIssue(issue: v.BaseIssue<unknown>): ConfigIssue {
  const path = v.getDotPath(issue) ?? '';
  const message = issue.message.includes('received')
    ? issue.message
    : `${issue.message} (received ${issue.received})`;
  const hint = shorthandHint(path, issue.input);
  return { path, message: hint ? `${message}; ${hint}` : message };
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
  if (config.identity !== undefined && modes[0] !== 'server') {
    issues.push({
      path: 'identity',
      message: 'needs managed mode (server and widgetId): @cwp/server verifies the token',
    });
  }
  if (modes[0] === 'server') {
    if (config.server === undefined)
      issues.push({ path: 'server', message: 'is required with widgetId (managed mode)' });
    if (config.widgetId === undefined)
      issues.push({ path: 'widgetId', message: 'is required with server (managed mode)' });
  }
  return issues;
}

/** Validates `input` (throwing one ConfigError) and fills in every default. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const c = parseConfig(input);
  const { locale, dir, messages } = resolveLocale(c);
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
    identity: c.identity,
    storage: c.storage ?? 'local',
    namespace: c.namespace ?? 'cwp',
    initialMessages: c.initialMessages ?? [],
    starterPrompts: c.starterPrompts ?? [],
    typewriter: resolveTypewriter(c.typewriter),
    header: {
      title: c.header?.title ?? messages.title,
      subtitle: c.header?.subtitle ?? messages.subtitle,
      avatar: c.header?.avatar,
      showStatus: c.header?.showStatus ?? true,
    },
    footer,
    autoOpen: resolveAutoOpen(c.autoOpen),
    tooltip:
      c.tooltip === false
        ? false
        : { text: c.tooltip?.text ?? messages.tooltip, delay: c.tooltip?.delay ?? 3000 },
    bubble: { position: c.bubble?.position ?? 'bottom-right', icon: c.bubble?.icon ?? 'chat' },
    theme: { colorScheme: c.theme?.colorScheme ?? 'auto', tokens: c.theme?.tokens ?? {} },
    locale,
    dir,
    messages,
    timeouts: { request: c.timeouts?.request ?? 30_000, idle: c.timeouts?.idle ?? 30_000 },
    analytics: { includeText: c.analytics?.includeText ?? false },
    onEvent: c.onEvent,
    allowImagesFrom: (c.allowImagesFrom ?? []).map((origin) => new URL(origin).origin),
    abortOnClose: c.abortOnClose ?? false,
    openOnStart: c.openOnStart ?? false,
    sound: c.sound === true ? {} : (c.sound ?? false),
    uploads: c.allowFileUploads
      ? uploadRules(c.allowedFilesMimeTypes, c.maxFileSize, c.maxFiles)
      : false,
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
