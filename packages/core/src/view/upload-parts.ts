import { formatMessage } from '../i18n/messages.js';
import type { ChatWidgetApi, WidgetState } from '../types.js';
import type { ChosenFile } from '../uploads/chosen-files.js';
import { formatBytes } from '../uploads/file-rules.js';
import { partAttributes } from './anatomy.js';
import { attachmentContent } from './attachment-tree.js';
import { cached } from './cached.js';
import type { WidgetIds } from './ids.js';
import type { RenderNode } from './render-tree.js';
import type { PartProps } from './types.js';

/** A chosen file as its chip draws it. The same object while the file stays chosen. */
export interface FileView {
  readonly id: string;
  readonly name: string;
  /** The chip's children: thumbnail (images), name, size. */
  readonly content: readonly RenderNode[];
}

const fileViews = new WeakMap<ChosenFile, FileView>();
const handlerSets = new WeakMap<ChatWidgetApi, ReturnType<typeof createHandlers>>();

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;

function createHandlers(widget: ChatWidgetApi, ids: WidgetIds) {
  const removers = new Map<string, () => void>();
  return {
    // The button opens the hidden file input next to it (found by id in its own tree).
    openPicker: (event: MouseEvent) => {
      const root = (event.currentTarget as Node | null)?.getRootNode() as Document | undefined;
      root?.getElementById?.(ids.fileInput)?.click();
    },
    chosen: (event: Event) => {
      const input = event.currentTarget as HTMLInputElement | null;
      if (input?.files) widget.addFiles(input.files);
      // Choosing the same file again after removing it must fire `change` again.
      if (input) input.value = '';
    },
    dragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      widget.setDropActive(true);
    },
    dragLeave: (event: DragEvent) => {
      const into = event.relatedTarget as Node | null;
      if (into && (event.currentTarget as Node).contains(into)) return;
      widget.setDropActive(false);
    },
    drop: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      widget.addFiles(event.dataTransfer!.files);
    },
    paste: (event: ClipboardEvent) => {
      const files = event.clipboardData?.files;
      if (!files || files.length === 0) return;
      event.preventDefault();
      widget.addFiles(files);
    },
    remove: (id: string) => cached(removers, id, () => () => widget.removeFile(id)),
  };
}

/** The visitor-facing text of `state.fileNotice`, or ''. */
export function fileNoticeText(state: WidgetState): string {
  const notice = state.fileNotice;
  const rules = state.config.uploads;
  if (notice === null) return '';
  const m = state.config.messages;
  const max =
    rules === false
      ? 0
      : notice.reason === 'size'
        ? formatBytes(rules.maxFileSize, state.config.locale)
        : rules.maxFiles;
  const template =
    notice.reason === 'type'
      ? m.fileWrongType
      : notice.reason === 'size'
        ? m.fileTooLarge
        : m.tooManyFiles;
  return formatMessage(template, { name: notice.name, max });
}

/** Props of the upload parts: attach button, file input, chips; drop and paste handlers. */
export function uploadPartProps(state: WidgetState, widget: ChatWidgetApi, ids: WidgetIds) {
  const rules = state.config.uploads;
  const m = state.config.messages;
  const handlers = cached(handlerSets, widget, () => createHandlers(widget, ids));
  const on = rules !== false;
  const full = on && state.files.length >= rules.maxFiles;
  const files = state.files.map((file) => {
    let view = fileViews.get(file);
    if (view === undefined) {
      view = {
        id: file.id,
        name: file.name,
        content: attachmentContent(file, file.previewUrl, state.config.locale),
      };
      fileViews.set(file, view);
    }
    return view;
  });
  const h = handlers;
  return {
    files,
    /** Window: drop files onto it. Input: paste files into it. */
    dropProps: {
      onDragover: on ? h.dragOver : undefined,
      onDragleave: on ? h.dragLeave : undefined,
      onDrop: on ? h.drop : undefined,
      'data-drop': on && state.dropActive ? ('active' as const) : undefined,
    },
    onPaste: on ? h.paste : undefined,
    getAttachButtonProps: (): PartProps => ({
      ...partAttributes('attach-button'),
      type: 'button',
      'aria-label': m.attachFiles,
      'aria-controls': ids.fileInput,
      hidden: !on,
      disabled: full,
      onClick: h.openPicker,
    }),
    getFileInputProps: (): PartProps => ({
      ...partAttributes('file-input'),
      id: ids.fileInput,
      accept: on && rules.accept !== '' ? rules.accept : undefined,
      multiple: on && rules.maxFiles > 1,
      hidden: true,
      tabindex: -1,
      // `input`, not `change`: it is composed, so Svelte's delegation hears it from a shadow root too.
      onInput: h.chosen,
    }),
    getAttachmentsProps: (): PartProps => ({
      ...partAttributes('attachments'),
      role: 'group',
      'aria-label': m.attachFiles,
      hidden: files.length === 0,
    }),
    getAttachmentProps: (file: FileView): PartProps => ({
      ...partAttributes('attachment'),
      id: `${ids.fileInput}-${file.id}`,
    }),
    getAttachmentRemoveProps: (file: FileView): PartProps => ({
      ...partAttributes('attachment-remove'),
      type: 'button',
      'aria-label': formatMessage(m.removeFile, { name: file.name }),
      onClick: h.remove(file.id),
    }),
  };
}
