import type { IdentitySettings } from '../store/types.js';
import { UsageError } from './usage.js';

export function parseConfigFlag(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  throw new UsageError('--config must be a JSON object');
}

type UploadFlags = {
  uploads?: boolean | undefined;
  'no-uploads'?: boolean | undefined;
  'upload-types'?: string | undefined;
  'max-file-size'?: string | undefined;
  'max-files'?: string | undefined;
};

export function hasUploadFlags(values: UploadFlags): boolean {
  return (['uploads', 'no-uploads', 'upload-types', 'max-file-size', 'max-files'] as const).some(
    (flag) => values[flag] !== undefined,
  );
}

/** The upload flags as the widget config's own keys (checked with the rest of the config). */
export function withUploadFlags(
  config: Readonly<Record<string, unknown>>,
  values: UploadFlags,
): Record<string, unknown> {
  if (values.uploads && values['no-uploads'])
    throw new UsageError('--uploads and --no-uploads cannot be used together');
  const count = (flag: 'max-file-size' | 'max-files') => {
    const text = values[flag];
    if (text === undefined) return {};
    if (!/^[1-9]\d{0,14}$/.test(text))
      throw new UsageError(`--${flag} must be a positive whole number`);
    return { [flag === 'max-files' ? 'maxFiles' : 'maxFileSize']: Number(text) };
  };
  return {
    ...config,
    ...(values.uploads ? { allowFileUploads: true } : {}),
    ...(values['no-uploads'] ? { allowFileUploads: false } : {}),
    ...(values['upload-types'] !== undefined
      ? { allowedFilesMimeTypes: values['upload-types'] }
      : {}),
    ...count('max-file-size'),
    ...count('max-files'),
  };
}

/** --origin replaces the list; --add-origin appends to it (to the new list when both are given). */
export function originsPatch(
  replace: string[] | undefined,
  add: string[] | undefined,
  current: readonly string[],
): { allowedOrigins?: string[] } {
  if (!replace && !add) return {};
  const base = replace ?? [...current];
  return { allowedOrigins: [...base, ...(add ?? []).filter((origin) => !base.includes(origin))] };
}

export function identityPatch(
  values: {
    'require-identity'?: boolean | undefined;
    'allow-anonymous'?: boolean | undefined;
    'identity-claim'?: string[] | undefined;
  },
  current: IdentitySettings,
): { identity?: IdentitySettings } {
  const required = values['require-identity']
    ? true
    : values['allow-anonymous']
      ? false
      : undefined;
  const claims = values['identity-claim'];
  if (required === undefined && claims === undefined) return {};
  return { identity: { required: required ?? current.required, claims: claims ?? current.claims } };
}
