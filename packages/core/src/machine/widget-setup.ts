import { assign, emit, enqueueActions, fromPromise, setup } from 'xstate';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { warnDeveloper } from '../errors/to-error-info.js';
import { isWidgetError } from '../errors/widget-error.js';
import type { WidgetEvent } from '../events/types.js';
import { analyticsEvents } from './analytics-events.js';
import { connectionActor } from './connection-actor.js';
import {
  closeConversation,
  conversationGuards,
  conversationReplyEvent,
  conversationUpdates,
  logConversationMessage,
} from './conversation-actions.js';
import { conversationActor } from './conversation-actor.js';
import { replyFailure } from './failures.js';
import { guards } from './guards.js';
import { historyActor } from './history-actor.js';
import { logActions } from './log-actions.js';
import { replyActor } from './reply-actor.js';
import {
  blockEnded,
  blockStarted,
  botMessageOpened,
  retryStarted,
  sendStarted,
  textReceived,
} from './reply-progress.js';
import type { WidgetContext, WidgetInput, WidgetMachineEvent } from './widget-context.js';

/** How long a copy button says "Copied". */
const copiedMs = 2000;

/** The actors, delays, guards and actions the widget statechart (widget-machine.ts) names. */
export const widgetSetup = setup({
  types: {
    context: {} as WidgetContext,
    events: {} as WidgetMachineEvent,
    input: {} as WidgetInput,
    emitted: {} as WidgetEvent,
  },
  actors: {
    reply: replyActor,
    connection: connectionActor,
    conversation: conversationActor,
    loadHistory: historyActor,
    loadConfig: fromPromise<ResolvedConfig, WidgetInput['loadConfig']>(({ input, signal }) =>
      input(signal),
    ),
  },
  delays: {
    tooltipDelay: ({ context }) =>
      context.config.tooltip === false ? 0 : context.config.tooltip.delay,
  },
  guards: { ...guards, ...conversationGuards },
  actions: {
    ...logActions,
    logConversationMessage,
    closeConversation,
    setBotTyping: assign(conversationUpdates.botTyping),
    handOff: assign(conversationUpdates.handedOff),
    markAnswered: assign(conversationUpdates.answered),
    endConversation: assign(conversationUpdates.ended),
    dropConversation: assign(conversationUpdates.dropped),
    emitConversationReply: emit(conversationReplyEvent),
    startSessionIfNeeded: enqueueActions(({ context, enqueue }) => {
      if (context.log.context.sessionId !== null) return;
      enqueue('logSessionStarted');
      enqueue('emitSessionStarted');
    }),
    emitRestoredSession: enqueueActions(({ context, enqueue }) => {
      if (context.log.context.sessionId !== null) enqueue('emitSessionRestored');
    }),
    startSend: assign(sendStarted),
    startRetry: assign(retryStarted),
    startBlock: assign(blockStarted),
    endBlock: assign(blockEnded),
    openBotMessage: assign(botMessageOpened),
    countText: assign(textReceived),
    recordReplyError: assign((args) => ({ error: replyFailure(args) })),
    warnOfError: ({ context }) => {
      if (context.error) warnDeveloper(context.error);
    },
    // After a 429 the retry control comes back when the server's Retry-After has passed.
    scheduleRetryWindow: enqueueActions(({ event, enqueue }) => {
      const waitMs =
        event.type === 'REPLY.ERROR' && isWidgetError(event.error)
          ? event.error.retryAfterMs
          : undefined;
      if (waitMs !== undefined) enqueue.raise({ type: 'RETRY_WINDOW_OPEN' }, { delay: waitMs });
    }),
    emitStarterPromptIfChosen: enqueueActions(({ check, enqueue }) => {
      if (check('isStarterPrompt')) enqueue('emitStarterPromptSent');
    }),
    // One "Copied" at a time: a new copy restarts the two seconds.
    markCopied: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'COPIED') return;
      enqueue.assign({ copied: event.key });
      enqueue.cancel('copied');
      enqueue.raise({ type: 'COPY_EXPIRED' }, { id: 'copied', delay: copiedMs });
    }),
    clearReply: assign({ reply: null, pendingSend: null }),
    resetChat: assign({
      error: null,
      reply: null,
      pendingSend: null,
      unread: 0,
      sentFiles: new Map(),
    }),
    open: assign({ isOpen: true, unread: 0 }),
    close: assign({ isOpen: false }),
    emitLoaded: emit(analyticsEvents.loaded),
    emitOpened: emit(analyticsEvents.opened),
    emitClosed: emit(analyticsEvents.closed),
    emitTooltipShown: emit(analyticsEvents.tooltipShown),
    emitTooltipDismissed: emit(analyticsEvents.tooltipDismissed),
    emitSessionStarted: emit(analyticsEvents.sessionStarted),
    emitSessionRestored: emit(analyticsEvents.sessionRestored),
    emitSessionReset: emit(analyticsEvents.sessionReset),
    emitMessageSent: emit(analyticsEvents.messageSent),
    emitResponseReceived: emit(analyticsEvents.responseReceived),
    emitStopped: emit(analyticsEvents.responseStopped),
    emitStarterPromptSent: emit(analyticsEvents.starterPromptSent),
    emitFeedback: emit(analyticsEvents.feedback),
    emitButtonChosen: emit(analyticsEvents.buttonChosen),
    emitError: emit(analyticsEvents.error),
  },
});
