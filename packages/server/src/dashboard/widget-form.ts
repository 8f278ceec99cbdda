import type { WidgetLimits, WidgetRecord } from '../store/types.js';

/** The limit fields the form offers, in the order shown, with what each means. */
export const limitFields: readonly (readonly [keyof WidgetLimits, string])[] = [
  ['perIpPerMinute', 'Chats per visitor IP per minute'],
  ['perSessionPerMinute', 'Chats per session per minute'],
  ['perWidgetPerMinute', 'Chats per widget per minute'],
  ['maxConcurrentStreams', 'Replies streaming at once'],
  ['maxBodyBytes', 'Largest request, bytes'],
  ['requestTimeoutMs', 'Webhook answer timeout, ms'],
  ['idleTimeoutMs', 'Silence inside a reply, ms'],
  ['maxReplyMs', 'Longest whole reply, ms'],
];

/** What the widget form shows: every value as the text in its input. */
export interface WidgetFormValues {
  readonly name: string;
  readonly webhookUrl: string;
  readonly allowedOrigins: string;
  readonly title: string;
  readonly subtitle: string;
  readonly primary: string;
  readonly primaryText: string;
  readonly colorScheme: string;
  readonly tooltip: string;
  readonly position: string;
  readonly locale: string;
  readonly transcripts: boolean;
  readonly uploads: boolean;
  /** `allowedFilesMimeTypes`: e.g. image/*,application/pdf,.csv; blank for any. */
  readonly uploadTypes: string;
  readonly maxFileSize: string;
  readonly maxFiles: string;
  readonly identityRequired: boolean;
  /** Claim names, comma or space separated. */
  readonly identityClaims: string;
  readonly limits: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const child = (config: Json, key: string): Json => {
  const value = config[key];
  return isObject(value) ? value : {};
};

export const emptyForm: WidgetFormValues = {
  name: '',
  webhookUrl: '',
  allowedOrigins: '',
  title: '',
  subtitle: '',
  primary: '',
  primaryText: '',
  colorScheme: '',
  tooltip: '',
  position: '',
  locale: '',
  transcripts: false,
  uploads: false,
  uploadTypes: '',
  maxFileSize: '',
  maxFiles: '',
  identityRequired: false,
  identityClaims: '',
  limits: {},
};

export function formFromWidget(widget: WidgetRecord): WidgetFormValues {
  const config = widget.config as Json;
  const header = child(config, 'header');
  const theme = child(config, 'theme');
  const tokens = child(theme, 'tokens');
  return {
    name: widget.name,
    webhookUrl: widget.webhookUrl,
    allowedOrigins: widget.allowedOrigins.join('\n'),
    title: str(header.title),
    subtitle: str(header.subtitle),
    primary: str(tokens.primary),
    primaryText: str(tokens['primary-text']),
    colorScheme: str(theme.colorScheme),
    tooltip: str(child(config, 'tooltip').text),
    position: str(child(config, 'bubble').position),
    locale: str(config.locale),
    transcripts: widget.transcripts,
    uploads: config.allowFileUploads === true,
    uploadTypes: str(config.allowedFilesMimeTypes),
    maxFileSize: config.maxFileSize === undefined ? '' : String(config.maxFileSize),
    maxFiles: config.maxFiles === undefined ? '' : String(config.maxFiles),
    identityRequired: widget.identity.required,
    identityClaims: widget.identity.claims.join(', '),
    limits: Object.fromEntries(
      Object.entries(widget.limits).map(([key, value]) => [key, String(value)]),
    ),
  };
}

export function formFromBody(body: URLSearchParams): WidgetFormValues {
  const get = (name: string) => (body.get(name) ?? '').trim();
  return {
    name: get('name'),
    webhookUrl: get('webhookUrl'),
    allowedOrigins: get('allowedOrigins'),
    title: get('title'),
    subtitle: get('subtitle'),
    primary: get('primary'),
    primaryText: get('primaryText'),
    colorScheme: get('colorScheme'),
    tooltip: get('tooltip'),
    position: get('position'),
    locale: get('locale'),
    transcripts: body.get('transcripts') === 'on',
    uploads: body.get('uploads') === 'on',
    uploadTypes: get('uploadTypes'),
    maxFileSize: get('maxFileSize'),
    maxFiles: get('maxFiles'),
    identityRequired: body.get('identityRequired') === 'on',
    identityClaims: get('identityClaims'),
    limits: Object.fromEntries(limitFields.map(([key]) => [key, get(`limits.${key}`)])),
  };
}

/** Sets `path` in `config` to `value`, or removes it (and parents left empty) when blank. */
function place(config: Json, path: readonly string[], value: unknown): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    if (value === '' || value === undefined) delete config[key];
    else config[key] = value;
    return;
  }
  const next = isObject(config[key]) ? { ...(config[key] as Json) } : {};
  place(next, rest, value);
  if (Object.keys(next).length === 0) delete config[key];
  else config[key] = next;
}

/**
 * The admin API's input for these form values: the same fields `POST`/`PATCH /v1/admin/widgets`
 * take, so the same validation runs. Settings the form does not show are kept from `base`.
 */
export function inputFromForm(form: WidgetFormValues, base: Readonly<Json> = {}): Json {
  const config: Json = structuredClone(base) as Json;
  place(config, ['header', 'title'], form.title);
  place(config, ['header', 'subtitle'], form.subtitle);
  place(config, ['theme', 'tokens', 'primary'], form.primary);
  place(config, ['theme', 'tokens', 'primary-text'], form.primaryText);
  place(config, ['theme', 'colorScheme'], form.colorScheme);
  // The tooltip may be `false` in a stored config; the form only knows its text.
  if (form.tooltip !== '' || isObject(config.tooltip)) {
    place(config, ['tooltip', 'text'], form.tooltip);
  }
  place(config, ['bubble', 'position'], form.position);
  place(config, ['locale'], form.locale);
  place(config, ['allowFileUploads'], form.uploads ? true : undefined);
  place(config, ['allowedFilesMimeTypes'], form.uploadTypes);
  // Not-a-number stays text, so the API's check names the field.
  const count = (text: string) => (/^\d+$/.test(text) ? Number(text) : text);
  place(config, ['maxFileSize'], count(form.maxFileSize));
  place(config, ['maxFiles'], count(form.maxFiles));
  const limits: Json = {};
  for (const [key] of limitFields) {
    const text = form.limits[key] ?? '';
    if (text === '') continue;
    // Not-a-number stays text, so the API's check names the field.
    limits[key] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return {
    name: form.name,
    webhookUrl: form.webhookUrl,
    allowedOrigins: form.allowedOrigins.split(/[\s,]+/).filter((origin) => origin !== ''),
    config,
    limits,
    transcripts: form.transcripts,
    identity: {
      required: form.identityRequired,
      claims: form.identityClaims.split(/[\s,]+/).filter((claim) => claim !== ''),
    },
  };
}
