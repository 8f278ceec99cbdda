import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WidgetEvent } from '../events/types.js';
import { connect } from '../view/connect.js';
import type { ChatWidgetView } from '../view/types.js';
import { createChatWidget } from '../widget.js';
import { idle, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();
const prompts = ['What do you sell?', 'Where is my order?'];

function chat(extra: Record<string, unknown> = {}) {
  const widget = track(
    createChatWidget({
      webhookUrl: ctx.bot.webhookUrl,
      storage: 'memory',
      type: 'inline',
      starterPrompts: prompts,
      initialMessages: ['Hi! Ask me anything.'],
      ...extra,
    }),
  );
  const events: WidgetEvent[] = [];
  widget.on('*', (event) => events.push(event));
  const view = (): ChatWidgetView => connect(widget.getSnapshot(), widget);
  return { widget, events, view };
}

const click = (props: { onClick?: ((event: MouseEvent) => void) | undefined }) =>
  props.onClick?.({} as MouseEvent);

afterEach(() => vi.unstubAllGlobals());

describe('starter prompts', () => {
  it('show under the welcome message, send the clicked prompt, and are counted with its index', async () => {
    const { widget, events, view } = chat();
    expect(view().starterPrompts).toEqual(prompts);
    expect(view().getStarterPromptsProps()).toMatchObject({
      hidden: false,
      role: 'group',
      'aria-label': 'Suggested questions',
    });
    click(view().getStarterPromptProps(1));
    await idle(widget);
    const texts = widget.getSnapshot().messages.map((m) => [m.role, m.text]);
    expect(texts).toEqual([
      ['bot', 'Hi! Ask me anything.'],
      ['user', 'Where is my order?'],
      ['bot', 'You said: Where is my order?'],
    ]);
    expect(ctx.bot.requests.map((r) => (r.body as { chatInput?: string }).chatInput)).toEqual([
      'Where is my order?',
    ]);
    const sent = events.find((e) => e.type === 'starter_prompt_sent');
    const question = widget.getSnapshot().messages[1]!;
    expect(sent).toMatchObject({ index: 1, messageId: question.id });
    expect(view().getStarterPromptsProps().hidden).toBe(true);
  });

  it('come back after a new conversation', async () => {
    const { widget, view } = chat();
    widget.send('Hello');
    await idle(widget);
    expect(view().getStarterPromptsProps().hidden).toBe(true);
    widget.newSession();
    expect(view().getStarterPromptsProps().hidden).toBe(false);
    click(view().getStarterPromptProps(0));
    await idle(widget);
    expect(widget.getSnapshot().messages.at(-1)?.text).toBe('You said: What do you sell?');
  });

  it('are not shown when none are configured, and an unknown index sends nothing', () => {
    const { widget, view } = chat({ starterPrompts: undefined });
    expect(view().starterPrompts).toEqual([]);
    expect(view().getStarterPromptsProps().hidden).toBe(true);
    expect(widget.sendStarterPrompt(3)).toBe(false);
  });

  it('refuses blank prompts in the config', () => {
    expect(() =>
      createChatWidget({ webhookUrl: ctx.bot.webhookUrl, starterPrompts: ['ok', '  '] }),
    ).toThrow(/starterPrompts/);
  });
});

describe('reply actions', () => {
  async function answered() {
    const setup = chat();
    setup.widget.send('Hello');
    await idle(setup.widget);
    const reply = setup.view().messages.at(-1)!;
    return { ...setup, reply };
  }

  it("appear on finished bot replies only, not on the visitor's messages or the welcome", async () => {
    const { view } = await answered();
    const shown = view().messages.map((m) => [m.role, view().getMessageActionsProps(m).hidden]);
    expect(shown).toEqual([
      ['bot', true],
      ['user', true],
      ['bot', false],
    ]);
  });

  it('thumbs: the chosen one is pressed, a second click takes it back, each change is an event', async () => {
    const { widget, events, view, reply } = await answered();
    const pressed = () => {
      const m = view().messages.find((x) => x.id === reply.id)!;
      return [
        view().getFeedbackUpProps(m)['aria-pressed'],
        view().getFeedbackDownProps(m)['aria-pressed'],
      ];
    };
    expect(pressed()).toEqual(['false', 'false']);
    expect(view().getFeedbackUpProps(reply)['aria-label']).toBe('Helpful');
    click(view().getFeedbackUpProps(reply));
    expect(pressed()).toEqual(['true', 'false']);
    click(view().getFeedbackDownProps(view().messages.at(-1)!));
    expect(pressed()).toEqual(['false', 'true']);
    click(view().getFeedbackDownProps(view().messages.at(-1)!));
    expect(pressed()).toEqual(['false', 'false']);
    const feedback = events.filter((e) => e.type === 'feedback');
    expect(feedback.map((e) => (e.type === 'feedback' ? [e.messageId, e.value] : []))).toEqual([
      [reply.id, 'up'],
      [reply.id, 'down'],
      [reply.id, null],
    ]);
    expect(feedback[0]?.sessionId).toBe(widget.getSnapshot().sessionId);
    // Not on the visitor's own message.
    const question = widget.getSnapshot().messages[1]!;
    expect(widget.setFeedback(question.id, 'up')).toBe(false);
  });

  it("copy: puts the reply's text on the clipboard and says Copied for about two seconds", async () => {
    const writeText = vi.fn(async (_text: string) => {});
    vi.stubGlobal('navigator', { clipboard: { writeText }, onLine: true });
    const { widget, view, reply } = await answered();
    expect(reply.copyText).toBe('Copy');
    vi.useFakeTimers();
    try {
      click(view().getCopyReplyProps(reply));
      await vi.waitFor(() => expect(widget.getSnapshot().copied).toBe(reply.id));
      expect(writeText).toHaveBeenCalledWith('You said: Hello');
      const copied = view().messages.at(-1)!;
      expect(copied.copyText).toBe('Copied');
      expect(view().getCopyReplyProps(copied)['data-state']).toBe('copied');
      vi.advanceTimersByTime(1900);
      expect(view().messages.at(-1)!.copyText).toBe('Copied');
      vi.advanceTimersByTime(200);
      expect(view().messages.at(-1)!.copyText).toBe('Copy');
      expect(widget.getSnapshot().copied).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the thumb across a reload', async () => {
    const storage = new Map<string, string>();
    const store = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    };
    const first = chat({ storage: store, id: 'rated' });
    first.widget.send('Hello');
    await idle(first.widget);
    const reply = first.widget.getSnapshot().messages.at(-1)!;
    first.widget.setFeedback(reply.id, 'down');
    first.widget.destroy();
    const second = chat({ storage: store, id: 'rated' });
    await waitFor(second.widget, (s) => s.messages.length === 3);
    const again = second.view().messages.at(-1)!;
    expect(second.view().getFeedbackDownProps(again)['aria-pressed']).toBe('true');
  });
});
