// @vitest-environment happy-dom
import { type Bot, startBot } from '@cwp/bot';
import {
  type ChatWidgetApi,
  type ChatWidgetConfig,
  createChatWidget,
  type PartName,
  partAttributes,
  partSelector,
} from '@cwp/core';
import { type MountedWidget, mountWidget } from '@cwp/dom';
import { flushSync, mount, unmount } from 'svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ChatWidget from '../ChatWidget.svelte';
import { createChatWidgetState } from '../chat-widget-state.svelte.js';
import { svelteProps } from '../svelte-props.js';
import type { ChatWidgetProps } from '../types.js';
import Fixture from './Fixture.svelte';

let bot: Bot;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  bot = await startBot();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  document.body.replaceChildren();
  bot.reset();
});
afterAll(() => bot.close());

function widgetFor(config: Partial<ChatWidgetConfig> = {}): ChatWidgetApi {
  const widget = createChatWidget({
    webhookUrl: bot.webhookUrl,
    storage: 'memory',
    tooltip: false,
    ...config,
  });
  cleanups.push(() => widget.destroy());
  return widget;
}

function render(props: ChatWidgetProps) {
  const target = document.body.appendChild(document.createElement('div'));
  const app = mount(ChatWidget, { target, props });
  cleanups.push(() => unmount(app));
  flushSync();
  const scope = () => target.querySelector('[data-cwp-host]')?.shadowRoot ?? target;
  const part = (name: PartName) => scope().querySelector<HTMLElement>(partSelector(name))!;
  return { target, part, scope };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The markup without Svelte's anchors (comments and empty text nodes). */
function markup(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  const walker = document.createTreeWalker(clone, 128 | 4);
  const strays: Node[] = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === 8 || node.textContent === '') strays.push(node);
  }
  for (const node of strays) node.parentNode?.removeChild(node);
  return clone.outerHTML;
}

