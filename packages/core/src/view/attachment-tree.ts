import type { FileFacts } from '../uploads/file-rules.js';
import { formatBytes } from '../uploads/file-rules.js';
import { partAttributes } from './anatomy.js';
import { element, type RenderElement, type RenderNode } from './render-tree.js';

/** A file as chips and messages show it: its image thumbnail (while the page lives), name, size. */
export function attachmentContent(
  file: FileFacts,
  previewUrl: string | undefined,
  locale: string,
): RenderNode[] {
  const nodes: RenderNode[] = [];
  if (previewUrl !== undefined && /^blob:/.test(previewUrl))
    nodes.push(
      element('img', [], { ...partAttributes('attachment-preview'), src: previewUrl, alt: '' }),
    );
  nodes.push(
    element('span', [file.name], { ...partAttributes('attachment-name'), dir: 'auto' }),
    element('span', [formatBytes(file.size, locale)], { ...partAttributes('attachment-size') }),
  );
  return nodes;
}

/** The files a visitor's message carried, drawn after its text inside message-content. */
export function messageAttachments(
  files: readonly FileFacts[],
  previews: readonly (string | undefined)[] | undefined,
  locale: string,
): RenderElement {
  return element(
    'div',
    files.map((file, i) =>
      element('span', attachmentContent(file, previews?.[i], locale), {
        ...partAttributes('message-attachment'),
        'data-type': file.type.startsWith('image/') ? 'image' : 'file',
      }),
    ),
    { ...partAttributes('message-attachments') },
  );
}
