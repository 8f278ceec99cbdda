import type { WidgetEvent } from '../events/types.js';
import type { MachineArgs, WidgetContext } from './widget-context.js';

type EventPayload<T extends WidgetEvent['type']> = Omit<
  Extract<WidgetEvent, { type: T }>,
  'type' | 'at' | 'widgetId' | 'sessionId'
>;

/** An event stamped with the time, the widget and the session as the log has it now. */
function widgetEvent<T extends WidgetEvent['type']>(
  context: WidgetContext,
  type: T,
  payload: EventPayload<T>,
): WidgetEvent {
  return {
    type,
    at: Date.now(),
    widgetId: context.config.id,
    sessionId: context.log.context.sessionId,
    ...payload,
  } as unknown as WidgetEvent;
}

/** Message text goes into analytics only when the site owner opted in. */
function optionalText(context: WidgetContext, text: string): { text?: string } {
  return context.config.analytics.includeText ? { text } : {};
}

/** The lifecycle and analytics events the widget machine emits, built from its context. */
export const analyticsEvents = {
  loaded: ({ context }: MachineArgs) =>
    widgetEvent(context, 'loaded', { mode: context.config.mode, widgetType: context.config.type }),

  opened: ({ context, event }: MachineArgs) =>
    widgetEvent(context, 'opened', {
      via: event.type === 'OPEN' ? (event.via ?? 'api') : 'bubble',
    }),

  closed: ({ context }: MachineArgs) => widgetEvent(context, 'closed', {}),

  tooltipShown: ({ context }: MachineArgs) => widgetEvent(context, 'tooltip_shown', {}),

  tooltipDismissed: ({ context }: MachineArgs) => widgetEvent(context, 'tooltip_dismissed', {}),

  sessionStarted: ({ context }: MachineArgs) =>
    widgetEvent(context, 'session_started', { restored: false }),

  sessionRestored: ({ context }: MachineArgs) =>
    widgetEvent(context, 'session_started', { restored: true }),

  sessionReset: ({ context }: MachineArgs) => widgetEvent(context, 'session_reset', {}),

  historyLoaded: (context: WidgetContext, count: number) =>
    widgetEvent(context, 'history_loaded', { count }),

  messageSent: ({ context }: MachineArgs) => {
    const reply = context.reply!;
    const text = context.pendingSend?.text ?? '';
    const files = context.pendingSend?.options?.files?.length ?? 0;
    return widgetEvent(context, 'message_sent', {
      messageId: reply.userMessageId,
      length: text.length,
      retry: reply.retry,
      // How many files went with it, never what they hold.
      ...(files > 0 ? { files } : {}),
      ...optionalText(context, text),
    });
  },

  responseReceived: ({ context }: MachineArgs) => {
    const reply = context.reply!;
    const text = context.log.context.messages
      .filter((m) => m.replyTo === reply.userMessageId)
      .map((m) => m.text)
      .join('\n\n');
    return widgetEvent(context, 'response_received', {
      messageId: reply.userMessageId,
      latencyMs: Date.now() - reply.startedAt,
      firstChunkMs: reply.firstChunkAt === null ? null : reply.firstChunkAt - reply.startedAt,
      streamed: reply.streamed,
      length: reply.length,
      complete: true,
      ...optionalText(context, text),
    });
  },

  /** A bot message of a live conversation (n8n response nodes): a whole reply of its own. */
  conversationReply: (context: WidgetContext, messageId: string, text: string, latencyMs: number) =>
    widgetEvent(context, 'response_received', {
      messageId,
      latencyMs,
      firstChunkMs: latencyMs,
      streamed: false,
      length: text.length,
      complete: true,
      ...optionalText(context, text),
    }),

  responseStopped: ({ context }: MachineArgs) =>
    widgetEvent(context, 'response_stopped', {
      messageId: context.reply!.userMessageId,
      length: context.reply!.length,
    }),

  starterPromptSent: ({ context, event }: MachineArgs) =>
    widgetEvent(context, 'starter_prompt_sent', {
      index: event.type === 'SEND' ? (event.starterPrompt ?? 0) : 0,
      messageId: context.reply!.userMessageId,
    }),

  feedback: ({ context, event }: MachineArgs) =>
    widgetEvent(context, 'feedback', {
      messageId: event.type === 'FEEDBACK' ? event.id : '',
      value: event.type === 'FEEDBACK' ? event.value : null,
    }),

  buttonChosen: ({ context, event }: MachineArgs) =>
    widgetEvent(context, 'button_chosen', {
      messageId: event.type === 'CHOOSE_BUTTON' ? event.id : '',
      index: event.type === 'CHOOSE_BUTTON' ? event.index : 0,
      action: event.type === 'CHOOSE_BUTTON' ? event.action : 'send',
    }),

  error: ({ context }: MachineArgs) =>
    widgetEvent(context, 'error', {
      kind: context.error?.kind ?? 'network',
      ...(context.error?.status === undefined ? {} : { status: context.error.status }),
      ...(context.reply ? { messageId: context.reply.userMessageId } : {}),
    }),
};
