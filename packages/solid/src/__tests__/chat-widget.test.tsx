// @vitest-environment happy-dom
import { type Bot, startBot } from '@cwp/bot';
import { type ChatWidgetConfig, createChatWidget, type PartName, partSelector } from '@cwp/core';
import { mountWidget } from '@cwp/dom';
import { createRoot, createSignal, mergeProps } from 'solid-js';
import { render } from 'solid-js/web';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatWidget, type ChatWidgetProps } from '../chat-widget.jsx';
import { useChatWidget } from '../use-chat-widget.js';
import { outline, until } from './helpers.js';

let bot: Bot;
const disposers: (() => void)[] = [];
beforeAll(async () => {
  bot = await startBot();
});
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  document.body.replaceChildren();
  bot.reset();
});
afterAll(() => bot.close());

function config(extra: Partial<ChatWidgetConfig> = {}): ChatWidgetConfig {
  return { webhookUrl: bot.webhookUrl, storage: 'memory', tooltip: false, ...extra };
}

function mount(props: Partial<ChatWidgetProps> = {}, extra: Partial<ChatWidgetConfig> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const widget = createChatWidget(config(extra));
  const all = mergeProps({ widget }, props) as ChatWidgetProps;
  const dispose = render(() => <ChatWidget {...all} />, container);
  disposers.push(() => {
    dispose();
    widget.destroy();
  });
  const scope = () => container.querySelector('[data-cwp-host]')?.shadowRoot ?? container;
  const part = (name: PartName) => scope().querySelector<HTMLElement>(partSelector(name))!;
  const parts = (name: PartName) => [...scope().querySelectorAll<HTMLElement>(partSelector(name))];
  return { widget, container, scope, part, parts, dispose };
}

function type(input: HTMLElement, text: string, key = 'Enter'): void {
  (input as HTMLTextAreaElement).value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
}

