import { assign, emit, enqueueActions, fromPromise, not, setup } from 'xstate';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { toErrorInfo, warnDeveloper } from '../errors/to-error-info.js';
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
import { loadFailure, replyFailure } from './failures.js';
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

export type { WidgetContext, WidgetInput, WidgetMachineEvent } from './widget-context.js';

const openWindow = {
  guard: 'canOpen',
  actions: ['startSessionIfNeeded', 'open', 'emitOpened'],
} as const;
const closeWindowStoppingReply = {
  guard: 'closeStopsReply',
  target: '#cwp.ready.chat.idle',
  actions: ['logReplyStopped', 'emitStopped', 'clearReply', 'close', 'emitClosed'],
} as const;
/** How long a copy button says "Copied". */
const copiedMs = 2000;
const closeWindow = { guard: 'canClose', actions: ['close', 'emitClosed'] } as const;

const sendMessage = {
  guard: 'canSend',
  target: 'responding',
  actions: [
    'startSessionIfNeeded',
    'startSend',
    'logUserMessage',
    'emitMessageSent',
    'emitStarterPromptIfChosen',
  ],
} as const;
const failReply = {
  target: 'idle',
  actions: [
    'recordReplyError',
    'warnOfError',
    'logReplyFailed',
    'emitError',
    'scheduleRetryWindow',
    'clearReply',
  ],
} as const;

