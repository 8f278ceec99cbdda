// @vitest-environment happy-dom
import { type Bot, startBot } from '@cwp/bot';
import {
  type ChatWidgetApi,
  type ChatWidgetConfig,
  createChatWidget,
  type PartName,
  partSelector,
} from '@cwp/core';
import { mountWidget } from '@cwp/dom';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, h, nextTick, ref } from 'vue';
import { ChatWidget, type MessageSlotProps, type PartSlotProps } from '../chat-widget.js';
import { drawTree, vueProps } from '../render-tree.js';

let bot: Bot;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  bot = await startBot();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
  bot.reset();
});
afterAll(() => bot.close());

function config(extra: Partial<ChatWidgetConfig> = {}): ChatWidgetConfig {
  return { webhookUrl: bot.webhookUrl, storage: 'memory', tooltip: false, ...extra };
}

function widget(extra: Partial<ChatWidgetConfig> = {}): ChatWidgetApi {
  const w = createChatWidget(config(extra));
  cleanups.push(() => w.destroy());
  return w;
}

/** Mounts a Vue app rendering `render()` into a fresh container; parts are found in `scope()`. */
function mount(render: () => ReturnType<typeof h>) {
  const container = document.createElement('div');
  document.body.append(container);
  const app: App = createApp({ render });
  app.mount(container);
  cleanups.push(() => app.unmount());
  const scope = () => container.querySelector('[data-cwp-host]')?.shadowRoot ?? container;
  const part = (name: PartName) => scope().querySelector<HTMLElement>(partSelector(name));
  return { app, container, scope, part };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function type(input: HTMLTextAreaElement, text: string, key = 'Enter'): Promise<void> {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await nextTick();
  input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
}

const markup = (element: Element) => element.outerHTML;

describe('<ChatWidget>', () => {
  it('shows a bubble that opens the window, focuses the input, and Escape closes back to the bubble', async () => {
    const w = mount(() => h(ChatWidget, { config: config() }));
    const bubble = w.part('bubble')!;
    expect(bubble.hidden).toBe(false);
    expect(w.part('window')!.hidden).toBe(true);
    bubble.focus();
    bubble.click();
    await nextTick();
    expect(w.part('window')!.hidden).toBe(false);
    expect(bubble.getAttribute('aria-expanded')).toBe('true');
    await until(() => document.activeElement === w.part('input'));
    w.part('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await nextTick();
    expect(w.part('window')!.hidden).toBe(true);
    await until(() => document.activeElement === bubble);
  });

  it('sends what the visitor typed with Enter and shows the bot reply', async () => {
    const w = mount(() => h(ChatWidget, { config: config({ type: 'inline' }) }));
    const input = w.part('input') as HTMLTextAreaElement;
    await type(input, 'hello');
    await until(() => w.container.textContent?.includes('You said: hello') ?? false);
    const messages = w.scope().querySelectorAll(partSelector('message'));
    expect([...messages].map((m) => m.getAttribute('data-role'))).toEqual(['user', 'bot']);
    expect(input.value).toBe('');
  });

  it('keeps earlier message elements while a reply streams', async () => {
    const shared = widget({ type: 'inline', webhookUrl: `${bot.url}/webhook?stream=1&chunk=3` });
    const w = mount(() => h(ChatWidget, { widget: shared }));
    shared.send('first');
    await until(() => shared.getSnapshot().messages.at(-1)?.status === 'done');
    await nextTick();
    const first = [...w.scope().querySelectorAll(partSelector('message'))];
    shared.send('second message, longer');
    await until(
      () => w.container.textContent?.includes('You said: second message, longer') ?? false,
    );
    const after = [...w.scope().querySelectorAll(partSelector('message'))];
    expect(after).toHaveLength(4);
    expect(after.slice(0, 2)).toEqual(first);
  });

  it('draws the same DOM as @cwp/dom: closed, open, a markdown reply, a failed message', async () => {
    const links = [{ label: 'Privacy', href: 'https://example.com/p' }];
    const shared = widget({ footer: { text: 'Powered by us', links } });
    const failing = widget({
      type: 'inline',
      webhookUrl: `${bot.url}/webhook/fault/status-500-json`,
    });
    const pairs = [shared, failing].map((w) => {
      const vue = mount(() => h(ChatWidget, { widget: w }));
      const target = document.createElement('div');
      document.body.append(target);
      const dom = mountWidget(w, { target, shadow: false });
      cleanups.push(() => dom.unmount());
      return { vue: vue.part('root')!, dom: dom.root };
    });
    const same = async () => {
      await nextTick(); // @cwp/dom draws at once, Vue in a microtask
      for (const { vue, dom } of pairs) expect(markup(vue)).toBe(markup(dom));
    };
    await same();
    shared.open();
    await same();
    shared.send('/markdown');
    failing.send('will fail');
    const settled = (w: ChatWidgetApi) => !w.getSnapshot().isResponding;
    await until(() => settled(shared) && shared.getSnapshot().messages.length === 2);
    await until(() => settled(failing) && failing.getSnapshot().messages[0]?.status === 'failed');
    // The reply types itself out (the typewriter): compare once both logs say it is whole.
    const revealing = (root: Element) => root.querySelector('[aria-busy="true"]') !== null;
    await until(() => pairs.every(({ vue, dom }) => !revealing(vue) && !revealing(dom)));
    await same();
    expect(pairs[0]!.vue.querySelector('li')).not.toBeNull();
    expect(pairs[1]!.vue.querySelector<HTMLElement>(partSelector('retry-button'))!.hidden).toBe(
      false,
    );
  });

  it('follows v-model:open both ways', async () => {
    const open = ref(false);
    const w = mount(() =>
      h(ChatWidget, {
        config: config(),
        open: open.value,
        'onUpdate:open': (value: boolean) => {
          open.value = value;
        },
      }),
    );
    w.part('bubble')!.click();
    await nextTick();
    expect(open.value).toBe(true);
    open.value = false;
    await nextTick();
    await nextTick();
    expect(w.part('window')!.hidden).toBe(true);
    open.value = true;
    await nextTick();
    await nextTick();
    expect(w.part('window')!.hidden).toBe(false);
  });

  it('lets a slot replace a part, which keeps the part props', async () => {
    const w = mount(() =>
      h(
        ChatWidget,
        { config: config({ type: 'inline', header: { title: 'Support' } }) },
        {
          header: ({ view, props }: { view: { title: string }; props: Record<string, unknown> }) =>
            h('header', props, `Custom: ${view.title}`),
        },
      ),
    );
    const header = w.part('header')!;
    expect(header.tagName).toBe('HEADER');
    expect(header.textContent).toBe('Custom: Support');
    expect(w.part('messages')).not.toBeNull();
  });

  it('draws custom message and composer slots that keep working through vueProps and drawTree', async () => {
    const w = mount(() =>
      h(
        ChatWidget,
        { config: config({ type: 'inline' }) },
        {
          message: ({ props, message }: MessageSlotProps) =>
            h('article', props, message.content.map(drawTree)),
          composer: ({ view, props }: PartSlotProps) =>
            h('form', props, [h('textarea', vueProps(view.getInputProps()))]),
        },
      ),
    );
    await type(w.part('input') as HTMLTextAreaElement, '/markdown');
    await until(() => w.scope().querySelector('article[data-role="bot"] li') !== null);
    expect(w.part('message')!.tagName).toBe('ARTICLE');
  });

  it('renders into an open shadow root with its own stylesheet when asked', async () => {
    const w = mount(() => h(ChatWidget, { config: config({ type: 'inline' }), shadow: true }));
    await nextTick();
    const host = w.container.querySelector<HTMLElement>('[data-cwp-host]')!;
    expect(host.shadowRoot).not.toBeNull();
    expect(host.shadowRoot!.querySelector(partSelector('window'))).not.toBeNull();
    expect(w.container.querySelector(partSelector('window'))).toBeNull();
    await type(w.part('input') as HTMLTextAreaElement, 'in the shadow');
    await until(() => host.shadowRoot!.textContent?.includes('You said: in the shadow') ?? false);
  });

  it('destroys a widget it created on unmount, and leaves a given widget running', async () => {
    const given = widget();
    const a = mount(() => h(ChatWidget, { widget: given }));
    a.app.unmount();
    expect(a.container.childElementCount).toBe(0);
    given.open();
    expect(given.getSnapshot().isOpen).toBe(true);
  });
});
