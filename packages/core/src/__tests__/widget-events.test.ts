import { describe, expect, it, vi } from 'vitest';
import type { WidgetEvent } from '../events/types.js';
import { createChatWidget } from '../widget.js';
import { idle, useBot, useWidgets } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

function record(widget: ReturnType<typeof createChatWidget>) {
  const events: WidgetEvent[] = [];
  widget.on('*', (event) => events.push(event));
  return events;
}

describe('analytics events', () => {
  it('follow the lifecycle: opened, session_started, message_sent, response_received, closed', async () => {
    const widget = track(
      createChatWidget({ webhookUrl: `${ctx.bot.webhookUrl}?stream=1&delay=5`, storage: 'memory' }),
    );
    const events = record(widget);
    widget.open();
    widget.send('Hello there');
    await idle(widget);
    widget.close();
    expect(events.map((e) => e.type)).toEqual([
      'session_started',
      'opened',
      'message_sent',
      'response_received',
      'closed',
    ]);
    const sessionId = widget.getSnapshot().sessionId;
    for (const event of events) {
      expect(event.sessionId).toBe(sessionId);
      expect(event.widgetId).toBe(widget.getSnapshot().config.id);
      expect(event.at).toBeGreaterThan(Date.now() - 10_000);
    }
    const received = events.find((e) => e.type === 'response_received');
    expect(received).toMatchObject({
      streamed: true,
      complete: true,
      length: 'You said: Hello there'.length,
    });
    if (received?.type !== 'response_received') throw new Error('unreachable');
    expect(received.latencyMs).toBeGreaterThanOrEqual(received.firstChunkMs ?? 0);
    expect(received.firstChunkMs).toBeGreaterThan(0);
  });

  it('carry no message text unless the site owner opts in', async () => {
    const quiet = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    const quietEvents = record(quiet);
    quiet.send('my secret address');
    await idle(quiet);
    expect(JSON.stringify(quietEvents)).not.toContain('secret');

    const chatty = track(
      createChatWidget({
        webhookUrl: ctx.bot.webhookUrl,
        storage: 'memory',
        analytics: { includeText: true },
      }),
    );
    const chattyEvents = record(chatty);
    chatty.send('my secret address');
    await idle(chatty);
    expect(chattyEvents.find((e) => e.type === 'message_sent')).toMatchObject({
      text: 'my secret address',
    });
    expect(chattyEvents.find((e) => e.type === 'response_received')).toMatchObject({
      text: 'You said: my secret address',
    });
  });

  it('reach the onEvent config callback too, and a throwing callback breaks nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const seen: string[] = [];
    const widget = track(
      createChatWidget({
        webhookUrl: ctx.bot.webhookUrl,
        storage: 'memory',
        onEvent: (event) => {
          seen.push(event.type);
          throw new Error('analytics vendor is down');
        },
      }),
    );
    widget.send('still works?');
    const state = await idle(widget);
    expect(state.messages.at(-1)?.text).toBe('You said: still works?');
    expect(seen).toContain('response_received');
    vi.restoreAllMocks();
  });

  it('report typed errors with the HTTP status', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.faultUrl('status-429-json'), storage: 'memory' }),
    );
    const errors: WidgetEvent[] = [];
    const off = widget.on('error', (event: WidgetEvent) => errors.push(event));
    widget.send('too fast');
    const state = await idle(widget);
    expect(errors).toEqual([
      expect.objectContaining({
        type: 'error',
        kind: 'rate_limited',
        status: 429,
        messageId: state.messages[0]!.id,
      }),
    ]);
    expect(state.error?.retryAfterMs).toBe(2000);
    off();
    vi.restoreAllMocks();
  });

  it('an unsubscribed listener hears nothing more', () => {
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    const listener = vi.fn();
    const off = widget.on('opened', listener);
    widget.open();
    off();
    widget.close();
    widget.open();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
