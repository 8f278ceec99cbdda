// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configOf, fakeWidget, message, nextFrame, stateOf } from '../../__tests__/fake-widget.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { ChatWidgetApi, WidgetState } from '../../types.js';
import { connect } from '../../view/connect.js';
import type { PartProps } from '../../view/types.js';
import { subscribeForDrawing } from '../subscribe-for-drawing.js';
import { createWidgetDom } from '../widget-dom.js';

/** Attributes only, as a renderer puts them (handlers are not needed here). */
function apply(el: HTMLElement, props: PartProps): void {
  for (const [name, value] of Object.entries(props)) {
    if (name.startsWith('on') || name === 'value') continue;
    if (value === undefined || value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

/** A tiny renderer: root, bubble, window with the log and the input; messages as divs. */
function drawWidget(widget: ChatWidgetApi) {
  const root = document.createElement('div');
  const bubble = document.createElement('button');
  const win = document.createElement('div');
  const log = document.createElement('div');
  const input = document.createElement('textarea');
  win.append(log, input);
  root.append(bubble, win);
  const draw = (state: WidgetState) => {
    const view = connect(state, widget);
    apply(root, view.getRootProps());
    apply(bubble, view.getBubbleProps());
    apply(win, view.getWindowProps());
    apply(log, view.getMessagesProps());
    apply(input, view.getInputProps());
    log.replaceChildren(
      ...view.messages.map((m) => {
        const el = document.createElement('div');
        el.textContent = m.content.join('');
        return el;
      }),
    );
  };
  return { root, bubble, win, log, input, draw };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** createWidgetDom first, then the renderer's subscription, as the docs ask; root in the page. */
function setup(initial: WidgetState, { into }: { into?: ShadowRoot } = {}) {
  const fake = fakeWidget(initial);
  const dom = createWidgetDom(fake.widget);
  const ui = drawWidget(fake.widget);
  const off = fake.widget.subscribe(ui.draw);
  const outside = document.createElement('button');
  document.body.append(outside);
  (into ?? document.body).append(ui.root);
  dom.attach(ui.root);
  cleanups.push(() => {
    off();
    dom.destroy();
  });
  return { ...fake, ...ui, dom, outside };
}

function customProperties(el: HTMLElement): Record<string, string> {
  const found: Record<string, string> = {};
  for (let i = 0; i < el.style.length; i++) {
    const name = el.style.item(i);
    if (name.startsWith('--cwp-')) found[name] = el.style.getPropertyValue(name);
  }
  return found;
}

describe('createWidgetDom: theme', () => {
  it('sets the theme tokens as --cwp-* properties on the root when attached', () => {
    const config = configOf({ theme: { tokens: { primary: '#0a84ff', radius: '12px' } } });
    const w = setup(stateOf({}, config));
    expect(customProperties(w.root)).toEqual({
      '--cwp-primary': '#0a84ff',
      '--cwp-radius': '12px',
    });
  });

  it('follows a config change: updates, adds and removes properties', () => {
    const first = configOf({ theme: { tokens: { primary: '#0a84ff', radius: '12px' } } });
    const w = setup(stateOf({}, first));
    const second = configOf({ theme: { tokens: { primary: '#ff0000', font: 'serif' } } });
    w.emit({ config: second });
    expect(customProperties(w.root)).toEqual({ '--cwp-primary': '#ff0000', '--cwp-font': 'serif' });
    w.emit({ config: configOf() });
    expect(customProperties(w.root)).toEqual({});
  });

  it('sets them through CSSOM, never as a style attribute string', () => {
    const config = configOf({ theme: { tokens: { primary: '#0a84ff' } } });
    const fake = fakeWidget(stateOf({}, config));
    const dom = createWidgetDom(fake.widget);
    cleanups.push(() => dom.destroy());
    const root = document.createElement('div');
    // happy-dom's CSSOM reflects into the attribute through setAttribute: only that is allowed.
    let inCssom = false;
    const setProperty = root.style.setProperty.bind(root.style);
    const cssom = vi.spyOn(root.style, 'setProperty').mockImplementation((...args) => {
      inCssom = true;
      try {
        setProperty(...args);
      } finally {
        inCssom = false;
      }
    });
    const styleWrites: string[] = [];
    const setAttribute = root.setAttribute.bind(root);
    vi.spyOn(root, 'setAttribute').mockImplementation((name, value) => {
      if (name.toLowerCase() === 'style' && !inCssom) styleWrites.push(value);
      setAttribute(name, value);
    });
    dom.attach(root);
    expect(cssom).toHaveBeenCalledWith('--cwp-primary', '#0a84ff');
    expect(root.style.getPropertyValue('--cwp-primary')).toBe('#0a84ff');
    expect(styleWrites).toEqual([]);
  });

  it('drops a token whose name or value could break out of its declaration', () => {
    const base = configOf();
    const config: ResolvedConfig = {
      ...base,
      theme: {
        ...base.theme,
        tokens: { primary: 'red; background: url(//evil.test)', 'Bad Name': 'x', radius: '4px' },
      },
    };
    const w = setup(stateOf({}, config));
    expect(customProperties(w.root)).toEqual({ '--cwp-radius': '4px' });
  });

  it('leaves the root alone once destroyed', () => {
    const w = setup(stateOf({}, configOf({ theme: { tokens: { primary: '#0a84ff' } } })));
    w.dom.destroy();
    expect(w.listenerCount()).toBe(1); // only the renderer's subscription is left
    w.emit({ config: configOf({ theme: { tokens: { primary: '#000000' } } }) });
    expect(customProperties(w.root)).toEqual({ '--cwp-primary': '#0a84ff' });
  });
});

describe('createWidgetDom: focus', () => {
  it('focuses the input one frame after a floating widget opens', async () => {
    const w = setup(stateOf());
    w.outside.focus();
    w.emit({ isOpen: true });
    // Not yet: a framework may not have drawn the open window in this task.
    expect(document.activeElement).toBe(w.outside);
    await nextFrame();
    expect(document.activeElement).toBe(w.input);
  });

  it('returns focus to the bubble one frame after closing while focus was inside', async () => {
    const w = setup(stateOf({ isOpen: true }));
    w.input.focus();
    w.emit({ isOpen: false });
    await nextFrame();
    expect(document.activeElement).toBe(w.bubble);
  });

  it('leaves focus where it is when the widget closes while focus was elsewhere', async () => {
    const w = setup(stateOf({ isOpen: true }));
    w.outside.focus();
    w.emit({ isOpen: false });
    await nextFrame();
    expect(document.activeElement).toBe(w.outside);
  });

  it('moves focus for the last change when the window opens and closes within one frame', async () => {
    const w = setup(stateOf());
    w.outside.focus();
    w.emit({ isOpen: true });
    w.emit({ isOpen: false });
    await nextFrame();
    expect(document.activeElement).toBe(w.outside);
  });

  it('focuses the input only once the open window is drawn, even while a reply streams', async () => {
    const streaming = [message({ id: 'b', role: 'bot', text: 'Hel', status: 'streaming' })];
    const fake = fakeWidget(stateOf({ messages: streaming, isResponding: true }));
    const dom = createWidgetDom(fake.widget);
    const ui = drawWidget(fake.widget);
    const off = subscribeForDrawing(fake.widget, ui.draw);
    document.body.append(ui.root);
    dom.attach(ui.root);
    cleanups.push(() => {
      off();
      dom.destroy();
    });
    await nextFrame();
    let hiddenWhenFocused: HTMLElement['hidden'] | null = null;
    ui.input.focus = () => {
      hiddenWhenFocused = ui.win.hidden;
    };
    fake.emit({ isOpen: true });
    await nextFrame();
    await nextFrame();
    expect(hiddenWhenFocused).toBe(false);
  });

  it('does not move focus on the first draw, or for other changes', async () => {
    const w = setup(stateOf({ isOpen: true }));
    w.outside.focus();
    await nextFrame();
    w.emit({ draft: 'typing', unread: 2 });
    await nextFrame();
    expect(document.activeElement).toBe(w.outside);
  });

  it.each(['inline', 'fullscreen'] as const)('never moves focus for an %s widget', async (type) => {
    const config = configOf({ type });
    const w = setup(stateOf({}, config));
    w.outside.focus();
    w.emit({ isOpen: true });
    await nextFrame();
    w.emit({ isOpen: false });
    await nextFrame();
    expect(document.activeElement).toBe(w.outside);
  });

  it('finds the input inside a shadow root', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const w = setup(stateOf(), { into: shadow });
    w.emit({ isOpen: true });
    await nextFrame();
    expect(shadow.activeElement).toBe(w.input);
    w.emit({ isOpen: false });
    await nextFrame();
    expect(shadow.activeElement).toBe(w.bubble);
  });

  it('drops a pending focus move when detached', async () => {
    const w = setup(stateOf());
    w.outside.focus();
    w.emit({ isOpen: true });
    w.dom.detach();
    await nextFrame();
    expect(document.activeElement).toBe(w.outside);
  });
});

describe('createWidgetDom: the message log stays at its end', () => {
  /** happy-dom does not lay out: give the log a content height the test controls. */
  function sized(log: HTMLElement, initial: number) {
    let height = initial;
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => height });
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 300 });
    return (next: number) => {
      height = next;
    };
  }
  const mutations = () => new Promise((resolve) => setTimeout(resolve, 0));
  const bot = (id: string, text: string) => message({ id, role: 'bot', text });
  const user = (id: string, text: string) => message({ id, role: 'user', text });

  /** Sizes the log before attach, so attach's forced update sees the height. */
  function setupSized(initial: WidgetState, height: number) {
    const fake = fakeWidget(initial);
    const dom = createWidgetDom(fake.widget);
    const ui = drawWidget(fake.widget);
    const grow = sized(ui.log, height);
    const off = fake.widget.subscribe(ui.draw);
    document.body.append(ui.root);
    dom.attach(ui.root);
    cleanups.push(() => {
      off();
      dom.destroy();
    });
    return { ...fake, ...ui, dom, grow };
  }

  it('scrolls to the end on attach and follows new content while at the end', async () => {
    const w = setupSized(stateOf({ isOpen: true, messages: [bot('a', 'Hi')] }), 1000);
    expect(w.log.scrollTop).toBe(1000);
    w.grow(1400);
    w.emit({ messages: [bot('a', 'Hi'), bot('b', 'More')] });
    await mutations();
    expect(w.log.scrollTop).toBe(1400);
  });

  it('follows a part in the log that appears by losing `hidden` (a finished reply’s actions)', async () => {
    const w = setupSized(stateOf({ isOpen: true, messages: [bot('a', 'Hi')] }), 1000);
    const actions = document.createElement('div');
    actions.hidden = true;
    w.log.append(actions);
    await mutations();
    w.grow(1040);
    actions.hidden = false;
    await mutations();
    expect(w.log.scrollTop).toBe(1040);
  });

  it('stays where the visitor scrolled up to, and comes back when they send', async () => {
    const w = setupSized(stateOf({ isOpen: true, messages: [bot('a', 'Hi')] }), 1000);
    w.log.scrollTop = 200;
    w.log.dispatchEvent(new Event('scroll'));
    w.grow(1400);
    w.emit({ messages: [bot('a', 'Hi'), bot('b', 'More')] });
    await mutations();
    await nextFrame();
    expect(w.log.scrollTop).toBe(200);
    // The visitor's own message brings the log back to its end, one frame after the change.
    w.grow(1600);
    w.emit({ messages: [bot('a', 'Hi'), bot('b', 'More'), user('c', 'Thanks')] });
    await nextFrame();
    expect(w.log.scrollTop).toBe(1600);
  });

  it('treats a move up before its scroll event arrives as the visitor’s', async () => {
    const w = setupSized(stateOf({ isOpen: true, messages: [bot('a', 'Hi')] }), 1000);
    w.log.scrollTop = 100; // no scroll event yet: they arrive a frame late
    w.grow(1400);
    w.emit({ messages: [bot('a', 'Hi'), bot('b', 'More')] });
    await mutations();
    expect(w.log.scrollTop).toBe(100);
  });

  it('scrolls to the end when the floating window opens, even after the visitor scrolled up', async () => {
    const w = setupSized(stateOf({ isOpen: true, messages: [bot('a', 'Hi')] }), 1000);
    w.log.scrollTop = 100;
    w.log.dispatchEvent(new Event('scroll'));
    w.emit({ isOpen: false });
    w.grow(1200);
    w.emit({ isOpen: true });
    await nextFrame();
    expect(w.log.scrollTop).toBe(1200);
  });
});
