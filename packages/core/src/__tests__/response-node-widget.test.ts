import { WebSocketClient } from '@cwp/bot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetEvent } from '../events/types.js';
import { createChatWidget } from '../widget.js';
import { sends, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

// Node 20 has no global WebSocket: the widget reads the global, as a browser's.
beforeEach(() => vi.stubGlobal('WebSocket', WebSocketClient));
afterEach(() => vi.unstubAllGlobals());

const texts = (widget: {
  getSnapshot(): { messages: readonly { role: string; text: string }[] };
}) => widget.getSnapshot().messages.map((m) => `${m.role}: ${m.text}`);

describe('a widget on a Chat Trigger in response-nodes mode', () => {
  it('shows the prompt, sends the reply over the socket, shows the echo, then posts again', async () => {
    const events: WidgetEvent[] = [];
    const widget = track(
      createChatWidget({
        webhookUrl: ctx.bot.responseNodeUrl,
        storage: 'memory',
        onEvent: (event) => events.push(event),
      }),
    );
    widget.send('hello');
    // n8n works on it: the visitor sees the typing state, not an error or an empty reply.
    await waitFor(widget, (s) => !s.isResponding && s.isTyping);
    let state = await waitFor(
      widget,
      (s) => s.messages.length === 2 && !s.isTyping && s.messages[1]?.status === 'done',
    );
    expect(texts(widget)).toEqual(['user: hello', 'bot: You said: hello. Now reply please.']);
    expect(state.messages.map((m) => m.status)).toEqual(['done', 'done']);
    expect(state.error).toBeNull();

    widget.send('my reply');
    await waitFor(widget, (s) => s.isTyping && s.messages.length === 3);
    state = await waitFor(
      widget,
      (s) => s.messages.length === 4 && !s.isTyping && s.messages[3]?.status === 'done',
    );
    expect(texts(widget).slice(2)).toEqual(['user: my reply', 'bot: Echo: my reply']);
    expect(state.messages.every((m) => m.status === 'done')).toBe(true);
    expect(ctx.bot.socketMessages.map((m) => m.body)).toEqual([
      { sessionId: state.sessionId, action: 'sendMessage', chatInput: 'my reply' },
    ]);
    expect(sends(ctx.bot)).toHaveLength(1);
    const replies = events.filter((e) => e.type === 'response_received');
    expect(replies.map((e) => (e as { length: number }).length)).toEqual([
      'You said: hello. Now reply please.'.length,
      'Echo: my reply'.length,
    ]);
    expect(events.filter((e) => e.type === 'message_sent')).toHaveLength(2);

    // The execution ended (close 1005): the next message starts a new one by POST.
    await new Promise((done) => setTimeout(done, 150));
    widget.send('again');
    await waitFor(widget, (s) => s.messages.length === 6);
    expect(sends(ctx.bot)).toHaveLength(2);
    expect(texts(widget).slice(4)).toEqual([
      'user: again',
      'bot: You said: again. Now reply please.',
    ]);
  });

  it('a conversation that cannot continue ends in a clear message, and the next message goes out again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The socket is refused (as n8n does with 1008 for an execution it does not know).
    class Refused extends WebSocketClient {
      constructor(url: string) {
        super(url.replace(/executionId=\d+/, 'executionId=none'));
      }
    }
    vi.stubGlobal('WebSocket', Refused);
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.responseNodeUrl, storage: 'memory' }),
    );
    widget.send('hello');
    const state = await waitFor(widget, (s) => s.error !== null);
    expect(state.error?.messageKey).toBe('error.conversation_lost');
    expect(state.error?.message).toBe(
      'The conversation with the bot was interrupted. Send your message again to continue.',
    );
    expect(state.isTyping).toBe(false);
    expect(widget.send('hello again')).toBe(true);
    await waitFor(widget, (s) => s.messages.length === 2 && !s.isResponding);
    expect(sends(ctx.bot)).toHaveLength(2);
  });

  it('a with-buttons frame is drawn as buttons, as a whole reply would be', async () => {
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.responseNodeUrl, storage: 'memory' }),
    );
    widget.send('/buttons');
    const state = await waitFor(
      widget,
      (s) => s.messages.length === 2 && s.messages[1]?.status === 'done',
    );
    const prompt = state.messages[1]!;
    expect(prompt.text).toBe('Shall I **approve** the order?');
    expect(prompt.buttons?.map((b) => b.text)).toEqual([
      'Approve',
      'Read the terms',
      'Tell me more',
    ]);
    expect(state.inputBlocked).toBe(true);
  });

  it('a new conversation closes the socket of the old one: its frames do not reach the new one', async () => {
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.responseNodeUrl, storage: 'memory' }),
    );
    widget.send('hello');
    await waitFor(widget, (s) => s.messages.length === 2);
    widget.newSession();
    widget.send('fresh start');
    await waitFor(widget, (s) => s.messages.length === 2 && !s.isTyping && !s.isResponding);
    expect(texts(widget)).toEqual([
      'user: fresh start',
      'bot: You said: fresh start. Now reply please.',
    ]);
    expect(sends(ctx.bot)).toHaveLength(2);
    expect(ctx.bot.socketMessages).toHaveLength(0);
  });
});
