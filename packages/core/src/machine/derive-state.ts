import type { SnapshotFrom } from 'xstate';
import { blockingMessage } from '../session/bot-content.js';
import type { LogContext } from '../session/log-edits.js';
import type { ChatMessage, WidgetState } from '../types.js';
import { noUploads, type UploadsState } from '../uploads/chosen-files.js';
import type { widgetMachine } from './widget-machine.js';

const initialCache = new WeakMap<readonly string[], readonly ChatMessage[]>();

/** Welcome messages from config: shown first, never sent or stored. */
function initialMessages(texts: readonly string[]): readonly ChatMessage[] {
  let cached = initialCache.get(texts);
  if (!cached) {
    cached = texts.map((text, i) => ({
      id: `initial-${i}`,
      role: 'bot',
      text,
      status: 'done',
      createdAt: 0,
      initial: true,
    }));
    initialCache.set(texts, cached);
  }
  return cached;
}

/**
 * Builds the public state from the machine and the message log. Returns `previous` itself when
 * nothing a renderer sees changed, so subscribers are not woken for internal bookkeeping.
 */
export function machineToState(
  snapshot: SnapshotFrom<typeof widgetMachine>,
  log: LogContext,
  previous: WidgetState | undefined,
  muted = false,
  uploads: UploadsState = noUploads,
): WidgetState {
  const { context } = snapshot;
  const intro = initialMessages(context.config.initialMessages);
  const messages =
    previous &&
    previous.messages.length === intro.length + log.messages.length &&
    sameTail(previous.messages, log.messages, intro.length)
      ? previous.messages
      : intro.length === 0
        ? log.messages
        : [...intro, ...log.messages];
  const isResponding = snapshot.matches({ ready: { chat: 'responding' } });
  const next: WidgetState = {
    status: snapshot.matches('failed') ? 'error' : snapshot.matches('ready') ? 'ready' : 'loading',
    type: context.config.type,
    isOpen: context.isOpen,
    sessionId: log.sessionId,
    messages,
    isResponding,
    // Not while a message waits for the connection: nobody is typing yet.
    isTyping:
      (snapshot.matches({ ready: { chat: { responding: 'requesting' } } }) &&
        context.reply?.botMessageId === null) ||
      (context.botTyping && !isResponding),
    tooltipVisible: snapshot.matches({ ready: { tooltip: 'visible' } }),
    unread: context.unread,
    error: context.error,
    draft: log.draft,
    isLoadingHistory: snapshot.matches({ ready: { chat: 'loadingHistory' } }),
    copied: context.copied,
    inputBlocked: blockingMessage(log.messages) !== undefined,
    config: context.config,
    muted,
    files: uploads.files,
    fileNotice: uploads.fileNotice,
    dropActive: uploads.dropActive,
  };
  if (previous && shallowEqual(previous, next)) return previous;
  return next;
}

function sameTail(
  shown: readonly ChatMessage[],
  logged: readonly ChatMessage[],
  offset: number,
): boolean {
  for (let i = 0; i < logged.length; i++) if (shown[offset + i] !== logged[i]) return false;
  return true;
}

function shallowEqual(a: WidgetState, b: WidgetState): boolean {
  for (const key of Object.keys(b) as (keyof WidgetState)[]) if (a[key] !== b[key]) return false;
  return true;
}
