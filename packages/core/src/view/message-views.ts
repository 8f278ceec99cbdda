import type { ResolvedConfig } from '../config/schema.js';
import { formatMessage } from '../i18n/messages.js';
import type { ChatMessage } from '../types.js';
import { partAttributes } from './anatomy.js';
import type { ConfigView } from './config-view.js';
import type { Handlers } from './handlers.js';
import { getMessageId } from './ids.js';
import { markdownTree } from './markdown-tree.js';
import type { MessageView, PartProps } from './types.js';

/** A message view with what only its props need. Renderers see it as a MessageView. */
interface MessageRecord extends MessageView {
  readonly domId: string;
  readonly canRetry: boolean;
  /** A retry would be refused until the server's Retry-After has passed. */
  readonly retryWaiting: boolean;
  /** The retry button's accessible name: "Retry: <start of the message>". */
  readonly retryLabel: string;
}

const noViews: readonly MessageView[] = [];

function excerpt(text: string): string {
  const flat = text.slice(0, 120).replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

function toRecord(config: ResolvedConfig, message: ChatMessage): MessageRecord {
  const m = config.messages;
  const canRetry = message.status === 'failed' || message.status === 'incomplete';
  // Only a retry button needs it; a streaming reply would pay for it on every chunk.
  const quoted = canRetry ? excerpt(message.text) : '';
  return {
    id: message.id,
    role: message.role,
    status: message.status,
    content:
      message.role === 'bot'
        ? markdownTree(message.text, { allowImagesFrom: config.allowImagesFrom })
        : [message.text],
    statusText:
      message.status === 'failed'
        ? m.messageFailed
        : message.status === 'incomplete'
          ? m.messageIncomplete
          : '',
    retryText: m.retry,
    domId: getMessageId(config.id, message.id),
    canRetry,
    retryWaiting: (message.error?.retryAt ?? 0) > Date.now(),
    retryLabel: quoted === '' ? m.retry : formatMessage(m.retryMessage, { text: quoted }),
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
      view = toRecord(config, message);
      cache.views.set(message, view);
    }
    return view;
  });
  cache.last = { messages, views };
  return views;
}

/** Props of the parts inside one message. `responding`: a reply is in flight (no retry then). */
export function messagePartProps(handlers: Handlers, responding: boolean) {
  return {
    getMessageProps(message: MessageView): PartProps {
      return {
        ...partAttributes('message'),
        id: (message as MessageRecord).domId,
        'data-role': message.role,
        'data-status': message.status,
      };
    },
    getMessageContentProps(message: MessageView): PartProps {
      return {
        ...partAttributes('message-content'),
        id: `${(message as MessageRecord).domId}-content`,
        dir: 'auto',
      };
    },
    getMessageStatusProps(message: MessageView): PartProps {
      return {
        ...partAttributes('message-status'),
        id: `${(message as MessageRecord).domId}-status`,
        'data-status': message.status,
        hidden: message.statusText === '',
      };
    },
    getRetryButtonProps(message: MessageView): PartProps {
      const record = message as MessageRecord;
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
    },
  };
}
