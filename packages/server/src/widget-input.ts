import * as v from 'valibot';
import { checkAllowedOrigins, normaliseOrigin } from './security/origin.js';
import { checkWebhookHost, checkWebhookUrl } from './security/webhook-url.js';
import type { NewWidget, WidgetPatch } from './store/types.js';

/**
 * Keys of @cwp/core's config that may be served to browsers. Anything that could carry a secret
 * or point the widget elsewhere (webhookUrl, webhookConfig headers, server, transport, storage)
 * is refused when a widget is saved.
 */
export const publicConfigKeys = [
  'type',
  'initialMessages',
  'header',
  'footer',
  'tooltip',
  'bubble',
  'theme',
  'locale',
  'dir',
  'messages',
  'timeouts',
  'analytics',
  'allowImagesFrom',
  'openOnStart',
  'abortOnClose',
  'loadPreviousSession',
  'metadata',
] as const;

const limitValue = (max: number) =>
  v.optional(
    v.pipe(
      v.number('limits must be numbers'),
      v.integer('limits must be whole numbers'),
      v.minValue(1, 'limits must be at least 1'),
      v.maxValue(max, `limits must be at most ${max}`),
    ),
  );

const limitsSchema = v.strictObject({
  perIpPerMinute: limitValue(1_000_000),
  perSessionPerMinute: limitValue(1_000_000),
  perWidgetPerMinute: limitValue(1_000_000),
  maxConcurrentStreams: limitValue(100_000),
  maxBodyBytes: limitValue(10 * 1024 * 1024),
  requestTimeoutMs: limitValue(600_000),
  idleTimeoutMs: limitValue(600_000),
  maxReplyMs: limitValue(3_600_000),
});

const fields = {
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'name must not be empty'),
    v.maxLength(200, 'name must be at most 200 characters'),
  ),
  webhookUrl: v.pipe(
    v.string('webhookUrl must be a string'),
    v.maxLength(2048, 'webhookUrl is too long'),
  ),
  allowedOrigins: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(300))),
    v.maxLength(100, 'at most 100 allowedOrigins'),
  ),
  config: v.record(v.string(), v.unknown()),
  limits: limitsSchema,
  transcripts: v.boolean(),
};

const newWidgetSchema = v.strictObject({
  name: fields.name,
  webhookUrl: fields.webhookUrl,
  allowedOrigins: fields.allowedOrigins,
  config: v.optional(fields.config),
  limits: v.optional(fields.limits),
  transcripts: v.optional(fields.transcripts),
});

const patchSchema = v.strictObject({
  name: v.optional(fields.name),
  webhookUrl: v.optional(fields.webhookUrl),
  allowedOrigins: v.optional(fields.allowedOrigins),
  config: v.optional(fields.config),
  limits: v.optional(fields.limits),
  transcripts: v.optional(fields.transcripts),
  disabled: v.optional(v.boolean()),
});

export type InputResult<T> = { ok: true; value: T } | { ok: false; message: string };

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = issue.path?.map((item) => String(item.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

async function checkCommon(
  input: {
    webhookUrl?: string;
    allowedOrigins?: readonly string[];
    config?: Readonly<Record<string, unknown>>;
  },
  allowPrivate: boolean,
  currentWebhookUrl?: string,
): Promise<string | null> {
  if (input.webhookUrl !== undefined) {
    const check = checkWebhookUrl(input.webhookUrl, { allowPrivate });
    if (!check.ok) return check.message;
    const hostProblem = await checkWebhookHost(check.url, { allowPrivate });
    if (hostProblem) return hostProblem;
  }
  if (input.allowedOrigins !== undefined) {
    const problem = checkAllowedOrigins(input.allowedOrigins);
    if (problem) return problem;
  }
  if (input.config !== undefined) {
    const unknown = Object.keys(input.config).filter(
      (key) => !(publicConfigKeys as readonly string[]).includes(key),
    );
    if (unknown.length > 0) {
      return `config may only hold public widget settings; not allowed: ${unknown.join(', ')}`;
    }
    const secret = input.webhookUrl ?? currentWebhookUrl;
    if (secret && JSON.stringify(input.config).includes(secret)) {
      return 'config must not contain the webhook URL';
    }
  }
  return null;
}

const normaliseOrigins = (list: readonly string[]) => [
  ...new Set(
    list.map((entry) =>
      entry === '*' || entry === 'null' ? entry : (normaliseOrigin(entry) ?? entry),
    ),
  ),
];

export async function parseNewWidget(
  input: unknown,
  allowPrivate: boolean,
): Promise<InputResult<NewWidget>> {
  const parsed = v.safeParse(newWidgetSchema, input);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.issues) };
  const problem = await checkCommon(parsed.output, allowPrivate);
  if (problem) return { ok: false, message: problem };
  const { limits, ...rest } = parsed.output;
  return {
    ok: true,
    value: {
      ...rest,
      allowedOrigins: normaliseOrigins(rest.allowedOrigins),
      ...(limits ? { limits: stripUndefined(limits) } : {}),
    },
  };
}

export async function parseWidgetPatch(
  input: unknown,
  allowPrivate: boolean,
  currentWebhookUrl: string,
): Promise<InputResult<WidgetPatch>> {
  const parsed = v.safeParse(patchSchema, input);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.issues) };
  const problem = await checkCommon(parsed.output, allowPrivate, currentWebhookUrl);
  if (problem) return { ok: false, message: problem };
  const { limits, allowedOrigins, ...rest } = parsed.output;
  const patch: WidgetPatch = {
    ...stripUndefined(rest),
    ...(allowedOrigins ? { allowedOrigins: normaliseOrigins(allowedOrigins) } : {}),
    ...(limits ? { limits: stripUndefined(limits) } : {}),
  };
  return { ok: true, value: patch };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** What browsers get: only the public keys, whatever the store holds. */
export function publicConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).filter(([key]) => (publicConfigKeys as readonly string[]).includes(key)),
  );
}
