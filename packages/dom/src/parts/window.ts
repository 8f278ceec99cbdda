import type { ChatWidgetView } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { h, setText } from '../element.js';
import { createAttachments } from './attachments.js';
import { createComposer } from './composer.js';
import { createFooter } from './footer.js';
import { createHeader } from './header.js';
import { createMessageList } from './message-list.js';
import { createStarterPrompts } from './starter-prompts.js';

/** The chat window: header, message log, error line, composer, footer. */
export function createWindow(doc: Document) {
  const element = h(doc, 'div');
  const header = createHeader(doc);
  const messages = createMessageList(doc);
  const prompts = createStarterPrompts(doc);
  const error = h(doc, 'div');
  const attachments = createAttachments(doc);
  const composer = createComposer(doc);
  const footer = createFooter(doc);
  element.append(
    header.element,
    messages.element,
    prompts.element,
    error,
    attachments.element,
    composer.element,
    footer.element,
  );

  return {
    element,
    update(view: ChatWidgetView): void {
      applyProps(element, view.getWindowProps());
      header.update(view);
      messages.update(view);
      prompts.update(view);
      applyProps(error, view.getErrorProps());
      setText(error, view.errorText);
      attachments.update(view);
      composer.update(view);
      footer.update(view);
    },
  };
}
