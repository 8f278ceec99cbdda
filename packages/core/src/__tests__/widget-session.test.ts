import { describe, expect, it } from 'vitest';
import { storageKey } from '../session/storage.js';
import { createChatWidget } from '../widget.js';
import { idle, sharedStorage, tick, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

describe('the session', () => {
  it('starts only when the visitor first interacts, not on page load', () => {
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    expect(widget.getSnapshot().sessionId).toBeNull();
    widget.open();
    expect(widget.getSnapshot().sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the same session id with every message', async () => {
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    widget.send('one');
    await idle(widget);
    widget.send('two');
    await idle(widget);
    const ids = ctx.bot.requests.map((r) => (r.body as { sessionId: string }).sessionId);
    expect(new Set(ids)).toEqual(new Set([widget.getSnapshot().sessionId]));
  });

  it('survives a reload: session, messages and the unsent draft come back', async () => {
    const storage = sharedStorage();
    const first = createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage });
    first.send('remember me');
    await idle(first);
    first.setDraft('half-typed question');
    const { sessionId, messages } = first.getSnapshot();
    first.destroy(); // the page goes away

    const reloaded = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    expect(reloaded.getSnapshot()).toMatchObject({
      sessionId,
      messages,
      draft: 'half-typed question',
    });
  });

  it('restores a message that was in flight when the page closed as failed, ready to retry', async () => {
    const storage = sharedStorage();
    const config = { id: 'shop', webhookUrl: `${ctx.bot.url}/webhook/slow?ms=2000`, storage };
    const first = createChatWidget(config);
    first.send('sent just before closing the tab');
    first.destroy();

    const reloaded = track(createChatWidget({ ...config, webhookUrl: ctx.bot.webhookUrl }));
    const [message] = reloaded.getSnapshot().messages;
    expect(message).toMatchObject({ text: 'sent just before closing the tab', status: 'failed' });
    expect(reloaded.retry(message!.id)).toBe(true);
    const state = await idle(reloaded);
    expect(state.messages.map((m) => m.status)).toEqual(['done', 'done']);
  });

  it('keeps failed and incomplete messages across a reload', async () => {
    const storage = sharedStorage();
    const first = createChatWidget({
      id: 'shop',
      webhookUrl: ctx.bot.faultUrl('status-500-json'),
      storage,
    });
    first.send('this will fail');
    await idle(first);
    first.destroy();
    const reloaded = track(
      createChatWidget({ id: 'shop', webhookUrl: ctx.bot.webhookUrl, storage }),
    );
    expect(reloaded.getSnapshot().messages[0]).toMatchObject({
      status: 'failed',
      error: { kind: 'http', status: 500 },
    });
  });

  it('keeps widgets on one site apart by id and namespace', async () => {
    const storage = sharedStorage();
    const sales = track(createChatWidget({ id: 'sales', webhookUrl: ctx.bot.webhookUrl, storage }));
    const support = track(
      createChatWidget({ id: 'support', webhookUrl: ctx.bot.webhookUrl, storage }),
    );
    sales.send('sales question');
    await idle(sales);
    expect(support.getSnapshot().messages).toEqual([]);
    expect(Object.keys(storage.dump()).sort()).toEqual(['cwp:sales']);
    expect(storageKey({ namespace: 'shop', id: 'sales' })).toBe('shop:sales');
  });

  it('newSession() forgets the session and messages, in storage too', async () => {
    const storage = sharedStorage();
    const widget = createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage });
    widget.send('hello');
    await idle(widget);
    widget.newSession();
    widget.destroy();
    const reloaded = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    expect(reloaded.getSnapshot()).toMatchObject({ sessionId: null, messages: [] });
  });

  it('ignores an unreadable saved conversation instead of crashing', () => {
    const storage = sharedStorage();
    storage.setItem('cwp:broken', '{"context":{"messages":[{"evil":true}]},"version":1}');
    const widget = track(
      createChatWidget({ id: 'broken', webhookUrl: ctx.bot.webhookUrl, storage }),
    );
    expect(widget.getSnapshot().messages).toEqual([]);
    storage.setItem('cwp:broken2', 'not json at all');
    const other = track(
      createChatWidget({ id: 'broken2', webhookUrl: ctx.bot.webhookUrl, storage }),
    );
    expect(other.getSnapshot().status).toBe('ready');
  });

  it('loads the earlier conversation from the bot when only the session is known', async () => {
    const sessionId = crypto.randomUUID();
    await fetch(ctx.bot.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput: 'from another device' }),
    });
    const storage = sharedStorage();
    storage.setItem(
      'cwp:hist',
      JSON.stringify({
        context: { sessionId, messages: [], draft: '', tooltipDismissed: false },
        version: 1,
      }),
    );
    const widget = track(createChatWidget({ id: 'hist', webhookUrl: ctx.bot.webhookUrl, storage }));
    const state = await waitFor(widget, (s) => s.messages.length === 2);
    expect(state.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'from another device'],
      ['bot', 'You said: from another device'],
    ]);
  });
});

