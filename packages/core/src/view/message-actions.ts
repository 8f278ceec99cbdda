import type { Messages } from '../i18n/messages.js';
import type { ChatWidgetApi } from '../types.js';
import { actionHandlersOf } from './action-handlers.js';
import { partAttributes } from './anatomy.js';
import type { MessageRecord } from './message-views.js';
import type { MessageView, PartProps } from './types.js';

/** The props of one message's action parts, built once per message view. */
interface ActionProps {
  readonly actions: PartProps;
  readonly copy: PartProps;
  readonly up: PartProps;
  readonly down: PartProps;
}

const propsCache = new WeakMap<MessageView, { widget: ChatWidgetApi; props: ActionProps }>();
const copiedViews = new WeakMap<MessageView, MessageView>();
const copiedLists = new WeakMap<
  readonly MessageView[],
  { id: string; views: readonly MessageView[] }
>();

/** The views with the just-copied message's button saying "Copied"; the same list while unchanged. */
export function withCopied(
  views: readonly MessageView[],
  copied: string | null,
  m: Messages,
): readonly MessageView[] {
  if (copied === null) return views;
  const cached = copiedLists.get(views);
  if (cached?.id === copied) return cached.views;
  const index = views.findIndex((view) => view.id === copied);
  if (index === -1) return views;
  const view = views[index] as MessageView;
  let copiedView = copiedViews.get(view);
  if (copiedView === undefined) {
    copiedView = { ...view, copyText: m.copied, copied: true } as MessageView;
    copiedViews.set(view, copiedView);
  }
  const next = views.slice();
  next[index] = copiedView;
  copiedLists.set(views, { id: copied, views: next });
  return next;
}

function build(widget: ChatWidgetApi, record: MessageRecord, m: Messages): ActionProps {
  const handlers = actionHandlersOf(widget);
  const id = record.domId;
  const thumb = (value: 'up' | 'down'): PartProps => ({
    ...partAttributes(value === 'up' ? 'feedback-up' : 'feedback-down'),
    id: `${id}-feedback-${value}`,
    type: 'button',
    'aria-label': value === 'up' ? m.feedbackUp : m.feedbackDown,
    'aria-pressed': record.feedback === value ? 'true' : 'false',
    onClick: handlers.feedback(record.id, value),
  });
  return {
    actions: { ...partAttributes('message-actions'), hidden: !record.actionable },
    copy: {
      ...partAttributes('copy-reply'),
      id: `${id}-copy`,
      type: 'button',
      'data-state': record.copied ? 'copied' : undefined,
      onClick: handlers.copy(record.id),
    },
    up: thumb('up'),
    down: thumb('down'),
  };
}

/** Copy and thumbs under a finished bot reply. */
export function messageActionProps(widget: ChatWidgetApi, m: Messages) {
  const of = (message: MessageView): ActionProps => {
    const cached = propsCache.get(message);
    if (cached?.widget === widget) return cached.props;
    const props = build(widget, message as MessageRecord, m);
    propsCache.set(message, { widget, props });
    return props;
  };
  return {
    getMessageActionsProps: (message: MessageView) => of(message).actions,
    getCopyReplyProps: (message: MessageView) => of(message).copy,
    getFeedbackUpProps: (message: MessageView) => of(message).up,
    getFeedbackDownProps: (message: MessageView) => of(message).down,
  };
}
