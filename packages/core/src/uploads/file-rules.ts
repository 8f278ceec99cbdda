/** Which files a visitor may attach: from `allowedFilesMimeTypes`, `maxFileSize`, `maxFiles`. */
export interface UploadRules {
  /** The file input's `accept` ('' for any type). */
  readonly accept: string;
  /** `type/subtype`, `type/*` or `.ext`, lower-cased; empty: any type. */
  readonly types: readonly string[];
  /** Bytes. */
  readonly maxFileSize: number;
  readonly maxFiles: number;
}

export const defaultMaxFileSize = 10 * 1024 * 1024;
export const defaultMaxFiles = 5;

export function uploadRules(
  mimeTypes: string | undefined,
  maxFileSize = defaultMaxFileSize,
  maxFiles = defaultMaxFiles,
): UploadRules {
  const types = (mimeTypes ?? '')
    .split(',')
    .map((type) => type.trim().toLowerCase())
    .filter((type) => type !== '' && type !== '*/*' && type !== '*');
  return { accept: types.join(','), types, maxFileSize, maxFiles };
}

/** What a file is, as the visitor's message and the stored log keep it (never its contents). */
export interface FileFacts {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

export const fileFacts = (file: File): FileFacts => ({
  name: file.name,
  size: file.size,
  type: file.type,
});

/** Why a file was refused. */
export type FileRefusal = 'type' | 'size' | 'count';

/** Whether `file` is one of `types` (a MIME type, a `type/*` family or a `.ext` name ending). */
export function typeAllowed(types: readonly string[], file: FileFacts): boolean {
  if (types.length === 0) return true;
  const mime = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return types.some((type) =>
    type.startsWith('.')
      ? name.endsWith(type)
      : type.endsWith('/*')
        ? mime.startsWith(type.slice(0, -1))
        : mime === type,
  );
}

/** The first rule `file` breaks when `count` files are already chosen, or null. */
export function checkFile(rules: UploadRules, file: FileFacts, count: number): FileRefusal | null {
  if (!typeAllowed(rules.types, file)) return 'type';
  if (file.size > rules.maxFileSize) return 'size';
  if (count >= rules.maxFiles) return 'count';
  return null;
}

/** "2.5 MB", "800 KB", "12 B": sizes as a visitor reads them. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}