describe('two tabs of the same site', () => {
  it('see the same conversation', async () => {
    const storage = sharedStorage(); // one localStorage, two tabs
    const tabA = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    const tabB = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    tabA.send('typed in tab A');
    await idle(tabA);
    const state = await waitFor(
      tabB,
      (s) => s.messages.length === 2 && s.messages[1]?.status === 'done',
    );
    expect(state.messages.map((m) => m.text)).toEqual([
      'typed in tab A',
      'You said: typed in tab A',
    ]);
    expect(state.sessionId).toBe(tabA.getSnapshot().sessionId);

    tabB.newSession();
    await waitFor(tabA, (s) => s.messages.length === 0);
    expect(tabA.getSnapshot().sessionId).toBeNull();
  });
});

describe('the tooltip', () => {
  it('appears after its delay, hides when the window opens', async () => {
    const widget = track(
      createChatWidget({
        webhookUrl: ctx.bot.webhookUrl,
        storage: 'memory',
        tooltip: { text: 'Questions?', delay: 30 },
      }),
    );
    expect(widget.getSnapshot().tooltipVisible).toBe(false);
    await waitFor(widget, (s) => s.tooltipVisible);
    widget.open();
    expect(widget.getSnapshot().tooltipVisible).toBe(false);
  });

  it('stays dismissed for this visitor after a reload', async () => {
    const storage = sharedStorage();
    const first = createChatWidget({
      webhookUrl: ctx.bot.webhookUrl,
      storage,
      tooltip: { delay: 10 },
    });
    await waitFor(first, (s) => s.tooltipVisible);
    first.dismissTooltip();
    expect(first.getSnapshot().tooltipVisible).toBe(false);
    first.destroy();
    const reloaded = track(
      createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage, tooltip: { delay: 10 } }),
    );
    await tick(60);
    expect(reloaded.getSnapshot().tooltipVisible).toBe(false);
  });

  it('never shows on inline widgets or when turned off', async () => {
    const inline = track(
      createChatWidget({
        type: 'inline',
        webhookUrl: ctx.bot.webhookUrl,
        storage: 'memory',
        tooltip: { delay: 0 },
      }),
    );
    const off = track(
      createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory', tooltip: false }),
    );
    await tick(30);
    expect(inline.getSnapshot().tooltipVisible).toBe(false);
    expect(off.getSnapshot().tooltipVisible).toBe(false);
  });
});

describe('widget types', () => {
  it('inline and fullscreen are always open; floating starts closed and toggles', () => {
    for (const type of ['inline', 'fullscreen'] as const) {
      const widget = track(
        createChatWidget({ type, webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }),
      );
      widget.close();
      expect(widget.getSnapshot().isOpen).toBe(true);
    }
    const floating = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    expect(floating.getSnapshot().isOpen).toBe(false);
    floating.toggle();
    expect(floating.getSnapshot().isOpen).toBe(true);
    floating.toggle();
    expect(floating.getSnapshot().isOpen).toBe(false);
  });

  it('shows welcome messages first without sending or storing them', async () => {
    const storage = sharedStorage();
    const widget = track(
      createChatWidget({
        webhookUrl: ctx.bot.webhookUrl,
        storage,
        initialMessages: ['Hi! 👋', 'Ask me anything.'],
      }),
    );
    expect(widget.getSnapshot().messages.map((m) => [m.text, m.initial])).toEqual([
      ['Hi! 👋', true],
      ['Ask me anything.', true],
    ]);
    widget.send('hello');
    await idle(widget);
    expect(widget.getSnapshot().messages).toHaveLength(4);
    expect(JSON.stringify(storage.dump())).not.toContain('Ask me anything');
    expect(ctx.bot.requests).toHaveLength(1);
  });
});