export const widgetMachine = setup({
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
}).createMachine({
  id: 'cwp',
  context: ({ input }) => ({
    config: input.config,
    services: { loadConfig: input.loadConfig, createTransport: input.createTransport },
    transport: input.config.mode === 'managed' ? null : input.createTransport(input.config),
    log: input.log,
    isOpen: input.config.type !== 'floating' || input.config.openOnStart,
    unread: 0,
    error: null,
    reply: null,
    pendingSend: null,
    sentFiles: new Map(),
    copied: null,
    queuedSend: null,
    conversation: null,
    botTyping: false,
  }),
  initial: 'boot',
  // Typing is kept in every state, even while a managed config is still loading.
  // The window opens in every state, so a widget still loading or failed to load says so.
  on: {
    OPEN: openWindow,
    CLOSE: [closeWindowStoppingReply, closeWindow],
    TOGGLE: [openWindow, closeWindowStoppingReply, closeWindow],
    SET_DRAFT: { actions: 'logDraft' },
    RETRY_WINDOW_OPEN: { actions: 'logRetryWaitsOver' },
    FEEDBACK: { guard: 'canGiveFeedback', actions: ['logFeedback', 'emitFeedback'] },
    CHOOSE_BUTTON: {
      guard: 'canChooseButton',
      actions: ['logButtonChosen', 'emitButtonChosen'],
    },
    BUTTON_FAILED: { actions: 'logButtonFailed' },
    COPIED: { actions: 'markCopied' },
    COPY_EXPIRED: { actions: assign({ copied: null }) },
  },
  states: {
    boot: {
      always: [{ guard: 'isManaged', target: 'loading' }, { target: 'ready' }],
    },
    loading: {
      invoke: {
        src: 'loadConfig',
        input: ({ context }: { context: WidgetContext }) => context.services.loadConfig,
        onDone: {
          target: 'ready',
          actions: [
            assign(({ event, context }) => ({
              config: event.output,
              transport: context.services.createTransport(event.output),
              // A window the visitor opened while the config loaded stays open.
              isOpen:
                context.isOpen || event.output.type !== 'floating' || event.output.openOnStart,
            })),
            // A message the visitor sent while the config loaded goes out now.
            enqueueActions(({ context, enqueue }) => {
              if (context.queuedSend) enqueue.raise(context.queuedSend);
              enqueue.assign({ queuedSend: null });
            }),
          ],
        },
        onError: {
          target: 'failed',
          actions: [
            assign(({ context, event }) => ({
              error: loadFailure(event.error, context.config.messages),
              queuedSend: null,
            })),
            'warnOfError',
            'emitError',
          ],
        },
      },
      on: {
        SEND: { guard: 'canSend', actions: assign({ queuedSend: ({ event }) => event }) },
      },
    },
    failed: {},
    ready: {
      type: 'parallel',
      entry: ['emitLoaded', 'emitRestoredSession'],
      invoke: { src: 'conversation', input: ({ context }) => context.transport },
      on: {
        NEW_SESSION: {
          target: '.chat.idle',
          actions: [
            'closeConversation',
            'endConversation',
            'logSessionReset',
            'resetChat',
            'emitSessionReset',
          ],
        },
        CONVERSATION: [
          { guard: 'conversationTyping', actions: 'setBotTyping' },
          {
            guard: 'conversationMessage',
            actions: ['logConversationMessage', 'emitConversationReply', 'markAnswered'],
          },
          { guard: 'conversationEnded', actions: 'endConversation' },
          {
            guard: 'conversationDropped',
            actions: ['dropConversation', 'warnOfError', 'emitError'],
          },
        ],
      },
      states: {
        chat: {
          initial: 'checking',
          states: {
            checking: {
              always: [
                { guard: 'shouldLoadHistory', target: 'loadingHistory' },
                { target: 'idle' },
              ],
            },
            loadingHistory: {
              invoke: {
                src: 'loadHistory',
                input: ({ context }) => ({
                  transport: context.transport!,
                  sessionId: context.log.context.sessionId!,
                }),
                onDone: {
                  target: 'idle',
                  actions: [
                    ({ context, event }) => {
                      if (event.output.length > 0)
                        context.log.send({ type: 'restoreHistory', messages: event.output });
                    },
                    emit(({ context, event }) =>
                      analyticsEvents.historyLoaded(context, event.output.length),
                    ),
                  ],
                },
                onError: {
                  target: 'idle',
                  actions: ({ context, event }) =>
                    warnDeveloper(toErrorInfo(event.error, context.config.messages)),
                },
              },
              on: { SEND: sendMessage },
            },
            idle: {
              on: {
                SEND: sendMessage,
                RETRY: {
                  guard: 'canRetry',
                  target: 'responding',
                  actions: ['startRetry', 'logResend', 'emitMessageSent'],
                },
              },
            },
            responding: {
              initial: 'connecting',
              states: {
                connecting: {
                  always: [
                    { guard: 'isOffline', target: 'waitingForConnection' },
                    { target: 'requesting' },
                  ],
                },
                // Offline: the message waits, and goes out by itself once the browser is back online.
                waitingForConnection: {
                  entry: 'logWaitingForConnection',
                  exit: 'logConnectionBack',
                  invoke: { src: 'connection' },
                  on: { 'CONNECTION.BACK': 'requesting' },
                },
                requesting: {
                  invoke: {
                    src: 'reply',
                    input: ({ context }) => ({
                      transport: context.transport!,
                      request: {
                        sessionId: context.log.context.sessionId!,
                        messageId: context.reply!.userMessageId,
                        text: context.pendingSend!.text,
                        metadata: context.pendingSend?.options?.metadata,
                        files: context.pendingSend?.options?.files,
                      },
                    }),
                  },
                },
              },
              on: {
                'REPLY.CHUNK': [
                  { guard: 'handsOff', actions: 'handOff' },
                  { guard: 'startsBlock', actions: 'startBlock' },
                  { guard: 'endsBlock', actions: ['logBotReplyEnded', 'endBlock'] },
                  {
                    guard: 'opensBotMessage',
                    actions: ['openBotMessage', 'logBotReplyStarted', 'countText'],
                  },
                  { guard: 'hasText', actions: ['logBotText', 'countText'] },
                ],
                'REPLY.DONE': [
                  {
                    guard: 'replyHandedOff',
                    target: 'idle',
                    actions: ['logReplyFinished', 'clearReply'],
                  },
                  {
                    guard: 'replyHasText',
                    target: 'idle',
                    actions: ['logReplyFinished', 'emitResponseReceived', 'clearReply'],
                  },
                  failReply,
                ],
                'REPLY.ERROR': failReply,
                STOP: { target: 'idle', actions: ['logReplyStopped', 'emitStopped', 'clearReply'] },
              },
            },
          },
        },
        tooltip: {
          initial: 'waiting',
          states: {
            waiting: {
              always: { guard: not('tooltipEligible'), target: 'hidden' },
              after: {
                tooltipDelay: [
                  { guard: 'tooltipEligible', target: 'visible' },
                  { target: 'hidden' },
                ],
              },
            },
            visible: {
              entry: 'emitTooltipShown',
              always: { guard: 'isOpen', target: 'hidden' },
              on: {
                DISMISS_TOOLTIP: {
                  target: 'hidden',
                  actions: ['logTooltipDismissed', 'emitTooltipDismissed'],
                },
              },
            },
            hidden: {},
          },
        },
      },
    },
  },
});
