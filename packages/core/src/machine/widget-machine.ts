import { assign, emit, enqueueActions, not } from 'xstate';
import { toErrorInfo, warnDeveloper } from '../errors/to-error-info.js';
import { analyticsEvents } from './analytics-events.js';
import { loadFailure } from './failures.js';
import type { WidgetContext } from './widget-context.js';
import { widgetSetup } from './widget-setup.js';

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

export const widgetMachine = widgetSetup.createMachine({
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
