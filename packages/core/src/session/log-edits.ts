import type { WidgetErrorInfo } from '../errors/widget-error.js';
import type { ChatMessage, FeedbackValue } from '../types.js';
import type { FileFacts } from '../uploads/file-rules.js';
import { readBotContent } from './bot-content.js';

/** What a widget remembers for a visitor: persisted, restored on reload, shared across tabs. */
export interface LogContext {
  sessionId: string | null;
  messages: readonly ChatMessage[];
  draft: string;
  tooltipDismissed: boolean;
}

export const emptyLog: LogContext = {
  sessionId: null,
  messages: [],
  draft: '',
  tooltipDismissed: false,
};

type Patch = Partial<Omit<ChatMessage, 'id'>>;

function patched(messages: readonly ChatMessage[], id: string, patch: Patch): ChatMessage[] {
  return messages.map((m) => (m.id === id ? { ...m, ...patch } : m));
}

const finished = (m: ChatMessage, whole: boolean | undefined) =>
  whole === true ? readBotContent(m) : m;

/** The latest message answering `questionId`. */
function lastAnswer(messages: readonly ChatMessage[], questionId: string): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]!.replyTo === questionId) return messages[i];
  return undefined;
}

export function withoutRetryAt(error: WidgetErrorInfo): WidgetErrorInfo {
  if (error.retryAt === undefined) return error;
  const { retryAt: _dropped, ...rest } = error;
  return rest;
}

/**
 * Every way the log changes, as @xstate/store transitions. Ids and times come in the events,
 * so each edit is a pure function of the log and its event.
 */
