import * as v from 'valibot';
import { publicConfigProblem } from './public-config.js';
import { checkAllowedOrigins, normaliseOrigin } from './security/origin.js';
import { checkWebhookHost, checkWebhookUrl } from './security/webhook-url.js';
import type { NewWidget, WidgetPatch, WidgetRecord } from './store/types.js';

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
  identity: v.strictObject({
    required: v.optional(v.boolean('identity.required must be true or false')),
    claims: v.optional(
      v.pipe(
        v.array(
          v.pipe(
            v.string('identity.claims must be strings'),
            v.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'identity.claims must be claim names'),
          ),
          'identity.claims must be an array',
        ),
        v.maxLength(32, 'at most 32 identity.claims'),
      ),
    ),
  }),
};

const newWidgetSchema = v.strictObject({
  name: fields.name,
  webhookUrl: fields.webhookUrl,
  allowedOrigins: fields.allowedOrigins,
  config: v.optional(fields.config),
  limits: v.optional(fields.limits),
  transcripts: v.optional(fields.transcripts),
  identity: v.optional(fields.identity),
});

const patchSchema = v.strictObject({
  name: v.optional(fields.name),
  webhookUrl: v.optional(fields.webhookUrl),
  allowedOrigins: v.optional(fields.allowedOrigins),
  config: v.optional(fields.config),
  limits: v.optional(fields.limits),
  transcripts: v.optional(fields.transcripts),
  identity: v.optional(fields.identity),
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

/** The widget a patch applies to; its config is screened again when the webhook URL or origins change. */
export type CurrentWidget = Pick<WidgetRecord, 'webhookUrl' | 'allowedOrigins' | 'config'>;

async function checkCommon(
  input: {
    webhookUrl?: string;
    allowedOrigins?: readonly string[];
    config?: Readonly<Record<string, unknown>>;
  },
  allowPrivate: boolean,
  current?: CurrentWidget,
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
  // Whatever the order of changes, the config is checked against the webhook URL it will be served with.
  const webhookUrl = input.webhookUrl ?? current?.webhookUrl;
  const config = input.config ?? current?.config;
  if (webhookUrl !== undefined && config !== undefined) {
    const problem = publicConfigProblem(config, {
      webhookUrl,
      allowedOrigins: input.allowedOrigins ?? current?.allowedOrigins ?? [],
      // A stored config is only re-checked for the webhook URL, so an old one never blocks a change.
      leaksOnly: input.config === undefined,
    });
    if (problem) return problem;
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
  current: CurrentWidget,
): Promise<InputResult<WidgetPatch>> {
  const parsed = v.safeParse(patchSchema, input);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.issues) };
  const problem = await checkCommon(parsed.output, allowPrivate, current);
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
