import { describe, expect, it } from 'vitest';
import { useBot, useWidgets, waitFor } from '../../__tests__/helpers.js';
import type { ChatWidgetConfig } from '../../config/schema.js';
import { getFocusTarget } from '../../dom/focus-target.js';
import { createChatWidget } from '../../widget.js';
import { connect } from '../connect.js';

// Through the view API only, against the real widget and the local bot, as a renderer drives it.
const bot = useBot();
const track = useWidgets();

function widgetFor(config: Partial<ChatWidgetConfig> = {}) {
  return track(
    createChatWidget({
      webhookUrl: bot.bot.webhookUrl,
      storage: 'memory',
      loadPreviousSession: false,
      ...config,
    }),
  );
}

const view = (widget: ReturnType<typeof widgetFor>) => connect(widget.getSnapshot(), widget);

function typeText(widget: ReturnType<typeof widgetFor>, value: string) {
  view(widget)
    .getInputProps()
    .onInput?.({ currentTarget: { value } } as unknown as Event);
}

function pressEnter(widget: ReturnType<typeof widgetFor>) {
  let prevented = false;
  view(widget)
    .getInputProps()
    .onKeydown?.({
      key: 'Enter',
      shiftKey: false,
      isComposing: false,
      keyCode: 13,
      defaultPrevented: false,
      preventDefault: () => {
        prevented = true;
      },
    } as unknown as KeyboardEvent);
  return prevented;
}

const click = { stopPropagation() {} } as unknown as MouseEvent;

describe('a floating widget driven through connect()', () => {
  it('opens from the bubble, sends with Enter and shows the bot reply', async () => {
    const widget = widgetFor({ id: 'flow' });
    const closed = widget.getSnapshot();
    view(widget).getBubbleProps().onClick?.(click);
    const opened = widget.getSnapshot();
    expect(view(widget).getWindowProps().hidden).toBe(false);
    expect(getFocusTarget(closed, opened)).toBe('cwp-flow-input');
    expect(view(widget).getInputProps().id).toBe('cwp-flow-input');

    typeText(widget, 'Hello there');
    expect(view(widget).getSendButtonProps().disabled).toBe(false);
    expect(pressEnter(widget)).toBe(true);
    expect(view(widget).getInputProps().value).toBe('');

    const done = await waitFor(widget, (s) => s.messages.some((m) => m.role === 'bot'));
    const api = connect(done, widget);
    expect(api.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', ['Hello there']],
      ['bot', [{ tag: 'p', attrs: {}, children: ['You said: Hello there'] }]],
    ]);
    expect(api.getSendButtonProps().disabled).toBe(true);
    expect(bot.bot.requests).toHaveLength(1);

    const open = widget.getSnapshot();
    view(widget)
      .getWindowProps()
      .onKeydown?.({
        key: 'Escape',
        isComposing: false,
        keyCode: 27,
        defaultPrevented: false,
      } as unknown as KeyboardEvent);
    expect(view(widget).getWindowProps().hidden).toBe(true);
    expect(getFocusTarget(open, widget.getSnapshot())).toBe('cwp-flow-bubble');
    expect(view(widget).getBubbleProps().id).toBe('cwp-flow-bubble');
  });

  it('marks an undelivered message, keeps it on screen and resends it from its retry button', async () => {
    const widget = widgetFor({ webhookUrl: bot.bot.faultUrl('status-503-html'), id: 'broken' });
    view(widget).getBubbleProps().onClick?.(click);
    typeText(widget, 'Are you there?');
    pressEnter(widget);

    const failed = await waitFor(widget, (s) => !s.isResponding && s.messages.length > 0);
    const api = connect(failed, widget);
    const [message] = api.messages;
    expect(message?.status).toBe('failed');
    expect(message?.statusText).toBe('Not delivered.');
    expect(api.getErrorProps().hidden).toBe(false);
    expect(api.getErrorProps().role).toBe('alert');
    expect(api.errorText).not.toBe('');
    const retry = api.getRetryButtonProps(message!);
    expect(retry['aria-label']).toBe('Retry: Are you there?');
    expect(retry.hidden).toBe(false);

    const before = bot.bot.requests.length;
    retry.onClick?.(click);
    await waitFor(widget, (s) => !s.isResponding);
    expect(bot.bot.requests.length).toBeGreaterThan(before);
    expect(widget.getSnapshot().messages.map((m) => m.text)).toEqual(['Are you there?']);
  });
});