export const logEdits = {
  startSession: (ctx: LogContext, e: { sessionId: string }): LogContext => ({
    ...ctx,
    sessionId: e.sessionId,
  }),

  /** The visitor's message goes out as `sending`; the composer it came from is emptied. */
  addUserMessage: (
    ctx: LogContext,
    e: { id: string; text: string; at: number; attachments?: readonly FileFacts[] | undefined },
  ): LogContext => ({
    ...ctx,
    messages: [
      ...ctx.messages,
      {
        id: e.id,
        role: 'user',
        text: e.text,
        status: 'sending',
        createdAt: e.at,
        ...(e.attachments ? { attachments: e.attachments } : {}),
      },
    ],
    draft: '',
  }),

  /**
   * The browser is offline: the question waits, `sending`, marked with the offline error until
   * the connection is back (the view shows it as waiting for connection).
   */
  waitForConnection: (ctx: LogContext, e: { id: string; error: WidgetErrorInfo }): LogContext => ({
    ...ctx,
    messages: patched(ctx.messages, e.id, { error: e.error }),
  }),

  /** The connection is back: the waiting question goes out. */
  connectionBack: (ctx: LogContext, e: { id: string }): LogContext => {
    const question = ctx.messages.find((m) => m.id === e.id);
    if (question?.error === undefined) return ctx;
    return { ...ctx, messages: patched(ctx.messages, e.id, { error: undefined }) };
  },

  /** A retry: the question drops its old answers and moves to the end, sending again. */
  resendMessage: (ctx: LogContext, e: { id: string; at: number }): LogContext => {
    const question = ctx.messages.find((m) => m.id === e.id);
    if (!question) return ctx;
    const rest = ctx.messages.filter(
      (m) => m.id !== e.id && !(m.role === 'bot' && m.replyTo === e.id),
    );
    const resent: ChatMessage = {
      ...question,
      status: 'sending',
      error: undefined,
      createdAt: e.at,
    };
    return { ...ctx, messages: [...rest, resent] };
  },

  /** The first text of a bot message: it streams from here, and the question was delivered. */
  startBotReply: (
    ctx: LogContext,
    e: { id: string; replyTo: string; text: string; at: number },
  ): LogContext => {
    const question = ctx.messages.find((m) => m.id === e.replyTo);
    const messages =
      question?.status === 'sending'
        ? patched(ctx.messages, e.replyTo, { status: 'done' })
        : ctx.messages;
    const answer: ChatMessage = {
      id: e.id,
      role: 'bot',
      text: e.text,
      status: 'streaming',
      createdAt: e.at,
      replyTo: e.replyTo,
    };
    return { ...ctx, messages: [...messages, answer] };
  },

  appendBotText: (ctx: LogContext, e: { id: string; text: string }): LogContext => {
    // Streaming hits this per chunk: touch only the last messages, where replies grow.
    const messages = ctx.messages.slice();
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i]!;
      if (m.id === e.id) {
        messages[i] = { ...m, text: m.text + e.text };
        return { ...ctx, messages };
      }
    }
    return ctx;
  },

  /** One reply block is complete; more may follow in the same reply. */
  endBotReply: (ctx: LogContext, e: { id: string; whole?: boolean }): LogContext => ({
    ...ctx,
    // A whole (not streamed) message may be one of n8n's JSON chat messages.
    messages: ctx.messages.map((m) =>
      m.id === e.id ? finished({ ...m, status: 'done' }, e.whole) : m,
    ),
  }),

  /** The whole reply arrived: the question and every answer still streaming are done. */
  finishReply: (ctx: LogContext, e: { replyTo: string; whole?: boolean }): LogContext => ({
    ...ctx,
    messages: ctx.messages.map((m) =>
      m.id === e.replyTo || (m.replyTo === e.replyTo && m.status === 'streaming')
        ? finished({ ...m, status: 'done' }, e.whole)
        : m,
    ),
  }),

  /** The reply broke: text that arrived stays, marked incomplete; with none, the question failed. */
  failReply: (ctx: LogContext, e: { replyTo: string; error: WidgetErrorInfo }): LogContext => {
    const answer = lastAnswer(ctx.messages, e.replyTo);
    if (!answer)
      return {
        ...ctx,
        messages: patched(ctx.messages, e.replyTo, { status: 'failed', error: e.error }),
      };
    const messages = patched(ctx.messages, answer.id, { status: 'incomplete', error: e.error });
    return { ...ctx, messages: patched(messages, e.replyTo, { status: 'done' }) };
  },

  /**
   * The visitor stopped the reply: the message streaming (`streamingId`) keeps its text as
   * incomplete; with no text at all, an empty incomplete answer carries the retry control.
   */
  stopReply: (
    ctx: LogContext,
    e: { replyTo: string; streamingId: string | null; placeholderId: string; at: number },
  ): LogContext => {
    let messages: readonly ChatMessage[] = ctx.messages;
    if (e.streamingId !== null) {
      messages = patched(messages, e.streamingId, { status: 'incomplete' });
    } else if (!lastAnswer(messages, e.replyTo)) {
      const placeholder: ChatMessage = {
        id: e.placeholderId,
        role: 'bot',
        text: '',
        status: 'incomplete',
        createdAt: e.at,
        replyTo: e.replyTo,
      };
      messages = [...messages, placeholder];
    }
    return { ...ctx, messages: patched(messages, e.replyTo, { status: 'done' }) };
  },

  /** Retry-After waits due by `dueBy` are over: those messages can be retried again. */
  endRetryWaits: (ctx: LogContext, e: { dueBy: number }): LogContext => {
    const due = (m: ChatMessage) => m.error?.retryAt !== undefined && m.error.retryAt <= e.dueBy;
    if (!ctx.messages.some(due)) return ctx;
    return {
      ...ctx,
      messages: ctx.messages.map((m) => (due(m) ? { ...m, error: withoutRetryAt(m.error!) } : m)),
    };
  },

  /** An earlier conversation from the bot, restored only into a log that has none of its own. */
  restoreHistory: (ctx: LogContext, e: { messages: readonly ChatMessage[] }): LogContext =>
    e.messages.length === 0 || ctx.messages.length > 0
      ? ctx
      : { ...ctx, messages: e.messages.map(readBotContent) },

  /** The visitor chose `index` of a message's buttons; `null` takes a failed choice back. */
  chooseButton: (ctx: LogContext, e: { id: string; index: number | null }): LogContext => ({
    ...ctx,
    messages: patched(ctx.messages, e.id, { chosen: e.index ?? undefined }),
  }),

  setDraft: (ctx: LogContext, e: { text: string }): LogContext => ({ ...ctx, draft: e.text }),

  /** The visitor's thumb on a bot reply; `null` takes it back. */
  setFeedback: (ctx: LogContext, e: { id: string; value: FeedbackValue | null }): LogContext => ({
    ...ctx,
    messages: patched(ctx.messages, e.id, { feedback: e.value ?? undefined }),
  }),

  dismissTooltip: (ctx: LogContext): LogContext => ({ ...ctx, tooltipDismissed: true }),

  /** A new session: the conversation goes; what the visitor is typing and chose stays. */
  reset: (ctx: LogContext): LogContext => ({
    ...emptyLog,
    draft: ctx.draft,
    tooltipDismissed: ctx.tooltipDismissed,
  }),
};

/** Edits a reload must not lose: written at once rather than after the storage throttle. */
export const writtenAtOnce: ReadonlySet<keyof typeof logEdits> = new Set([
  'startSession',
  'addUserMessage',
  'resendMessage',
  'waitForConnection',
  'finishReply',
  'failReply',
  'stopReply',
  'setFeedback',
  'chooseButton',
  'dismissTooltip',
  'reset',
]);