describe('<ChatWidget>', () => {
  it('opens from the bubble, focuses the input, and Escape closes back to the bubble', async () => {
    const w = mount({ shadow: true });
    const bubble = w.part('bubble');
    expect(w.part('window').hidden).toBe(true);
    bubble.focus();
    bubble.click();
    expect(w.part('window').hidden).toBe(false);
    expect(bubble.getAttribute('aria-expanded')).toBe('true');
    await until(() => (w.scope() as ShadowRoot).activeElement === w.part('input'));
    w.part('input').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    expect(w.part('window').hidden).toBe(true);
    await until(() => (w.scope() as ShadowRoot).activeElement === bubble);
  });

  it('sends what the visitor typed and shows the bot reply', async () => {
    const w = mount({}, { type: 'inline' });
    type(w.part('input'), 'hello');
    await until(() => w.part('messages').textContent?.includes('You said: hello') ?? false);
    expect(w.parts('message').map((m) => m.getAttribute('data-role'))).toEqual(['user', 'bot']);
    expect((w.part('input') as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps every message element while a reply streams into the last one', async () => {
    const w = mount(
      {},
      { type: 'inline', webhookUrl: `${bot.url}/webhook?stream=1&chunk=3&delay=5` },
    );
    w.widget.send('first');
    await until(() => w.widget.getSnapshot().messages.at(-1)?.status === 'done');
    const first = w.parts('message');
    w.widget.send('second message, longer');
    await until(() => w.parts('message').at(-1)?.getAttribute('data-status') === 'streaming');
    const streaming = w.parts('message').at(-1);
    await until(() => w.part('messages').textContent?.includes('second message, longer') ?? false);
    await until(() => w.parts('message').at(-1)?.getAttribute('data-status') === 'done');
    expect(w.parts('message').slice(0, 2)).toEqual(first);
    expect(w.parts('message').at(-1)).toBe(streaming);
  });

  it('draws the same elements, attributes and text as @cwp/dom', async () => {
    const links = [{ label: 'Privacy', href: 'https://example.com/privacy' }];
    for (const type of ['floating', 'inline', 'fullscreen'] as const) {
      const extra = { type, id: `same-${type}`, footer: { text: 'Powered by us', links } };
      const w = mount({}, extra);
      const target = document.createElement('div');
      document.body.append(target);
      const reference = mountWidget(createChatWidget(config(extra)), { target, shadow: false });
      disposers.push(() => reference.unmount());
      // Message ids are random: number them in order.
      const tree = (root: Element) => {
        const ids = [...new Set(outline(root).match(/msg-[\w-]{36}/g))];
        return ids.reduce((text, id, i) => text.replaceAll(id, `msg-${i}`), outline(root));
      };
      const ours = () => tree(w.part('root'));
      expect(ours()).toBe(tree(reference.root));
      for (const widget of [w.widget, reference.widget]) {
        widget.open();
        widget.send('/markdown');
      }
      const done = (root: ParentNode) =>
        root.querySelector('[data-role="bot"]')?.getAttribute('data-status') === 'done';
      await until(() => done(w.scope()) && done(reference.root));
      for (const widget of [w.widget, reference.widget]) widget.setDraft('draft text');
      expect(ours()).toBe(tree(reference.root));
      expect(ours()).toContain('<strong');
    }
  });

  it('follows a controlled open prop and reports changes through onOpenChange', () => {
    const [open, setOpen] = createSignal(true);
    const changes: boolean[] = [];
    const w = mount({
      get open() {
        return open();
      },
      onOpenChange: (value) => {
        changes.push(value);
        setOpen(value);
      },
    });
    expect(w.part('window').hidden).toBe(false);
    setOpen(false);
    expect(w.part('window').hidden).toBe(true);
    w.part('bubble').click();
    expect(open()).toBe(true);
    expect(changes).toEqual([false, true]);
  });

  it('replaces parts with render functions that keep the part props', async () => {
    const w = mount(
      {
        header: (a) => <header {...a.props}>Custom: {a.view.title}</header>,
        message: (a) => (
          <p {...a.props} class="mine">
            {a.message.role}: {a.message.status}
          </p>
        ),
        composer: (a) => (
          <form {...a.props}>
            <textarea {...a.view.getInputProps()} />
          </form>
        ),
        footer: (a) => <footer {...a.props}>{a.view.footerText}</footer>,
      },
      { type: 'inline', header: { title: 'Help desk' } },
    );
    expect(w.part('header').localName).toBe('header');
    expect(w.part('header').textContent).toBe('Custom: Help desk');
    expect(w.part('footer').localName).toBe('footer');
    type(w.part('input'), 'hi');
    await until(() => w.parts('message').at(-1)?.textContent === 'bot: done');
    expect(w.parts('message').map((m) => m.className)).toEqual(['mine', 'mine']);
    expect(w.parts('message')[0]!.id).toMatch(/^cwp-/);
  });

  it('renders into an open shadow root with the stylesheet, or into the page', () => {
    const shadowed = mount({ shadow: true });
    const host = shadowed.container.firstElementChild as HTMLElement;
    expect(host.hasAttribute('data-cwp-host')).toBe(true);
    expect(host.shadowRoot?.adoptedStyleSheets.length).toBe(1);
    expect(host.shadowRoot?.firstElementChild?.getAttribute('data-part')).toBe('root');
    const light = mount({ shadow: false }, { type: 'inline' });
    expect(light.container.firstElementChild?.getAttribute('data-part')).toBe('root');
    expect(document.querySelector('[data-cwp-host] [data-part="root"]')).toBeNull();
    light.dispose();
    shadowed.dispose();
    expect(light.container.childElementCount + shadowed.container.childElementCount).toBe(0);
  });
});

describe('useChatWidget', () => {
  it('owns a widget made from a config, and leaves a given widget alive', () => {
    let owned!: ReturnType<typeof useChatWidget>;
    const given = createChatWidget(config());
    const keep = vi.spyOn(given, 'destroy');
    const dispose = createRoot((dispose) => {
      owned = useChatWidget(config());
      expect(useChatWidget(given).widget).toBe(given);
      return dispose;
    });
    const destroy = vi.spyOn(owned.widget, 'destroy');
    expect(owned.view().title).toBe('Chat');
    owned.widget.open();
    expect(owned.state().isOpen).toBe(true);
    dispose();
    expect(destroy).toHaveBeenCalledOnce();
    expect(keep).not.toHaveBeenCalled();
    given.destroy();
  });
});
