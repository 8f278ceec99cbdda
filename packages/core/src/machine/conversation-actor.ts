import { fromCallback } from 'xstate';
import type { ConversationEvent, Transport } from '../transport/types.js';

export type ConversationMachineEvent = {
  type: 'CONVERSATION';
  event: ConversationEvent;
};

/**
 * Listens to the transport's live conversation (n8n response nodes), whose bot messages arrive
 * between sends; stopping it (the widget is destroyed) ends the conversation.
 */
export const conversationActor = fromCallback<{ type: string }, Transport | null>(
  ({ input, sendBack }) => {
    const conversation = input?.conversation;
    if (!conversation) return;
    const off = conversation.subscribe((event) =>
      sendBack({ type: 'CONVERSATION', event } satisfies ConversationMachineEvent),
    );
    return () => {
      off();
      conversation.close();
    };
  },
);
