import { describe, expect, it } from 'vitest';
import { WidgetError } from '../../errors/widget-error.js';
import { createResponseNodeConversation } from '../../transport/response-node/conversation.js';
import type { ConversationEvent } from '../../transport/types.js';

describe('a response-node socket whose code the embed fetches on demand', () => {
  it('could not be fetched: the visitor is told the reply broke off, and the next message goes by POST', async () => {
    const conversation = createResponseNodeConversation({
      socketUrl: () => 'ws://n8n.example/chat',
      openTimeoutMs: 1000,
      load: () => Promise.reject(new Error('offline')),
    });
    const events: ConversationEvent[] = [];
    conversation.subscribe((event) => events.push(event));
    conversation.start('s1', 'e1');
    const sent = conversation.send({ sessionId: 's1', text: 'hello', messageId: 'm1' });
    expect(await sent).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['typing', 'typing', 'dropped']);
    const dropped = events[2] as Extract<ConversationEvent, { type: 'dropped' }>;
    expect(dropped.error).toBeInstanceOf(WidgetError);
    expect((dropped.error as WidgetError).kind).toBe('load');
  });
});
