import { type ChatWidgetView, icons } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h } from '../element.js';

/** The form: a labelled textarea, the stop control while responding, the send button. */
export function createComposer(doc: Document) {
  const form = h(doc, 'form');
  const input = h(doc, 'textarea');
  const stop = h(doc, 'button');
  stop.append(drawTree(doc, icons.stop));
  const send = h(doc, 'button');
  send.append(drawTree(doc, icons.send));
  form.append(input, stop, send);

  return {
    element: form,
    update(view: ChatWidgetView): void {
      applyProps(form, view.getComposerProps());
      applyProps(input, view.getInputProps());
      applyProps(stop, view.getStopButtonProps());
      applyProps(send, view.getSendButtonProps());
    },
  };
}
