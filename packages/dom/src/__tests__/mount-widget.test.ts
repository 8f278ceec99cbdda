// @vitest-environment happy-dom
import { type Bot, startBot } from '@cwp/bot';
import { type ChatWidgetConfig, createChatWidget, type PartName, partSelector } from '@cwp/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MountedWidget, mountWidget } from '../mount-widget.js';

let bot: Bot;
const mounted: MountedWidget[] = [];
beforeAll(async () => {
  bot = await startBot();
});
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
  bot.reset();
});
afterAll(() => bot.close());

function mount(config: Partial<ChatWidgetConfig> = {}, options = {}) {
  const m = mountWidget(
    createChatWidget({ webhookUrl: bot.webhookUrl, storage: 'memory', tooltip: false, ...config }),
    options,
  );
  mounted.push(m);
  const part = (name: PartName) =>
    (m.shadowRoot ?? document).querySelector<HTMLElement>(partSelector(name));
  return { ...m, part };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('mountWidget', () => {
  it('shows a bubble that opens the window, focuses the input, and Escape closes back to the bubble', async () => {
    const w = mount();
    const bubble = w.part('bubble')!;
    expect(bubble.hidden).toBe(false);
    expect(w.part('window')!.hidden).toBe(true);
    bubble.focus();
    bubble.click();
    expect(w.part('window')!.hidden).toBe(false);
    expect(bubble.getAttribute('aria-expanded')).toBe('true');
    // Focus moves one frame after the change, once the window is drawn.
    await frame();
    expect(w.shadowRoot!.activeElement).toBe(w.part('input'));
    w.part('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(w.part('window')!.hidden).toBe(true);
    await frame();
    expect(w.shadowRoot!.activeElement).toBe(bubble);
  });

  it('sends what the visitor typed and shows the bot reply', async () => {
    const w = mount({ type: 'inline' }, { target: document.body });
    const input = w.part('input') as HTMLTextAreaElement;
    input.value = 'hello';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await until(() => w.root.textContent?.includes('You said: hello') ?? false);
    const messages = w.shadowRoot!.querySelectorAll(partSelector('message'));
    expect([...messages].map((m) => m.getAttribute('data-role'))).toEqual(['user', 'bot']);
    expect(input.value).toBe('');
  });

  it('updates only the streaming message, keeping earlier message elements', async () => {
    const w = mount({ type: 'inline', webhookUrl: `${bot.url}/webhook?stream=1&chunk=3&delay=5` });
    w.widget.send('first');
    await until(() => w.widget.getSnapshot().messages.at(-1)?.status === 'done');
    const firstElements = [...w.shadowRoot!.querySelectorAll(partSelector('message'))];
    w.widget.send('second message, longer');
    await until(
      () => w.widget.getSnapshot().messages.length === 4 && !w.widget.getSnapshot().isResponding,
    );
    await until(() => w.root.textContent?.includes('You said: second message, longer') ?? false);
    const after = [...w.shadowRoot!.querySelectorAll(partSelector('message'))];
    expect(after.slice(0, 2)).toEqual(firstElements);
  });

  it('draws inline into its target without a bubble, and unmounts cleanly', () => {
    const target = document.createElement('section');
    document.body.append(target);
    const w = mount({ type: 'inline' }, { target });
    expect(w.part('bubble')!.hidden).toBe(true);
    expect(w.part('window')!.hidden).toBe(false);
    expect(target.querySelector('[data-cwp-host]')).not.toBeNull();
    w.unmount();
    expect(target.childElementCount).toBe(0);
  });

  it('puts theme tokens on the root and draws icons as SVG', () => {
    const w = mount({ type: 'inline', theme: { tokens: { primary: '#0a84ff' } } });
    expect(w.root.style.getPropertyValue('--cwp-primary')).toBe('#0a84ff');
    const icon = w.part('new-session-button')!.querySelector(partSelector('icon'));
    expect(icon?.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(icon?.getAttribute('data-icon')).toBe('refresh');
    expect(icon?.getAttribute('aria-hidden')).toBe('true');
  });

  it('can render into the light DOM with the stylesheet in the document', () => {
    const w = mount({ type: 'fullscreen' }, { shadow: false });
    expect(w.shadowRoot).toBeNull();
    expect(document.querySelector(partSelector('window'))).not.toBeNull();
  });
});
