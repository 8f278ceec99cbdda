import { toErrorInfo } from '../errors/to-error-info.js';
import { randomId } from '../session/ids.js';
import type { ConversationEvent } from '../transport/types.js';
import { analyticsEvents } from './analytics-events.js';
import { isFloating } from './guards.js';
import type { MachineArgs, WidgetContext } from './widget-context.js';

type Update = Partial<WidgetContext>;

function conversationEvent({ event }: MachineArgs): ConversationEvent | undefined {
  return event.type === 'CONVERSATION' ? event.event : undefined;
}

function messageText(args: MachineArgs): string | undefined {
  const e = conversationEvent(args);
  return e?.type === 'message' ? e.text : undefined;
}

/** The visitor message the live conversation answers: the one handed over, else the last sent. */
function replyTo(context: WidgetContext): string | undefined {
  if (context.conversation) return context.conversation.replyTo;
  const messages = context.log.context.messages;
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]!.role === 'user') return messages[i]!.id;
  return undefined;
}

const is =
  (type: ConversationEvent['type']) =>
  (args: MachineArgs): boolean =>
    conversationEvent(args)?.type === type;

/** Guards on the events of the transport's live conversation (n8n response nodes). */
export const conversationGuards = {
  conversationTyping: is('typing'),
  conversationMessage: (args: MachineArgs) =>
    messageText(args) !== undefined && replyTo(args.context) !== undefined,
  conversationEnded: is('ended'),
  conversationDropped: is('dropped'),
};

/** Context updates for the live conversation, each for `assign`. */
export const conversationUpdates = {
  botTyping: (args: MachineArgs): Update => {
    const e = conversationEvent(args);
    return { botTyping: e?.type === 'typing' && e.typing };
  },
  /** The reply to the message in flight continues over the conversation. */
  handedOff: ({ context }: MachineArgs): Update => ({
    conversation: { replyTo: context.reply!.userMessageId, startedAt: context.reply!.startedAt },
  }),
  /** A bot message arrived: unread while the floating window is closed; the next one counts from here. */
  answered: ({ context }: MachineArgs): Update => ({
    conversation: { replyTo: replyTo(context)!, startedAt: Date.now() },
    unread: isFloating(context) && !context.isOpen ? context.unread + 1 : context.unread,
  }),
  ended: (): Update => ({ conversation: null, botTyping: false }),
  dropped: (args: MachineArgs): Update => {
    const e = conversationEvent(args);
    return {
      conversation: null,
      botTyping: false,
      error: e?.type === 'dropped' ? toErrorInfo(e.error, args.context.config.messages) : null,
    };
  },
};

/** A whole bot message of the live conversation goes into the log. */
export function logConversationMessage(args: MachineArgs): void {
  const id = randomId();
  args.context.log.send({
    type: 'startBotReply',
    id,
    replyTo: replyTo(args.context)!,
    text: messageText(args)!,
    at: Date.now(),
  });
  // A socket frame is a whole message: n8n's JSON chat messages (buttons) are read from it.
  args.context.log.send({ type: 'endBotReply', id, whole: true });
}

/** `response_received` for a bot message of the live conversation (before `answered`). */
export function conversationReplyEvent(args: MachineArgs) {
  const { context } = args;
  const now = Date.now();
  return analyticsEvents.conversationReply(
    context,
    replyTo(context)!,
    messageText(args)!,
    now - (context.conversation?.startedAt ?? now),
  );
}

export function closeConversation({ context }: MachineArgs): void {
  context.transport?.conversation?.close();
}
