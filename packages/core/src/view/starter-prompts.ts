import type { ChatWidgetApi, WidgetState } from '../types.js';
import { actionHandlersOf } from './action-handlers.js';
import { partAttributes } from './anatomy.js';
import type { PartProps } from './types.js';

/**
 * Starter prompts show while the conversation has nothing of the visitor's yet: before the first
 * message and again after a new conversation (welcome messages come first, so the last one tells).
 */
export function starterPromptProps(state: WidgetState, widget: ChatWidgetApi) {
  const prompts = state.config.starterPrompts;
  const last = state.messages[state.messages.length - 1];
  const shown =
    prompts.length > 0 && state.status === 'ready' && (last === undefined || last.initial === true);
  const handlers = actionHandlersOf(widget);
  return {
    starterPrompts: prompts,
    getStarterPromptsProps: (): PartProps => ({
      ...partAttributes('starter-prompts'),
      role: 'group',
      'aria-label': state.config.messages.starterPrompts,
      hidden: !shown,
    }),
    getStarterPromptProps: (index: number): PartProps => ({
      ...partAttributes('starter-prompt'),
      type: 'button',
      disabled: state.isResponding,
      onClick: handlers.starterPrompt(index),
    }),
  };
}
