import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeWidget, message, stateOf } from '../../__tests__/fake-widget.js';
import { resolveConfig } from '../../config/schema.js';
import { bubbleStylesheet, stylesheet, windowStylesheet } from '../../styles/stylesheet.js';
import { type PartName, partAttributes, partSelector, parts, scope } from '../anatomy.js';
import { messageAttachments } from '../attachment-tree.js';
import { configView } from '../config-view.js';
import { connect } from '../connect.js';
import { icons } from '../icons.js';
import { markdownTree } from '../markdown-tree.js';
import type { RenderElement } from '../render-tree.js';
import type { ChatWidgetView, PartProps } from '../types.js';

const known = new Set<string>(parts);
const avatar = 'https://cdn.example.com/bot.png';

function partsIn(css: string): string[] {
  return [...new Set([...css.matchAll(/\[data-part="([^"]*)"\]/g)].map((m) => m[1]!))];
}

/** `getUnreadBadgeProps` → `unread-badge`. */
function partOfGetter(name: string): string {
  return name
    .replace(/^get|Props$/g, '')
    .replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());
}

/** Every `get…Props` getter of a view, called (message parts with a message, links with a link). */
function getterProps(view: ChatWidgetView): [getter: string, props: PartProps][] {
  const msg = view.messages[0]!;
  const link = { label: 'a', href: 'https://a.test' };
  return Object.entries(view)
    .filter(([name, value]) => /^get\w+Props$/.test(name) && typeof value === 'function')
    .map(([name, getter]) => {
      const call = getter as (arg?: unknown) => PartProps;
      const perMessage = /^get(Message|RetryButton|CopyReply|Feedback)/.test(name);
      const arg = perMessage ? msg : name === 'getStarterPromptProps' ? 0 : link;
      return [name, call(arg)];
    });
}

/** Source files under a directory, tests excluded. */
function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourcesIn(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the anatomy', () => {
  it('lists each part once, in kebab case', () => {
    expect(new Set(parts).size).toBe(parts.length);
    for (const part of parts) expect(part).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('names only listed parts in the stylesheet', () => {
    const styled = partsIn(stylesheet);
    expect(styled.length).toBeGreaterThan(10);
    for (const part of styled) expect(known).toContain(part);
    // The two halves (the embed loader ships the bubble half alone) are the whole sheet.
    expect(stylesheet).toBe(bubbleStylesheet + windowStylesheet);
    for (const part of partsIn(bubbleStylesheet)) expect(known).toContain(part);
  });

  it('anchors every part selector in the stylesheet on the scope', () => {
    const unscoped = stylesheet.match(/(?<!\[data-scope="cwp"\])\[data-part=/g);
    expect(unscoped).toBeNull();
  });

  it('styles the parts that lay the widget out', () => {
    const mustStyle: PartName[] = ['root', 'bubble', 'window', 'messages', 'message', 'input'];
    const styled = partsIn(stylesheet);
    for (const part of mustStyle) expect(styled).toContain(part);
  });

  it('gives every getter its own listed part, and every part but the icon a getter', () => {
    const config = resolveConfig({ webhookUrl: 'http://127.0.0.1:1/webhook', id: 'w1' });
    const state = stateOf({ messages: [message({ id: 'm1', status: 'failed' })] }, config);
    const view = connect(state, fakeWidget(state).widget);
    const found = getterProps(view);
    for (const [getter, props] of found) {
      expect(props['data-scope'], getter).toBe(scope);
      expect(known, getter).toContain(props['data-part']);
      expect(props['data-part'], getter).toBe(partOfGetter(getter));
    }
    const drawn = new Set<string>(found.map(([, props]) => props['data-part']));
    drawn.add(icons.chat.attrs['data-part']!);
    // A code block's copy button comes with a bot message's render tree.
    const [code] = markdownTree('```\nx\n```', { copyLabel: 'Copy' });
    drawn.add(((code as RenderElement).children[0] as RenderElement).attrs['data-part']!);
    // A visitor's message with files ends with them (thumbnail, name, size).
    const files = [{ name: 'a.png', size: 1, type: 'image/png' }];
    const walk = (node: RenderElement): void => {
      drawn.add(node.attrs['data-part']!);
      for (const child of node.children) if (typeof child !== 'string') walk(child);
    };
    walk(messageAttachments(files, ['blob:x'], 'en') as RenderElement);
    // With header.avatar, a bot message's content starts with its avatar.
    const branded = resolveConfig({ webhookUrl: 'http://127.0.0.1:1/webhook', header: { avatar } });
    drawn.add(configView(branded).botAvatar!.attrs['data-part']!);
    // n8n's button and error messages draw their parts inside the message content.
    const buttons = [{ text: 'Yes', type: 'primary' as const }];
    const special = stateOf(
      { messages: [message({ id: 'b1', role: 'bot', buttons, botError: true })] },
      config,
    );
    for (const node of connect(special, fakeWidget(special).widget).messages[0]!.content) {
      const el = node as RenderElement;
      drawn.add(el.attrs['data-part']!);
      const [first] = el.children as RenderElement[];
      drawn.add(first?.attrs['data-part'] ?? el.attrs['data-part']!);
    }
    expect([...drawn].sort()).toEqual([...parts].sort());
  });

  it('builds attributes and selectors for a part', () => {
    expect(partAttributes('bubble')).toEqual({ 'data-scope': 'cwp', 'data-part': 'bubble' });
    expect(partSelector('unread-badge')).toBe('[data-scope="cwp"][data-part="unread-badge"]');
  });

  it('names only listed parts wherever core builds part attributes or selectors', () => {
    const root = join(import.meta.dirname, '../..');
    const calls = sourcesIn(root).flatMap((file) => {
      const name = file.slice(root.length + 1);
      // The stylesheet calls partSelector by its short name, `p`.
      const pattern = name.startsWith('styles')
        ? /\b(?:partAttributes|partSelector|p)\('([^']*)'\)/g
        : /\b(?:partAttributes|partSelector)\('([^']*)'\)/g;
      return [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => [name, m[1]!] as const);
    });
    expect(calls.length).toBeGreaterThan(parts.length);
    for (const [file, part] of calls) expect(known, file).toContain(part);
  });
});