describe('<ChatWidget>', () => {
  it.each(['floating', 'inline', 'fullscreen'] as const)(
    'draws the same DOM as @cwp/dom (%s, with messages, markdown and a footer link)',
    async (type) => {
      const widget = widgetFor({
        type,
        footer: { links: [{ label: 'Privacy', href: 'https://example.com/privacy' }] },
      });
      const dom: MountedWidget = mountWidget(widget, { shadow: false });
      cleanups.push(() => dom.unmount());
      const svelte = render({ widget });
      const same = () => expect(markup(svelte.part('root'))).toBe(markup(dom.root));
      same();
      widget.open();
      widget.send('/markdown');
      await until(() => widget.getSnapshot().messages.at(-1)?.status === 'done');
      flushSync();
      same();
      expect(svelte.part('message-content').textContent).not.toBe('');
      widget.newSession();
      flushSync();
      same();
    },
  );

  it('draws the same DOM as @cwp/dom for a failed message and its error', async () => {
    const widget = widgetFor({ type: 'inline', webhookUrl: bot.faultUrl('status-500-html') });
    const dom = mountWidget(widget, { shadow: false });
    cleanups.push(() => dom.unmount());
    const svelte = render({ widget });
    widget.send('will fail');
    await until(() => widget.getSnapshot().error !== null);
    flushSync();
    expect(svelte.part('retry-button').hidden).toBe(false);
    expect(svelte.part('error').textContent).not.toBe('');
    expect(markup(svelte.part('root'))).toBe(markup(dom.root));
  });

  it('opens on a bubble click, focuses the input, and Escape closes back to the bubble', async () => {
    const w = render({ widget: widgetFor(), shadow: true });
    const host = w.target.querySelector<HTMLElement>('[data-cwp-host]')!;
    expect(host.style.getPropertyValue('display')).toBe('contents');
    const bubble = w.part('bubble');
    expect(w.part('window').hidden).toBe(true);
    bubble.focus();
    bubble.click();
    flushSync();
    expect(w.part('window').hidden).toBe(false);
    expect(bubble.getAttribute('aria-expanded')).toBe('true');
    await until(() => host.shadowRoot!.activeElement === w.part('input'));
    // Composed, as a key press is: Svelte listens for delegated events outside the shadow root.
    const escapeKey = { key: 'Escape', bubbles: true, composed: true };
    w.part('input').dispatchEvent(new KeyboardEvent('keydown', escapeKey));
    flushSync();
    expect(w.part('window').hidden).toBe(true);
    await until(() => host.shadowRoot!.activeElement === bubble);
  });

  it('sends what the visitor typed and shows the bot reply', async () => {
    const w = render({ config: { webhookUrl: bot.webhookUrl, storage: 'memory', type: 'inline' } });
    const input = w.part('input') as HTMLTextAreaElement;
    input.value = 'hello';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync(); // a separate event in a browser: Svelte draws in between
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await until(() => w.part('messages').textContent?.includes('You said: hello') ?? false);
    const messages = w.scope().querySelectorAll(partSelector('message'));
    expect([...messages].map((m) => m.getAttribute('data-role'))).toEqual(['user', 'bot']);
    expect(input.value).toBe('');
  });

  it('adopts the stylesheet into the document in light-DOM mode and removes its elements on unmount', () => {
    const w = render({ widget: widgetFor({ type: 'fullscreen' }) });
    expect(w.target.querySelector('[data-cwp-host]')).toBeNull();
    expect(w.target.firstElementChild?.getAttribute('data-part')).toBe('root');
    expect(document.adoptedStyleSheets.length).toBeGreaterThan(0);
    cleanups.pop()?.();
    expect(w.target.querySelector(partSelector('root'))).toBeNull();
  });

  it('bind:open follows the widget and opens it from the page; snippets keep their part props', async () => {
    const widget = widgetFor();
    const target = document.body.appendChild(document.createElement('div'));
    const app = mount(Fixture, { target, props: { widget } });
    cleanups.push(() => unmount(app));
    flushSync();
    const shadow = target.querySelector('[data-cwp-host]')!.shadowRoot!;
    const output = target.querySelector('output')!;
    target.querySelector<HTMLButtonElement>('#outside')!.click();
    flushSync();
    expect(widget.getSnapshot().isOpen).toBe(true);
    expect(output.textContent).toBe('open');
    shadow.querySelector<HTMLElement>(partSelector('bubble'))!.click();
    flushSync();
    expect(widget.getSnapshot().isOpen).toBe(false);
    expect(output.textContent).toBe('closed');

    const header = shadow.querySelector(partSelector('header'))!;
    expect(header.tagName).toBe('HEADER');
    expect(header.querySelector('h2')?.id).toBe(
      shadow.querySelector(partSelector('window'))!.getAttribute('aria-labelledby'),
    );
    widget.send('custom');
    await until(() => widget.getSnapshot().messages.at(-1)?.status === 'done');
    flushSync();
    const articles = shadow.querySelectorAll(`article${partSelector('message')}`);
    expect([...articles].map((a) => a.getAttribute('data-role'))).toEqual(['user', 'bot']);
    expect(articles[1]?.textContent).toContain('You said: custom');
  });
});

describe('svelteProps', () => {
  it('lower-cases handler names and keeps the handler itself', () => {
    const onInput = () => {};
    const props = svelteProps({ ...partAttributes('input'), onInput });
    expect(props.oninput).toBe(onInput);
    expect(props['data-part']).toBe('input');
  });
});

describe('createChatWidgetState', () => {
  it('destroys the widget only when it created it', () => {
    const given = widgetFor();
    createChatWidgetState(given).destroy();
    given.open();
    expect(given.getSnapshot().isOpen).toBe(true);

    const owned = createChatWidgetState({ webhookUrl: bot.webhookUrl, storage: 'memory' });
    expect(owned.view.title).toBe('Chat');
    owned.destroy();
    expect(owned.widget.send('gone')).toBe(false);
  });

  it('keeps state and view current', () => {
    const chat = createChatWidgetState(widgetFor());
    cleanups.push(() => chat.destroy());
    expect(chat.state.isOpen).toBe(false);
    chat.widget.open();
    expect(chat.state.isOpen).toBe(true);
    expect(chat.view.getWindowProps().hidden).toBe(false);
  });
});
