import { randomId } from '../session/ids.js';
import { chunkText, isFloating, replyChunk, retryTarget } from './guards.js';
import type { MachineArgs, ReplyProgress, WidgetContext } from './widget-context.js';

type Update = Partial<WidgetContext>;

function newReply(userMessageId: string, retry: boolean): ReplyProgress {
  return {
    userMessageId,
    botMessageId: null,
    startedAt: Date.now(),
    firstChunkAt: null,
    streamed: false,
    length: 0,
    retry,
  };
}

/** A visitor message goes out under a new id; its reply is awaited. */
export function sendStarted({ context, event }: MachineArgs): Update {
  if (event.type !== 'SEND') return {};
  const id = event.id ?? randomId();
  const files = event.options?.files ?? [];
  return {
    error: null,
    pendingSend: {
      text: event.text.trim(),
      options: event.options,
      attachments: event.attachments,
    },
    reply: newReply(id, false),
    ...(files.length > 0 ? { sentFiles: new Map(context.sentFiles).set(id, files) } : {}),
  };
}

/** A failed message (or the question behind an interrupted reply) goes out again. */
export function retryStarted({ context, event }: MachineArgs): Update {
  if (event.type !== 'RETRY') return {};
  const target = retryTarget(context, event.id)!;
  return {
    error: null,
    pendingSend: { text: target.text, options: { files: context.sentFiles.get(target.id) } },
    reply: newReply(target.id, true),
  };
}

/** `start`: a new reply block, whose text goes into a new bot message. */
export function blockStarted(args: MachineArgs): Update {
  const chunk = replyChunk(args);
  const reply = args.context.reply!;
  const streamed = reply.streamed || (chunk?.type === 'start' && chunk.streamed);
  return { reply: { ...reply, botMessageId: null, streamed } };
}

/** `end`: the block's bot message is complete. */
export function blockEnded({ context }: MachineArgs): Update {
  return { reply: { ...context.reply!, botMessageId: null } };
}

/** The first text of a block opens a bot message, unread while the floating window is closed. */
export function botMessageOpened({ context }: MachineArgs): Update {
  const unseen = isFloating(context) && !context.isOpen;
  return {
    reply: { ...context.reply!, botMessageId: randomId() },
    unread: unseen ? context.unread + 1 : context.unread,
  };
}

export function textReceived(args: MachineArgs): Update {
  const reply = args.context.reply!;
  return {
    reply: {
      ...reply,
      firstChunkAt: reply.firstChunkAt ?? Date.now(),
      length: reply.length + chunkText(args).length,
    },
  };
}
