import type { ChatWidgetView } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { h, setText } from '../element.js';

/** The starter prompts: one button per configured prompt. */
export function createStarterPrompts(doc: Document) {
  const element = h(doc, 'div');
  const buttons: HTMLButtonElement[] = [];
  return {
    element,
    update(view: ChatWidgetView): void {
      applyProps(element, view.getStarterPromptsProps());
      view.starterPrompts.forEach((text, index) => {
        let button = buttons[index];
        if (button === undefined) {
          button = h(doc, 'button');
          buttons.push(button);
          element.append(button);
        }
        applyProps(button, view.getStarterPromptProps(index));
        setText(button, text);
      });
      for (const extra of buttons.splice(view.starterPrompts.length)) extra.remove();
    },
  };
}
