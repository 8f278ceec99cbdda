import type { ResolvedConfig } from '../config/schema.js';
import { formatMessage } from '../i18n/messages.js';
import type { ChatMessage, FeedbackValue } from '../types.js';
import { previewsOf } from '../uploads/previews.js';
import { partAttributes } from './anatomy.js';
import { messageAttachments } from './attachment-tree.js';
import { cached } from './cached.js';
import type { ConfigView } from './config-view.js';
import type { Handlers } from './handlers.js';
import { getMessageId } from './ids.js';
import type { RenderElement } from './render-tree.js';
import { type ContentTree, contentTree } from './streamed-markdown.js';
import type { MessageView, PartProps } from './types.js';

/** A message view with what only its props need. Renderers see it as a MessageView. */
export interface MessageRecord extends MessageView {
  readonly domId: string;
  readonly canRetry: boolean;
  readonly stopped: boolean;
  /** A retry would be refused until the server's Retry-After has passed. */
  readonly retryWaiting: boolean;
  /** The retry button's accessible name: "Retry: <start of the message>". */
  readonly retryLabel: string;
  /** A bot message's content, which the next version of the message builds on. */
  readonly tree: ContentTree | undefined;
  /** A finished bot reply with text: it gets copy and thumbs. */
  readonly actionable: boolean;
  readonly feedback: FeedbackValue | undefined;
  /** Its copy button says "Copied" (see `withCopied`). */
  readonly copied: boolean;
}

const noViews: readonly MessageView[] = [];

function excerpt(text: string): string {
  const flat = text.slice(0, 120).replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

function toRecord(
  config: ResolvedConfig,
  avatar: RenderElement | undefined,
  message: ChatMessage,
  previous: MessageRecord | undefined,
): MessageRecord {
  const m = config.messages;
  const canRetry = message.status === 'failed' || message.status === 'incomplete';
  // An incomplete reply with no error is one the visitor stopped: their choice, not a failure.
  const stopped = message.status === 'incomplete' && message.error === undefined;
  // Only a retry button needs it; a streaming reply would pay for it on every chunk.
  const quoted = canRetry ? excerpt(message.text) : '';
  const tree =
    message.role === 'bot'
      ? contentTree(
          message.text,
          {
            allowImagesFrom: config.allowImagesFrom,
            copyLabel: m.copyCode,
          },
          previous?.tree,
        )
      : undefined;
  return {
    id: message.id,
    role: message.role,
    status: message.status,
    content:
      tree !== undefined
        ? avatar
          ? [avatar, ...tree.nodes]
          : tree.nodes
        : message.attachments && message.attachments.length > 0
          ? [
              message.text,
              messageAttachments(message.attachments, previewsOf(message.id), config.locale),
            ]
          : [message.text],
    statusText:
      message.status === 'failed'
        ? m.messageFailed
        : stopped
          ? m.messageStopped
          : message.status === 'incomplete'
            ? m.messageIncomplete
            : message.status === 'sending' && message.error?.kind === 'offline'
              ? m.messageWaiting
              : '',
    retryText: m.retry,
    copyText: m.copyReply,
    domId: getMessageId(config.id, message.id),
    canRetry,
    stopped,
    retryWaiting: (message.error?.retryAt ?? 0) > Date.now(),
    retryLabel: quoted === '' ? m.retry : formatMessage(m.retryMessage, { text: quoted }),
    tree,
    actionable:
      message.role === 'bot' &&
      message.initial !== true &&
      (message.status === 'done' || message.status === 'incomplete') &&
      /\S/.test(message.text),
    feedback: message.feedback,
    copied: false,
  };
}

/** The views of a message list; unchanged messages keep their view object. */
export function messageViews(
  config: ResolvedConfig,
  cache: ConfigView,
  messages: readonly ChatMessage[],
): readonly MessageView[] {
  if (messages.length === 0) return noViews;
  const last = cache.last;
  if (last !== undefined && last.messages === messages) return last.views;
  const views = messages.map((message, i) => {
    if (last !== undefined && last.messages[i] === message) return last.views[i] as MessageView;
    let view = cache.views.get(message);
    if (view === undefined) {
      // A streamed chunk replaces the message at its place: its content builds on the last one.
      const before = last?.views[i] as MessageRecord | undefined;
      view = toRecord(
        config,
        cache.botAvatar,
        message,
        before?.id === message.id ? before : undefined,
      );
      cache.views.set(message, view);
    }
    return view;
  });
  cache.last = { messages, views };
  return views;
}

/** One message's part props, built once per message view so renderers can skip unchanged ones. */
interface MessageProps {
  message?: PartProps;
  content?: PartProps;
  status?: PartProps;
  /** The retry button's, while no reply is in flight and while one is. */
  retry?: [PartProps | undefined, PartProps | undefined];
  retryHandlers?: Handlers;
}

const messageProps = new WeakMap<MessageView, MessageProps>();

const propsOf = (message: MessageView): MessageProps => cached(messageProps, message, () => ({}));

function retryButtonProps(
  handlers: Handlers,
  record: MessageRecord,
  responding: boolean,
): PartProps {
  return {
    ...partAttributes('retry-button'),
    id: `${record.domId}-retry`,
    type: 'button',
    'aria-label': record.retryLabel,
    'aria-describedby': `${record.domId}-status`,
    hidden: !record.canRetry,
    disabled: responding || record.retryWaiting,
    onClick: handlers.retry(record.id),
  };
}

/**
 * Props of the parts inside one message. `responding`: a reply is in flight (no retry then).
 * The same message view gets the same props objects, so an unchanged message costs nothing to redraw.
 */
export function messagePartProps(
  handlers: Handlers,
  responding: boolean,
  contentClick: (event: MouseEvent) => void,
) {
  return {
    getMessageProps(message: MessageView): PartProps {
      const props = propsOf(message);
      props.message ??= {
        ...partAttributes('message'),
        id: (message as MessageRecord).domId,
        'data-role': message.role,
        'data-status': message.status,
      };
      return props.message;
    },
    getMessageContentProps(message: MessageView): PartProps {
      const props = propsOf(message);
      props.content ??= {
        ...partAttributes('message-content'),
        id: `${(message as MessageRecord).domId}-content`,
        dir: 'auto',
        // Code blocks' copy buttons and message buttons (copy-code.ts, message-buttons.ts).
        onClick: contentClick,
      };
      return props.content;
    },
    getMessageStatusProps(message: MessageView): PartProps {
      const props = propsOf(message);
      props.status ??= {
        ...partAttributes('message-status'),
        id: `${(message as MessageRecord).domId}-status`,
        'data-status': (message as MessageRecord).stopped ? 'stopped' : message.status,
        hidden: message.statusText === '',
      };
      return props.status;
    },
    getRetryButtonProps(message: MessageView): PartProps {
      const props = propsOf(message);
      if (props.retryHandlers !== handlers) props.retry = [undefined, undefined];
      props.retryHandlers = handlers;
      const variants = props.retry as [PartProps | undefined, PartProps | undefined];
      const index = responding ? 1 : 0;
      variants[index] ??= retryButtonProps(handlers, message as MessageRecord, responding);
      return variants[index];
    },
  };
}
