/**
 * A widget's upload settings, read from its config with the names @cwp/core uses
 * (`allowFileUploads`, `allowedFilesMimeTypes`, `maxFileSize`, `maxFiles`), with the same defaults.
 */
export interface UploadRules {
  /** `type/subtype`, `type/*` or `.ext`, lower-cased; empty: any type. */
  readonly types: readonly string[];
  readonly maxFileSize: number;
  readonly maxFiles: number;
}

export const defaultMaxFileSize = 10 * 1024 * 1024;
export const defaultMaxFiles = 5;

const positiveInteger = (value: unknown, fallback: number) =>
  Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : fallback;

/** The widget's upload rules, or null when it takes no files. */
export function uploadRulesOf(config: Readonly<Record<string, unknown>>): UploadRules | null {
  if (config.allowFileUploads !== true) return null;
  const list = typeof config.allowedFilesMimeTypes === 'string' ? config.allowedFilesMimeTypes : '';
  return {
    types: list
      .split(',')
      .map((type) => type.trim().toLowerCase())
      .filter((type) => type !== '' && type !== '*' && type !== '*/*'),
    maxFileSize: positiveInteger(config.maxFileSize, defaultMaxFileSize),
    maxFiles: positiveInteger(config.maxFiles, defaultMaxFiles),
  };
}

export function typeAllowed(rules: UploadRules, name: string, mimeType: string): boolean {
  if (rules.types.length === 0) return true;
  const mime = mimeType.toLowerCase();
  const lower = name.toLowerCase();
  return rules.types.some((type) =>
    type.startsWith('.')
      ? lower.endsWith(type)
      : type.endsWith('/*')
        ? mime.startsWith(type.slice(0, -1))
        : mime === type,
  );
}
