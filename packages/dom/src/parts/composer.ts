import { type ChatWidgetView, icons } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h } from '../element.js';

/** The form: a labelled textarea, the stop control while responding, the send button. */
export function createComposer(doc: Document) {
  const form = h(doc, 'form');
  const attach = h(doc, 'button');
  attach.append(drawTree(doc, icons.attach));
  const files = h(doc, 'input');
  files.type = 'file';
  const input = h(doc, 'textarea');
  const stop = h(doc, 'button');
  stop.append(drawTree(doc, icons.stop));
  const send = h(doc, 'button');
  send.append(drawTree(doc, icons.send));
  form.append(attach, files, input, stop, send);

  return {
    element: form,
    update(view: ChatWidgetView): void {
      applyProps(form, view.getComposerProps());
      applyProps(attach, view.getAttachButtonProps());
      applyProps(files, view.getFileInputProps());
      applyProps(input, view.getInputProps());
      applyProps(stop, view.getStopButtonProps());
      applyProps(send, view.getSendButtonProps());
    },
  };
}
