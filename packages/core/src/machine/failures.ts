import { toErrorInfo } from '../errors/to-error-info.js';
import { WidgetError, type WidgetErrorInfo } from '../errors/widget-error.js';
import type { Messages } from '../i18n/messages.js';
import type { MachineArgs } from './widget-context.js';

/**
 * Why the reply in flight failed: the transport's error, or a reply with no text at all. A
 * connection that broke after some text arrived cut the reply off: the service was reached.
 */
export function replyFailure({ context, event }: MachineArgs): WidgetErrorInfo {
  const cause =
    event.type === 'REPLY.ERROR'
      ? event.error
      : new WidgetError(
          'bad_reply',
          'The bot answered without any text (no output/text/message, or a stream with no items).',
        );
  const info = toErrorInfo(cause, context.config.messages);
  const cutOff =
    (context.reply?.length ?? 0) > 0 && (info.kind === 'network' || info.kind === 'timeout');
  return cutOff
    ? { ...info, messageKey: 'error.cut_off', message: context.config.messages['error.cut_off'] }
    : info;
}

/** A managed config that could not load: whatever the cause, the visitor reads the load message. */
export function loadFailure(error: unknown, messages: Readonly<Messages>): WidgetErrorInfo {
  return {
    ...toErrorInfo(error, messages),
    kind: 'load',
    messageKey: 'error.load',
    message: messages['error.load'],
  };
}
