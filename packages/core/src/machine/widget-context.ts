import type { ResolvedConfig } from '../config/resolved-config.js';
import type { WidgetErrorInfo } from '../errors/widget-error.js';
import type { ButtonAction } from '../session/button-action.js';
import type { MessageLog } from '../session/message-log.js';
import type { Transport } from '../transport/types.js';
import type { FeedbackValue, OpenVia, SendOptions } from '../types.js';
import type { FileFacts } from '../uploads/file-rules.js';
import type { ConnectionEvent } from './connection-actor.js';
import type { ConversationMachineEvent } from './conversation-actor.js';
import type { ReplyEvent } from './reply-actor.js';

/** Progress of the reply in flight. */
export interface ReplyProgress {
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
  readonly pendingSend: {
    readonly text: string;
    readonly options: SendOptions | undefined;
    readonly attachments?: readonly FileFacts[] | undefined;
  } | null;
  /** Files sent with each visitor message this page, by message id, so a retry sends them again. */
  readonly sentFiles: ReadonlyMap<string, readonly File[]>;
  /** What was just copied (a message id), until the "Copied" state times out. */
  readonly copied: string | null;
  /** A message sent while a managed config was loading, sent once it has loaded. */
  readonly queuedSend: Extract<WidgetMachineEvent, { type: 'SEND' }> | null;
  /** A live conversation (n8n response nodes) answers this visitor message, asked at `startedAt`. */
  readonly conversation: { readonly replyTo: string; readonly startedAt: number } | null;
  /** The live conversation's bot is working on an answer. */
  readonly botTyping: boolean;
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
  | {
      type: 'SEND';
      text: string;
      options?: SendOptions | undefined;
      /** Sent by clicking `config.starterPrompts[starterPrompt]`. */
      starterPrompt?: number | undefined;
      /** The new message's id (chosen by the widget so its thumbnails can be found). */
      id?: string | undefined;
      /** What the attached files are, for the visitor's message in the log. */
      attachments?: readonly FileFacts[] | undefined;
    }
  | { type: 'FEEDBACK'; id: string; value: FeedbackValue | null }
  | { type: 'CHOOSE_BUTTON'; id: string; index: number; action: ButtonAction }
  /** A chosen button's link could not be fetched: the choice is open again. */
  | { type: 'BUTTON_FAILED'; id: string }
  | { type: 'COPIED'; key: string }
  | { type: 'COPY_EXPIRED' }
  | { type: 'RETRY'; id: string }
  | { type: 'STOP' }
  | { type: 'NEW_SESSION' }
  | { type: 'DISMISS_TOOLTIP' }
  | { type: 'SET_DRAFT'; text: string }
  | { type: 'RETRY_WINDOW_OPEN' }
  | ReplyEvent
  | ConnectionEvent
  | ConversationMachineEvent;

/** What the machine's actions and guards read. */
export interface MachineArgs<E extends { type: string } = WidgetMachineEvent> {
  readonly context: WidgetContext;
  readonly event: E;
}
