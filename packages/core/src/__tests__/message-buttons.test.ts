import { startBot } from '@cwp/bot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WidgetEvent } from '../events/types.js';
import { connect } from '../view/connect.js';
import type { RenderElement, RenderNode } from '../view/render-tree.js';
import { createChatWidget } from '../widget.js';
import { idle, sharedStorage, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

function chat(extra: Record<string, unknown> = {}) {
  const widget = track(
    createChatWidget({
      webhookUrl: ctx.bot.webhookUrl,
      storage: 'memory',
      type: 'inline',
      ...extra,
    }),
  );
  const events: WidgetEvent[] = [];
  widget.on('*', (event) => events.push(event));
  return { widget, events };
}

/** The buttons a message's content draws, as the renderers get them. */
function drawnButtons(widget: ReturnType<typeof chat>['widget'], index = -1) {
  const view = connect(widget.getSnapshot(), widget);
  const message = view.messages.at(index)!;
  const group = message.content.find(
    (node: RenderNode): node is RenderElement =>
      typeof node === 'object' && node.attrs['data-part'] === 'message-buttons',
  );
  return { view, group, buttons: (group?.children ?? []) as RenderElement[] };
}

const linkHits = () => ctx.bot.requests.filter((r) => r.path.startsWith('/webhook-waiting/'));
const lastBot = (widget: ReturnType<typeof chat>['widget']) =>
  [...widget.getSnapshot().messages].reverse().find((m) => m.role === 'bot')!;

afterEach(() => vi.unstubAllGlobals());

describe('n8n messages with buttons', () => {
  it('draws the buttons and keeps the composer off until a choice, then fetches the link once', async () => {
    const { widget, events } = chat();
    widget.send('/buttons');
    await idle(widget);
    const message = lastBot(widget);
    expect(message.text).toBe('Shall I **approve** the order?');
    expect(message.buttons?.map((b) => b.text)).toEqual([
      'Approve',
      'Read the terms',
      'Tell me more',
    ]);
    expect(widget.getSnapshot().inputBlocked).toBe(true);
    expect(widget.send('I want to type instead')).toBe(false);

    const before = drawnButtons(widget);
    expect(before.group?.attrs).toMatchObject({ role: 'group', 'data-blocking': '' });
    expect(
      before.buttons.map((b) => [b.children[0], b.attrs['aria-pressed'], b.attrs.disabled]),
    ).toEqual([
      ['Approve', 'false', undefined],
      ['Read the terms', 'false', undefined],
      ['Tell me more', 'false', undefined],
    ]);
    expect(before.view.getInputProps()).toMatchObject({
      disabled: true,
      placeholder: 'Choose one of the options above to continue',
    });
    expect(before.view.getSendButtonProps().disabled).toBe(true);

    expect(widget.chooseButton(message.id, 0)).toBe(true);
    expect(widget.chooseButton(message.id, 0)).toBe(false);
    expect(widget.chooseButton(message.id, 2)).toBe(false);
    await vi.waitFor(() => expect(linkHits()).toHaveLength(1));
    expect(linkHits()[0]).toMatchObject({ method: 'GET', query: { order: '42' } });
    expect(events.find((e) => e.type === 'button_chosen')).toMatchObject({
      messageId: message.id,
      index: 0,
      action: 'fetch',
    });

    const after = drawnButtons(widget);
    expect(after.buttons.map((b) => [b.attrs['aria-pressed'], b.attrs.disabled])).toEqual([
      ['true', 'disabled'],
      ['false', 'disabled'],
      ['false', 'disabled'],
    ]);
    expect(after.view.getInputProps()).toMatchObject({
      disabled: false,
      placeholder: 'Type your message…',
    });
    expect(widget.send('Thanks')).toBe(true);
    await idle(widget);
    expect(linkHits()).toHaveLength(1);
  });

  it('sends the text of a button without a link as the visitor’s message', async () => {
    const { widget, events } = chat();
    widget.send('/buttons');
    await idle(widget);
    expect(widget.chooseButton(lastBot(widget).id, 2)).toBe(true);
    await waitFor(widget, (s) => s.messages.at(-1)?.text === 'You said: Tell me more');
    expect(events.filter((e) => e.type === 'button_chosen')).toMatchObject([{ action: 'send' }]);
    expect(linkHits()).toHaveLength(0);
  });

  it('never fetches a link on another origin', async () => {
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    });
    const { widget, events } = chat();
    widget.send('/buttons free');
    await idle(widget);
    expect(widget.getSnapshot().inputBlocked).toBe(false);
    expect(widget.chooseButton(lastBot(widget).id, 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetched.filter((url) => !url.startsWith(ctx.bot.webhookUrl))).toEqual([]);
    expect(events.find((e) => e.type === 'button_chosen')).toMatchObject({ action: 'open' });
    expect(lastBot(widget).chosen).toBe(1);
  });

  it('leaves a streamed reply as text', async () => {
    const { widget } = chat({ webhookUrl: `${ctx.bot.webhookUrl}?stream=1&chunk=40&delay=0` });
    widget.send('/buttons');
    await idle(widget);
    expect(lastBot(widget).buttons).toBeUndefined();
    expect(lastBot(widget).text).toContain('"type":"with-buttons"');
  });

  it('keeps the buttons and the choice across a reload', async () => {
    const storage = sharedStorage();
    const first = chat({ storage });
    first.widget.send('/buttons');
    await idle(first.widget);
    first.widget.destroy();

    const second = chat({ storage });
    expect(second.widget.getSnapshot().inputBlocked).toBe(true);
    const id = lastBot(second.widget).id;
    expect(second.widget.chooseButton(id, 0)).toBe(true);
    await vi.waitFor(() => expect(linkHits()).toHaveLength(1));
    second.widget.destroy();

    const third = chat({ storage });
    expect(lastBot(third.widget)).toMatchObject({ chosen: 0, blockUserInput: true });
    expect(third.widget.getSnapshot().inputBlocked).toBe(false);
    expect(drawnButtons(third.widget).buttons[0]?.attrs['aria-pressed']).toBe('true');
  });

  it('draws an error message as an error, not as JSON', async () => {
    // A custom transport (a supported seam) stands in for a bot that answers this way.
    const { widget } = chat({
      webhookUrl: undefined,
      transport: {
        async *send() {
          yield { type: 'start', streamed: false } as const;
          yield {
            type: 'delta',
            text: '{"type":"error","message":"The order service is down"}',
          } as const;
          yield { type: 'end' } as const;
        },
      },
    });
    widget.send('status?');
    await idle(widget);
    expect(lastBot(widget)).toMatchObject({ text: 'The order service is down', botError: true });
    const content = connect(widget.getSnapshot(), widget).messages.at(-1)!.content;
    expect((content[0] as RenderElement).attrs['data-part']).toBe('message-error');
  });
  it('opens the choice again when the link could not be fetched', async () => {
    // A relative link resolves against the webhook: the bot answers 404 for it.
    const reply = () =>
      JSON.stringify({
        type: 'with-buttons',
        text: 'Pick',
        buttons: [{ text: 'Go', link: '/nowhere?x=1' }],
        blockUserInput: true,
      });
    const failing = await startBot({ reply });
    try {
      const { widget } = chat({ webhookUrl: failing.webhookUrl });
      widget.send('hi');
      await idle(widget);
      const id = lastBot(widget).id;
      expect(widget.chooseButton(id, 0)).toBe(true);
      expect(widget.getSnapshot().inputBlocked).toBe(false);
      await waitFor(widget, (s) => s.inputBlocked);
      expect(lastBot(widget).chosen).toBeUndefined();
      expect(failing.requests.filter((r) => r.path === '/nowhere')).toHaveLength(1);
      expect(widget.chooseButton(id, 0)).toBe(true);
      await waitFor(widget, (s) => s.inputBlocked);
      expect(failing.requests.filter((r) => r.path === '/nowhere')).toHaveLength(2);
    } finally {
      await failing.close();
    }
  });
});
