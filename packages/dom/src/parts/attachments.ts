import { type ChatWidgetView, type FileView, icons } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h } from '../element.js';

interface Chip {
  readonly file: FileView;
  readonly element: HTMLDivElement;
  readonly remove: HTMLButtonElement;
}

/** The chips of the files chosen for the next message, each with its remove button. */
export function createAttachments(doc: Document) {
  const element = h(doc, 'div');
  let chips: Chip[] = [];
  return {
    element,
    update(view: ChatWidgetView): void {
      applyProps(element, view.getAttachmentsProps());
      const kept = new Map(chips.map((chip) => [chip.file, chip]));
      chips = view.files.map((file) => {
        let chip = kept.get(file);
        kept.delete(file);
        if (chip === undefined) {
          const remove = h(doc, 'button');
          remove.append(drawTree(doc, icons.close));
          chip = { file, element: h(doc, 'div'), remove };
          for (const node of file.content) chip.element.append(drawTree(doc, node));
          chip.element.append(remove);
        }
        applyProps(chip.element, view.getAttachmentProps(file));
        applyProps(chip.remove, view.getAttachmentRemoveProps(file));
        element.append(chip.element);
        return chip;
      });
      for (const gone of kept.values()) gone.element.remove();
    },
  };
}
