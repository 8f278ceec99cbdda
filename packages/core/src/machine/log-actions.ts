import { toErrorInfo } from '../errors/to-error-info.js';
import { WidgetError } from '../errors/widget-error.js';
import { randomId } from '../session/ids.js';
import { chunkText } from './guards.js';
import type { MachineArgs } from './widget-context.js';

/** Timers may fire a little early; anything due within a frame counts as due. */
const frameMs = 16;

/**
 * The machine's edits of the message log, each one event sent to the log store: the log decides
 * how its messages change, the machine only says what happened.
 */
export const logActions = {
  logSessionStarted: ({ context }: MachineArgs) =>
    context.log.send({ type: 'startSession', sessionId: randomId() }),

  logUserMessage: ({ context }: MachineArgs) =>
    context.log.send({
      type: 'addUserMessage',
      id: context.reply!.userMessageId,
      text: context.pendingSend!.text,
      attachments: context.pendingSend!.attachments,
      at: Date.now(),
    }),

  logResend: ({ context }: MachineArgs) =>
    context.log.send({ type: 'resendMessage', id: context.reply!.userMessageId, at: Date.now() }),

  logWaitingForConnection: ({ context }: MachineArgs) =>
    context.log.send({
      type: 'waitForConnection',
      id: context.reply!.userMessageId,
      error: toErrorInfo(
        new WidgetError('offline', 'The browser is offline; the message waits for the connection.'),
        context.config.messages,
      ),
    }),

  logConnectionBack: ({ context }: MachineArgs) => {
    if (context.reply)
      context.log.send({ type: 'connectionBack', id: context.reply.userMessageId });
  },

  logBotReplyStarted: (args: MachineArgs) => {
    const reply = args.context.reply!;
    args.context.log.send({
      type: 'startBotReply',
      id: reply.botMessageId!,
      replyTo: reply.userMessageId,
      text: chunkText(args),
      at: Date.now(),
    });
  },

  logBotText: (args: MachineArgs) =>
    args.context.log.send({
      type: 'appendBotText',
      id: args.context.reply!.botMessageId!,
      text: chunkText(args),
    }),

  logBotReplyEnded: ({ context }: MachineArgs) => {
    const id = context.reply?.botMessageId;
    if (id) context.log.send({ type: 'endBotReply', id, whole: !context.reply!.streamed });
  },

  logReplyFinished: ({ context }: MachineArgs) =>
    context.log.send({
      type: 'finishReply',
      replyTo: context.reply!.userMessageId,
      whole: !context.reply!.streamed,
    }),

  logButtonChosen: ({ context, event }: MachineArgs) => {
    if (event.type === 'CHOOSE_BUTTON')
      context.log.send({ type: 'chooseButton', id: event.id, index: event.index });
  },

  logButtonFailed: ({ context, event }: MachineArgs) => {
    if (event.type === 'BUTTON_FAILED')
      context.log.send({ type: 'chooseButton', id: event.id, index: null });
  },

  logReplyFailed: ({ context }: MachineArgs) =>
    context.log.send({
      type: 'failReply',
      replyTo: context.reply!.userMessageId,
      error: context.error!,
    }),

  logReplyStopped: ({ context }: MachineArgs) =>
    context.log.send({
      type: 'stopReply',
      replyTo: context.reply!.userMessageId,
      streamingId: context.reply!.botMessageId,
      placeholderId: randomId(),
      at: Date.now(),
    }),

  logRetryWaitsOver: ({ context }: MachineArgs) =>
    context.log.send({ type: 'endRetryWaits', dueBy: Date.now() + frameMs }),

  logDraft: ({ context, event }: MachineArgs) => {
    if (event.type === 'SET_DRAFT') context.log.send({ type: 'setDraft', text: event.text });
  },

  logFeedback: ({ context, event }: MachineArgs) => {
    if (event.type === 'FEEDBACK')
      context.log.send({ type: 'setFeedback', id: event.id, value: event.value });
  },

  logTooltipDismissed: ({ context }: MachineArgs) => context.log.send({ type: 'dismissTooltip' }),

  logSessionReset: ({ context }: MachineArgs) => context.log.send({ type: 'reset' }),
};
