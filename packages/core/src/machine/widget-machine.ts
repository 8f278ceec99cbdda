import { assign, emit, enqueueActions, fromPromise, not, setup } from 'xstate';
import type { ResolvedConfig } from '../config/schema.js';
import { toErrorInfo, warnDeveloper } from '../errors/to-error-info.js';
import { isWidgetError, WidgetError, type WidgetErrorInfo } from '../errors/widget-error.js';
import type { WidgetEvent } from '../events/types.js';
import { randomId } from '../session/ids.js';
import type { MessageLog } from '../session/message-log.js';
import type { Transport } from '../transport/types.js';
import type { ChatMessage, OpenVia, SendOptions } from '../types.js';
import { historyActor } from './history-actor.js';
import { type ReplyEvent, replyActor } from './reply-actor.js';

/** Progress of the reply in flight. */
interface ReplyProgress {
  readonly userMessageId: string;
  /** The bot message text is streaming into; null until text arrives or after `end`. */
  readonly botMessageId: string | null;
  readonly startedAt: number;
  readonly firstChunkAt: number | null;
  readonly streamed: boolean;
  /** Characters received over all reply blocks. */
  readonly length: number;
  readonly retry: boolean;
}

export interface WidgetContext {
  readonly config: ResolvedConfig;
  readonly services: Pick<WidgetInput, 'loadConfig' | 'createTransport'>;
  readonly transport: Transport | null;
  readonly log: MessageLog;
  readonly isOpen: boolean;
  readonly unread: number;
  readonly error: WidgetErrorInfo | null;
  readonly reply: ReplyProgress | null;
  readonly pendingSend: { readonly text: string; readonly options: SendOptions | undefined } | null;
}

export interface WidgetInput {
  readonly config: ResolvedConfig;
  readonly log: MessageLog;
  /** Managed mode: resolves the final config (remote merged under local). */
  readonly loadConfig: (signal: AbortSignal) => Promise<ResolvedConfig>;
  readonly createTransport: (config: ResolvedConfig) => Transport;
}

export type WidgetMachineEvent =
  | { type: 'OPEN'; via?: OpenVia }
  | { type: 'CLOSE' }
  | { type: 'TOGGLE' }
  | { type: 'SEND'; text: string; options?: SendOptions | undefined }
  | { type: 'RETRY'; id: string }
  | { type: 'STOP' }
  | { type: 'NEW_SESSION' }
  | { type: 'DISMISS_TOOLTIP' }
  | { type: 'SET_DRAFT'; text: string }
  | { type: 'RETRY_WINDOW_OPEN' }
  | ReplyEvent;

type Emitted = WidgetEvent;
type EventPayload<T extends WidgetEvent['type']> = Omit<
  Extract<WidgetEvent, { type: T }>,
  'type' | 'at' | 'widgetId' | 'sessionId'
>;

function widgetEvent<T extends WidgetEvent['type']>(
  context: WidgetContext,
  type: T,
  payload: EventPayload<T>,
): Emitted {
  return {
    type,
    at: Date.now(),
    widgetId: context.config.id,
    sessionId: context.log.context.sessionId,
    ...payload,
  } as unknown as Emitted;
}

const isFloating = (context: WidgetContext) => context.config.type === 'floating';

function findMessage(context: WidgetContext, id: string): ChatMessage | undefined {
  return context.log.context.messages.find((m) => m.id === id);
}

/** The user message a retry of `id` would resend, if `id` is retryable. */
function retryTarget(context: WidgetContext, id: string): ChatMessage | undefined {
  const message = findMessage(context, id);
  if (!message) return undefined;
  // Honour the server's Retry-After: a retry storm would only extend the rate limit.
  if ((message.error?.retryAt ?? 0) > Date.now()) return undefined;
  if (message.role === 'user') return message.status === 'failed' ? message : undefined;
  if (message.status !== 'incomplete' || !message.replyTo) return undefined;
  return findMessage(context, message.replyTo);
}

const openWindow = {
  guard: ({ context }: { context: WidgetContext }) => isFloating(context) && !context.isOpen,
  actions: ['startSessionIfNeeded', 'open', 'emitOpened'],
} as const;
/** With `abortOnClose`, closing the window stops the reply in flight. */
const closeWindowAborting = {
  guard: ({ context }: { context: WidgetContext }) =>
    isFloating(context) && context.isOpen && context.config.abortOnClose && context.reply !== null,
  target: '#cwp.ready.chat.idle',
  actions: ['stopReply', 'emitStopped', 'clearReply', 'close', 'emitClosed'],
} as const;
const closeWindow = {
  guard: ({ context }: { context: WidgetContext }) => isFloating(context) && context.isOpen,
  actions: ['close', 'emitClosed'],
} as const;

