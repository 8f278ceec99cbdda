import type { WidgetErrorKind } from '../errors/widget-error.js';
import type { OpenVia } from '../types.js';

export interface EventBase {
  /** Epoch milliseconds. */
  readonly at: number;
  /** The widget's storage id (config `id`, `widgetId`, or derived). */
  readonly widgetId: string;
  readonly sessionId: string | null;
}

/** Lifecycle and analytics events. Payloads carry message text only with `analytics.includeText`. */
export type WidgetEvent =
  | (EventBase & {
      readonly type: 'loaded';
      readonly mode: 'direct' | 'custom' | 'managed';
      readonly widgetType: 'floating' | 'inline' | 'fullscreen';
    })
  | (EventBase & { readonly type: 'opened'; readonly via: OpenVia })
  | (EventBase & { readonly type: 'closed' })
  | (EventBase & { readonly type: 'tooltip_shown' })
  | (EventBase & { readonly type: 'tooltip_dismissed' })
  | (EventBase & { readonly type: 'session_started'; readonly restored: boolean })
  | (EventBase & { readonly type: 'session_reset' })
  | (EventBase & { readonly type: 'history_loaded'; readonly count: number })
  | (EventBase & {
      readonly type: 'message_sent';
      readonly messageId: string;
      readonly length: number;
      readonly retry: boolean;
      readonly text?: string;
      /** Files attached (a count; their names and contents are never sent). */
      readonly files?: number;
    })
  | (EventBase & {
      readonly type: 'response_received';
      readonly messageId: string;
      /** From send to the end of the reply, ms. */
      readonly latencyMs: number;
      /** From send to the first reply text, ms. */
      readonly firstChunkMs: number | null;
      readonly streamed: boolean;
      readonly length: number;
      readonly complete: boolean;
      readonly text?: string;
    })
  | (EventBase & {
      readonly type: 'response_stopped';
      readonly messageId: string;
      readonly length: number;
    })
  | (EventBase & {
      readonly type: 'starter_prompt_sent';
      /** Which of `config.starterPrompts` the visitor clicked. */
      readonly index: number;
      readonly messageId: string;
    })
  | (EventBase & {
      readonly type: 'feedback';
      /** The bot message rated. */
      readonly messageId: string;
      /** `null`: the visitor took their thumb back. */
      readonly value: 'up' | 'down' | null;
    })
  | (EventBase & {
      readonly type: 'button_chosen';
      /** The bot message whose button the visitor chose. */
      readonly messageId: string;
      /** Which of its `buttons`. */
      readonly index: number;
      /** `fetch`: its link was fetched; `open`: a link on another origin; `send`: its text was sent. */
      readonly action: 'fetch' | 'open' | 'send';
    })
  | (EventBase & {
      readonly type: 'error';
      readonly kind: WidgetErrorKind;
      readonly status?: number;
      readonly messageId?: string;
    });

export type WidgetEventType = WidgetEvent['type'];
export type WidgetEventOf<T extends WidgetEventType> = Extract<WidgetEvent, { type: T }>;
