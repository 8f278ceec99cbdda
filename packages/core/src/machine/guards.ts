import { blockingMessage } from '../session/bot-content.js';
import type { ReplyChunk } from '../transport/types.js';
import type { ChatMessage } from '../types.js';
import { isBrowserOffline } from './connection-actor.js';
import type { MachineArgs, WidgetContext } from './widget-context.js';

export const isFloating = (context: WidgetContext) => context.config.type === 'floating';

function findMessage(context: WidgetContext, id: string): ChatMessage | undefined {
  return context.log.context.messages.find((m) => m.id === id);
}

/** The user message a retry of `id` would resend, if `id` is retryable. */
export function retryTarget(context: WidgetContext, id: string): ChatMessage | undefined {
  const message = findMessage(context, id);
  if (!message) return undefined;
  // Honour the server's Retry-After: a retry storm would only extend the rate limit.
  if ((message.error?.retryAt ?? 0) > Date.now()) return undefined;
  if (message.role === 'user') return message.status === 'failed' ? message : undefined;
  if (message.status !== 'incomplete' || !message.replyTo) return undefined;
  return findMessage(context, message.replyTo);
}

/** The reply chunk being handled, while a reply is in flight. */
export function replyChunk({ context, event }: MachineArgs): ReplyChunk | undefined {
  return event.type === 'REPLY.CHUNK' && context.reply !== null ? event.chunk : undefined;
}

/** The text a reply chunk carries ('' for none). */
export function chunkText(args: MachineArgs): string {
  const chunk = replyChunk(args);
  return chunk?.type === 'delta' ? chunk.text : '';
}

export const guards = {
  isOffline: () => isBrowserOffline(),
  isManaged: ({ context }: MachineArgs) => context.config.mode === 'managed',
  isOpen: ({ context }: MachineArgs) => context.isOpen,
  canOpen: ({ context }: MachineArgs) => isFloating(context) && !context.isOpen,
  canClose: ({ context }: MachineArgs) => isFloating(context) && context.isOpen,
  /** With `abortOnClose`, closing the window stops the reply in flight. */
  closeStopsReply: ({ context }: MachineArgs) =>
    isFloating(context) && context.isOpen && context.config.abortOnClose && context.reply !== null,
  tooltipEligible: ({ context }: MachineArgs) =>
    isFloating(context) &&
    context.config.tooltip !== false &&
    !context.isOpen &&
    !context.log.context.tooltipDismissed,
  shouldLoadHistory: ({ context }: MachineArgs) =>
    context.config.loadPreviousSession &&
    context.log.context.sessionId !== null &&
    context.log.context.messages.length === 0 &&
    typeof context.transport?.loadHistory === 'function',
  canSend: ({ context, event }: MachineArgs) =>
    event.type === 'SEND' &&
    blockingMessage(context.log.context.messages) === undefined &&
    (event.text.trim().length > 0 || (event.options?.files?.length ?? 0) > 0),
  canRetry: ({ context, event }: MachineArgs) =>
    event.type === 'RETRY' && retryTarget(context, event.id) !== undefined,
  /** A finished bot reply in the log, rated differently from how it is now. */
  canGiveFeedback: ({ context, event }: MachineArgs) => {
    if (event.type !== 'FEEDBACK') return false;
    const message = findMessage(context, event.id);
    return (
      message?.role === 'bot' &&
      (message.status === 'done' || message.status === 'incomplete') &&
      (message.feedback ?? null) !== event.value
    );
  },
  /** A finished bot message's button, while none of its buttons is chosen. */
  canChooseButton: ({ context, event }: MachineArgs) => {
    if (event.type !== 'CHOOSE_BUTTON') return false;
    const message = findMessage(context, event.id);
    return (
      message?.role === 'bot' &&
      message.status === 'done' &&
      message.chosen === undefined &&
      message.buttons?.[event.index] !== undefined
    );
  },
  isStarterPrompt: ({ event }: MachineArgs) =>
    event.type === 'SEND' && event.starterPrompt !== undefined,
  replyHasText: ({ context }: MachineArgs) => (context.reply?.length ?? 0) > 0,
  handsOff: (args: MachineArgs) => replyChunk(args)?.type === 'handoff',
  /** The reply continues over the transport's live conversation. */
  replyHandedOff: ({ context }: MachineArgs) =>
    context.conversation !== null && context.conversation.replyTo === context.reply?.userMessageId,
  startsBlock: (args: MachineArgs) => replyChunk(args)?.type === 'start',
  endsBlock: (args: MachineArgs) => replyChunk(args)?.type === 'end',
  /** Text with no bot message open for it: the first text of a block. */
  opensBotMessage: (args: MachineArgs) =>
    chunkText(args).length > 0 && args.context.reply?.botMessageId === null,
  hasText: (args: MachineArgs) => chunkText(args).length > 0,
};