export const widgetMachine = setup({
  types: {
    context: {} as WidgetContext,
    events: {} as WidgetMachineEvent,
    input: {} as WidgetInput,
    emitted: {} as Emitted,
  },
  actors: {
    reply: replyActor,
    loadHistory: historyActor,
    loadConfig: fromPromise<ResolvedConfig, WidgetInput['loadConfig']>(({ input, signal }) =>
      input(signal),
    ),
  },
  delays: {
    tooltipDelay: ({ context }) =>
      context.config.tooltip === false ? 0 : context.config.tooltip.delay,
  },
  guards: {
    isManaged: ({ context }) => context.config.mode === 'managed',
    tooltipEligible: ({ context }) =>
      isFloating(context) &&
      context.config.tooltip !== false &&
      !context.isOpen &&
      !context.log.context.tooltipDismissed,
    shouldLoadHistory: ({ context }) =>
      context.config.loadPreviousSession &&
      context.log.context.sessionId !== null &&
      context.log.context.messages.length === 0 &&
      typeof context.transport?.loadHistory === 'function',
    canSend: ({ event }) => event.type === 'SEND' && event.text.trim().length > 0,
    canRetry: ({ context, event }) =>
      event.type === 'RETRY' && retryTarget(context, event.id) !== undefined,
    replyHasText: ({ context }) => (context.reply?.length ?? 0) > 0,
  },
  actions: {
    startSessionIfNeeded: enqueueActions(({ context, enqueue }) => {
      if (context.log.context.sessionId !== null) return;
      context.log.store.trigger.startSession({ sessionId: randomId() });
      context.log.flush();
      enqueue.emit(widgetEvent(context, 'session_started', { restored: false }));
    }),
    emitRestoredSession: enqueueActions(({ context, enqueue }) => {
      if (context.log.context.sessionId !== null)
        enqueue.emit(widgetEvent(context, 'session_started', { restored: true }));
    }),
    addUserMessage: assign(({ context, event }) => {
      if (event.type !== 'SEND') return {};
      const message: ChatMessage = {
        id: randomId(),
        role: 'user',
        text: event.text.trim(),
        status: 'sending',
        createdAt: Date.now(),
      };
      context.log.store.trigger.add({ message });
      context.log.store.trigger.setDraft({ text: '' });
      context.log.flush();
      return {
        error: null,
        pendingSend: { text: message.text, options: event.options },
        reply: {
          userMessageId: message.id,
          botMessageId: null,
          startedAt: Date.now(),
          firstChunkAt: null,
          streamed: false,
          length: 0,
          retry: false,
        },
      };
    }),
    prepareRetry: assign(({ context, event }) => {
      if (event.type !== 'RETRY') return {};
      const target = retryTarget(context, event.id)!;
      const log = context.log.store.trigger;
      // The retried question moves to the end so the conversation reads in order.
      for (const m of context.log.context.messages)
        if (m.role === 'bot' && m.replyTo === target.id) log.remove({ id: m.id });
      log.remove({ id: target.id });
      log.add({
        message: { ...target, status: 'sending', error: undefined, createdAt: Date.now() },
      });
      context.log.flush();
      return {
        error: null,
        pendingSend: { text: target.text, options: undefined },
        reply: {
          userMessageId: target.id,
          botMessageId: null,
          startedAt: Date.now(),
          firstChunkAt: null,
          streamed: false,
          length: 0,
          retry: true,
        },
      };
    }),
    emitMessageSent: emit(({ context }) => {
      const reply = context.reply!;
      const text = context.pendingSend?.text ?? '';
      return widgetEvent(context, 'message_sent', {
        messageId: reply.userMessageId,
        length: text.length,
        retry: reply.retry,
        ...(context.config.analytics.includeText ? { text } : {}),
      });
    }),
    applyChunk: assign(({ context, event }) => {
      if (event.type !== 'REPLY.CHUNK' || !context.reply) return {};
      const reply = context.reply;
      const log = context.log.store.trigger;
      const chunk = event.chunk;
      if (chunk.type === 'start') {
        return {
          reply: { ...reply, botMessageId: null, streamed: reply.streamed || chunk.streamed },
        };
      }
      if (chunk.type === 'end') {
        if (reply.botMessageId) log.update({ id: reply.botMessageId, patch: { status: 'done' } });
        return { reply: { ...reply, botMessageId: null } };
      }
      if (chunk.text.length === 0) return {};
      const firstChunkAt = reply.firstChunkAt ?? Date.now();
      if (reply.botMessageId === null) {
        if (reply.length === 0) log.update({ id: reply.userMessageId, patch: { status: 'done' } });
        const id = randomId();
        log.add({
          message: {
            id,
            role: 'bot',
            text: chunk.text,
            status: 'streaming',
            createdAt: Date.now(),
            replyTo: reply.userMessageId,
          },
        });
        const unseen = isFloating(context) && !context.isOpen;
        return {
          reply: {
            ...reply,
            botMessageId: id,
            firstChunkAt,
            length: reply.length + chunk.text.length,
          },
          unread: unseen ? context.unread + 1 : context.unread,
        };
      }
      log.appendText({ id: reply.botMessageId, text: chunk.text });
      return { reply: { ...reply, firstChunkAt, length: reply.length + chunk.text.length } };
    }),
    finishReply: assign(({ context }) => {
      const reply = context.reply!;
      const log = context.log.store.trigger;
      for (const m of context.log.context.messages) {
        if (m.replyTo === reply.userMessageId && m.status === 'streaming')
          log.update({ id: m.id, patch: { status: 'done' } });
      }
      log.update({ id: reply.userMessageId, patch: { status: 'done' } });
      context.log.flush();
      return {};
    }),
    emitResponseReceived: emit(({ context }) => {
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
        ...(context.config.analytics.includeText ? { text } : {}),
      });
    }),
    failReply: assign(({ context, event }) => {
      const reply = context.reply!;
      const cause =
        event.type === 'REPLY.ERROR'
          ? event.error
          : new WidgetError(
              'bad_reply',
              'The bot answered without any text (no output/text/message, or a stream with no items).',
            );
      const info = toErrorInfo(cause, context.config.messages);
      warnDeveloper(info);
      const log = context.log.store.trigger;
      if (reply.length > 0) {
        // Text arrived: keep it, marked incomplete, on the reply that broke off.
        const last = [...context.log.context.messages]
          .reverse()
          .find((m) => m.replyTo === reply.userMessageId);
        if (last) log.update({ id: last.id, patch: { status: 'incomplete', error: info } });
        log.update({ id: reply.userMessageId, patch: { status: 'done' } });
      } else {
        log.update({ id: reply.userMessageId, patch: { status: 'failed', error: info } });
      }
      context.log.flush();
      return { error: info };
    }),
    emitError: emit(({ context }) =>
      widgetEvent(context, 'error', {
        kind: context.error?.kind ?? 'network',
        ...(context.error?.status === undefined ? {} : { status: context.error.status }),
        ...(context.reply ? { messageId: context.reply.userMessageId } : {}),
      }),
    ),
    // After a 429 the retry control comes back when the server's Retry-After has passed.
    scheduleRetryWindow: enqueueActions(({ event, enqueue }) => {
      const waitMs =
        event.type === 'REPLY.ERROR' && isWidgetError(event.error)
          ? event.error.retryAfterMs
          : undefined;
      if (waitMs !== undefined) enqueue.raise({ type: 'RETRY_WINDOW_OPEN' }, { delay: waitMs });
    }),
    openRetryWindow: assign(({ context }) => {
      const now = Date.now();
      for (const m of context.log.context.messages) {
        // Timers may fire a little early; anything due within a frame counts as due.
        if (m.error?.retryAt !== undefined && m.error.retryAt <= now + 16) {
          const { retryAt: _passed, ...error } = m.error;
          context.log.store.trigger.update({ id: m.id, patch: { error } });
        }
      }
      return {};
    }),
    stopReply: assign(({ context }) => {
      const reply = context.reply!;
      const log = context.log.store.trigger;
      if (reply.botMessageId) {
        log.update({ id: reply.botMessageId, patch: { status: 'incomplete' } });
      } else if (reply.length === 0) {
        // Nothing arrived: an empty interrupted reply carries the retry control.
        log.add({
          message: {
            id: randomId(),
            role: 'bot',
            text: '',
            status: 'incomplete',
            createdAt: Date.now(),
            replyTo: reply.userMessageId,
          },
        });
      }
      log.update({ id: reply.userMessageId, patch: { status: 'done' } });
      context.log.flush();
      return {};
    }),
    emitStopped: emit(({ context }) =>
      widgetEvent(context, 'response_stopped', {
        messageId: context.reply!.userMessageId,
        length: context.reply!.length,
      }),
    ),
    clearReply: assign({ reply: null, pendingSend: null }),
    open: assign({ isOpen: true, unread: 0 }),
    close: assign({ isOpen: false }),
    emitOpened: emit(({ context, event }) =>
      widgetEvent(context, 'opened', {
        via: event.type === 'OPEN' ? (event.via ?? 'api') : 'bubble',
      }),
    ),
    emitClosed: emit(({ context }) => widgetEvent(context, 'closed', {})),
    emitLoaded: emit(({ context }) =>
      widgetEvent(context, 'loaded', {
        mode: context.config.mode,
        widgetType: context.config.type,
      }),
    ),
    resetSession: assign(({ context }) => {
      context.log.store.trigger.reset();
      context.log.flush();
      return { error: null, reply: null, pendingSend: null, unread: 0 };
    }),
    emitSessionReset: emit(({ context }) => widgetEvent(context, 'session_reset', {})),
    setDraft: ({ context, event }) => {
      if (event.type === 'SET_DRAFT') context.log.store.trigger.setDraft({ text: event.text });
    },
    dismissTooltip: ({ context }) => {
      context.log.store.trigger.dismissTooltip();
      context.log.flush();
    },
    emitTooltipShown: emit(({ context }) => widgetEvent(context, 'tooltip_shown', {})),
    emitTooltipDismissed: emit(({ context }) => widgetEvent(context, 'tooltip_dismissed', {})),
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
  }),
  initial: 'boot',
  // Typing is kept in every state, even while a managed config is still loading.
  // The window opens in every state, so a widget still loading or failed to load says so.
  on: {
    OPEN: openWindow,
    CLOSE: [closeWindowAborting, closeWindow],
    TOGGLE: [openWindow, closeWindowAborting, closeWindow],
    SET_DRAFT: { actions: 'setDraft' },
    RETRY_WINDOW_OPEN: { actions: 'openRetryWindow' },
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
          actions: assign(({ event, context }) => ({
            config: event.output,
            transport: context.services.createTransport(event.output),
            isOpen: event.output.type !== 'floating' || event.output.openOnStart,
          })),
        },
        onError: {
          target: 'failed',
          actions: [
            assign(({ context, event }) => {
              const info = toErrorInfo(event.error, context.config.messages);
              const loadInfo = {
                ...info,
                kind: 'load' as const,
                messageKey: 'error.load' as const,
                message: context.config.messages['error.load'],
              };
              warnDeveloper(loadInfo);
              return { error: loadInfo };
            }),
            'emitError',
          ],
        },
      },
    },
    failed: {},
    ready: {
      type: 'parallel',
      entry: ['emitLoaded', 'emitRestoredSession'],
      on: {
        NEW_SESSION: { target: '.chat.idle', actions: ['resetSession', 'emitSessionReset'] },
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
                      if (event.output.length === 0 || context.log.context.messages.length > 0)
                        return;
                      context.log.store.trigger.setHistory({ messages: event.output });
                    },
                    emit(({ context, event }) =>
                      widgetEvent(context, 'history_loaded', { count: event.output.length }),
                    ),
                  ],
                },
                onError: {
                  target: 'idle',
                  actions: ({ context, event }) =>
                    warnDeveloper(toErrorInfo(event.error, context.config.messages)),
                },
              },
              on: {
                SEND: {
                  guard: 'canSend',
                  target: 'responding',
                  actions: ['startSessionIfNeeded', 'addUserMessage', 'emitMessageSent'],
                },
              },
            },
            idle: {
              on: {
                SEND: {
                  guard: 'canSend',
                  target: 'responding',
                  actions: ['startSessionIfNeeded', 'addUserMessage', 'emitMessageSent'],
                },
                RETRY: {
                  guard: 'canRetry',
                  target: 'responding',
                  actions: ['prepareRetry', 'emitMessageSent'],
                },
              },
            },
            responding: {
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
              on: {
                'REPLY.CHUNK': { actions: 'applyChunk' },
                'REPLY.DONE': [
                  {
                    guard: 'replyHasText',
                    target: 'idle',
                    actions: ['finishReply', 'emitResponseReceived', 'clearReply'],
                  },
                  {
                    target: 'idle',
                    actions: ['failReply', 'emitError', 'scheduleRetryWindow', 'clearReply'],
                  },
                ],
                'REPLY.ERROR': {
                  target: 'idle',
                  actions: ['failReply', 'emitError', 'scheduleRetryWindow', 'clearReply'],
                },
                STOP: { target: 'idle', actions: ['stopReply', 'emitStopped', 'clearReply'] },
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
              always: { guard: ({ context }) => context.isOpen, target: 'hidden' },
              on: {
                DISMISS_TOOLTIP: {
                  target: 'hidden',
                  actions: ['dismissTooltip', 'emitTooltipDismissed'],
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
