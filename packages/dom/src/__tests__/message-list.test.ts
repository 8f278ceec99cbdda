// @vitest-environment happy-dom
import {
  type ChatMessage,
  type ChatWidgetApi,
  connect,
  resolveConfig,
  type WidgetState,
} from '@cwp/core';
import { describe, expect, it } from 'vitest';
import { createMessageList } from '../parts/message-list.js';

const config = resolveConfig({ webhookUrl: 'http://127.0.0.1:1/webhook', id: 'w1' });
const widget = { retry: () => false } as unknown as ChatWidgetApi;

function stateWith(messages: ChatMessage[], isResponding = false): WidgetState {
  return {
    status: 'ready',
    type: 'inline',
    isOpen: true,
    sessionId: 's',
    messages,
    isResponding,
    isTyping: false,
    tooltipVisible: false,
    unread: 0,
    error: null,
    draft: '',
    isLoadingHistory: false,
    copied: null,
    muted: false,
    files: [],
    fileNotice: null,
    dropActive: false,
    inputBlocked: false,
    config,
  };
}

const reply = [
  '# Steps',
  'First, a paragraph with **bold** text.',
  '- one\n- two',
  '```ts\nconst a = 1;\n\nconst b = 2;\n```',
  'The last paragraph.',
].join('\n\n');

const history: ChatMessage[] = Array.from({ length: 20 }, (_, i) => ({
  id: `m${i}`,
  role: i % 2 === 0 ? 'user' : 'bot',
  text: `Message ${i} with *markdown*`,
  status: 'done',
  createdAt: i,
}));

/** Streams `reply` in 7-character chunks after `history`, drawing each state as the renderer does. */
function streamInto(list: ReturnType<typeof createMessageList>, onChunk: () => void) {
  for (let end = 7; end < reply.length + 7; end += 7) {
    const text = reply.slice(0, end);
    const done = end >= reply.length;
    const bot: ChatMessage = {
      id: 'reply',
      role: 'bot',
      text,
      status: done ? 'done' : 'streaming',
      createdAt: 99,
    };
    list.update(connect(stateWith([...history, bot], !done), widget));
    onChunk();
  }
}

describe('message list while a reply streams', () => {
  it('redraws only the unfinished tail: finished blocks keep their elements', () => {
    const list = createMessageList(document);
    document.body.append(list.element);
    const content = () => list.element.querySelector('[id$="reply-content"]') as Element;
    const firstSeen = new Map<number, Element>();
    streamInto(list, () => {
      const blocks = [...content().children];
      // A block's element, once the reply is two blocks past it, is never drawn again
      // (a list item may still continue a list across a blank line, so one block waits).
      blocks.slice(0, -2).forEach((block, i) => {
        if (!firstSeen.has(i)) firstSeen.set(i, block);
        expect(block).toBe(firstSeen.get(i));
      });
    });
    expect(firstSeen.size).toBe(3);

    const fresh = createMessageList(document);
    const whole: ChatMessage = {
      id: 'reply',
      role: 'bot',
      text: reply,
      status: 'done',
      createdAt: 99,
    };
    fresh.update(connect(stateWith([...history, whole]), widget));
    expect(list.element.innerHTML).toBe(fresh.element.innerHTML);
    list.element.remove();
  });
});
