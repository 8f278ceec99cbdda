// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idle, useBot, useWidgets } from '../../__tests__/helpers.js';
import { createWidgetDom } from '../../dom/widget-dom.js';
import type { WidgetState } from '../../types.js';
import { createChatWidget } from '../../widget.js';
import { connect } from '../connect.js';
import type { RenderNode } from '../render-tree.js';

const ctx = useBot();
const track = useWidgets();

// The local bot echoes it as "You said: …": a reply with two code blocks.
const question = 'Install it:\n\n```sh\nnpm install @cwp/dom\n```\n\nthen:\n\n```\nnpm test\n```';

function drawTree(node: RenderNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  for (const child of node.children) element.appendChild(drawTree(child));
  return element;
}

/**
 * A renderer as plain as it gets: the content's attributes and click handler as given, its nodes
 * drawn anew whenever they change (as the DOM and Solid renderers do with a changed node).
 */
async function chatWithReply({ widgetDom = false } = {}) {
  const widget = track(
    createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory', type: 'inline' }),
  );
  widget.send(question);
  await idle(widget);
  const root = document.createElement('div');
  root.setAttribute('data-scope', 'cwp');
  root.setAttribute('data-part', 'root');
  document.body.append(root);
  const dom = widgetDom ? createWidgetDom(widget) : undefined;
  if (dom) dom.attach(root);
  const reply = widget.getSnapshot().messages.at(-1)!;
  const content = document.createElement('div');
  root.append(content);
  let drawn: readonly RenderNode[] = [];
  const draw = (state: WidgetState) => {
    const view = connect(state, widget);
    const message = view.messages.find((m) => m.id === reply.id)!;
    const props = view.getMessageContentProps(message);
    content.id = String(props.id);
    content.setAttribute('data-scope', 'cwp');
    content.setAttribute('data-part', 'message-content');
    content.onclick = props.onClick as (event: MouseEvent) => void;
    if (message.content !== drawn) content.replaceChildren(...message.content.map(drawTree));
    drawn = message.content;
  };
  const off = widget.subscribe(draw);
  const buttons = () => [...content.querySelectorAll<HTMLElement>('[data-part="code-copy"]')];
  const view = () => connect(widget.getSnapshot(), widget);
  return {
    widget,
    reply,
    buttons,
    view,
    labels: () => buttons().map((b) => [b.textContent, b.getAttribute('data-state')]),
    close: () => {
      off();
      dom?.destroy();
      root.remove();
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("a code block's copy button", () => {
  it('copies its own block and says Copied for about two seconds, through the widget state', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    vi.stubGlobal('navigator', { clipboard: { writeText }, onLine: true });
    const chat = await chatWithReply();
    expect(chat.labels()).toEqual([
      ['Copy code', null],
      ['Copy code', null],
    ]);
    vi.useFakeTimers();
    chat.buttons()[1]!.click();
    await vi.waitFor(() =>
      expect(chat.widget.getSnapshot().copied).toBe(`${chat.reply.id}:code:1`),
    );
    expect(writeText).toHaveBeenCalledWith('npm test');
    expect(chat.labels()).toEqual([
      ['Copy code', null],
      ['Copied', 'copied'],
    ]);
    // The reply's own copy button is another thing copied: it still says Copy.
    const message = chat.view().messages.at(-1)!;
    expect(message.copyText).toBe('Copy');
    expect(chat.view().getCopyReplyProps(message)['data-state']).toBeUndefined();
    vi.advanceTimersByTime(1900);
    expect(chat.labels()[1]).toEqual(['Copied', 'copied']);
    vi.advanceTimersByTime(200);
    expect(chat.labels()).toEqual([
      ['Copy code', null],
      ['Copy code', null],
    ]);
    expect(chat.widget.getSnapshot().copied).toBeNull();

    // The other block, then the reply: one thing says Copied at a time.
    chat.buttons()[0]!.click();
    await vi.waitFor(() => expect(chat.labels()[0]).toEqual(['Copied', 'copied']));
    expect(writeText).toHaveBeenLastCalledWith('npm install @cwp/dom');
    await chat.widget.copyMessage(chat.reply.id);
    expect(chat.labels()).toEqual([
      ['Copy code', null],
      ['Copy code', null],
    ]);
    expect(chat.view().messages.at(-1)!.copyText).toBe('Copied');
    chat.close();
  });

  it('keeps keyboard focus while it is drawn anew saying Copied', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => {} }, onLine: true });
    const chat = await chatWithReply({ widgetDom: true });
    const before = chat.buttons()[1]!;
    before.focus();
    before.click();
    await vi.waitFor(() => expect(chat.labels()[1]).toEqual(['Copied', 'copied']));
    expect(before.isConnected).toBe(false);
    await vi.waitFor(() => expect(document.activeElement).toBe(chat.buttons()[1]));
    chat.close();
  });

  it('copies through a selection on a page without the Clipboard API, focus staying put', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const copied: string[] = [];
    const execCommand = vi.fn((command: string) => {
      copied.push(`${command}:${document.querySelector('textarea')?.value}`);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    try {
      const chat = await chatWithReply({ widgetDom: true });
      const button = chat.buttons()[0]!;
      button.focus();
      expect(await chat.widget.copyText('npm install @cwp/dom', `${chat.reply.id}:code:0`)).toBe(
        true,
      );
      expect(copied).toEqual(['copy:npm install @cwp/dom']);
      expect(document.querySelector('textarea')).toBeNull();
      expect(chat.labels()[0]).toEqual(['Copied', 'copied']);
      await vi.waitFor(() => expect(document.activeElement).toBe(chat.buttons()[0]));
      chat.close();
    } finally {
      Reflect.deleteProperty(document, 'execCommand');
    }
  });
});
