import { randomId } from '../session/ids.js';
import { checkFile, type FileFacts, type FileRefusal, type UploadRules } from './file-rules.js';
import { dropPreviews } from './previews.js';

/** A file the visitor chose for the next message. */
export interface ChosenFile extends FileFacts {
  readonly id: string;
  readonly file: File;
  /** An object URL for an image's thumbnail while the page lives. */
  readonly previewUrl: string | undefined;
}

/** Why a chosen file was refused, for the visitor. */
export interface FileNotice {
  readonly reason: FileRefusal;
  readonly name: string;
}

export interface UploadsState {
  readonly files: readonly ChosenFile[];
  readonly fileNotice: FileNotice | null;
  readonly dropActive: boolean;
}

export const noUploads: UploadsState = { files: [], fileNotice: null, dropActive: false };

const isImage = (file: File) => /^image\//i.test(file.type);

/**
 * The files chosen for the next message, their thumbnails' object URLs (kept for the sent
 * message while the page lives, revoked when a chip is removed or the widget is destroyed).
 */
export function createChosenFiles(rules: () => UploadRules | false, onChange: () => void) {
  let state = noUploads;
  const urls = new Map<File, string>();
  const set = (next: Partial<UploadsState>) => {
    state = { ...state, ...next };
    onChange();
  };
  const previewOf = (file: File): string | undefined => {
    let url = urls.get(file);
    if (url === undefined && isImage(file) && typeof URL.createObjectURL === 'function') {
      url = URL.createObjectURL(file);
      urls.set(file, url);
    }
    return url;
  };
  const revoke = (file: File) => {
    const url = urls.get(file);
    if (url !== undefined) URL.revokeObjectURL(url);
    urls.delete(file);
  };

  return {
    get state() {
      return state;
    },
    /** Checks each file; keeps those that pass and names the first refused one. */
    add(list: Iterable<File> | ArrayLike<File>): boolean {
      const current = rules();
      let notice: FileNotice | null = null;
      const files = [...state.files];
      for (const file of Array.from(list)) {
        const refusal = current === false ? 'type' : checkFile(current, file, files.length);
        if (refusal !== null) {
          notice ??= { reason: refusal, name: file.name };
          continue;
        }
        files.push({
          id: randomId(),
          file,
          name: file.name,
          size: file.size,
          type: file.type,
          previewUrl: previewOf(file),
        });
      }
      set({ files, fileNotice: notice, dropActive: false });
      return notice === null;
    },
    /** Whether `files` would all be taken with none chosen yet (files passed to `send`). */
    check(files: readonly File[]): boolean {
      const current = rules();
      for (const [i, file] of files.entries()) {
        const refusal = current === false ? 'type' : checkFile(current, file, i);
        if (refusal !== null) {
          set({ fileNotice: { reason: refusal, name: file.name } });
          return false;
        }
      }
      return true;
    },
    remove(id: string) {
      const gone = state.files.find((f) => f.id === id);
      if (gone === undefined) return;
      revoke(gone.file);
      set({ files: state.files.filter((f) => f !== gone), fileNotice: null });
    },
    /** The message took the chosen files: their thumbnails now belong to it. */
    sent() {
      if (state.files.length > 0 || state.fileNotice !== null) set({ files: [], fileNotice: null });
    },
    previews: (files: readonly File[]) => files.map(previewOf),
    setDropActive(active: boolean) {
      if (state.dropActive !== active) set({ dropActive: active });
    },
    dispose() {
      dropPreviews(urls.values());
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}

export type ChosenFiles = ReturnType<typeof createChosenFiles>;
