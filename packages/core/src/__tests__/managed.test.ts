import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatWidget } from '../widget.js';
import { idle, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A stand-in for @cwp/server's public routes: config, chat proxied to the bot, events. */
async function fakeServer(config: unknown, status = 200) {
  const events: unknown[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    res.setHeader('access-control-allow-origin', '*');
    if (req.url === '/v1/widgets/w1/config') {
      res.writeHead(status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(config));
    }
    if (req.url === '/v1/widgets/w1/chat') {
      const upstream = await fetch(ctx.bot.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      return void res.end(await upstream.text());
    }
    if (req.url === '/v1/widgets/w1/events') {
      events.push(...(JSON.parse(body) as { events: unknown[] }).events);
      res.writeHead(204);
      return void res.end();
    }
    res.writeHead(404);
    res.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, events };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
}

describe('managed mode', () => {
  it('a floating window the visitor opens while the config loads stays open once it has loaded', async () => {
    const server = await fakeServer({ id: 'w1', config: { header: { title: 'Acme' } } });
    const widget = track(
      createChatWidget({ server: server.url, widgetId: 'w1', storage: 'memory' }),
    );
    expect(widget.getSnapshot().status).toBe('loading');
    widget.open();
    expect(widget.getSnapshot().isOpen).toBe(true);
    const ready = await waitFor(widget, (s) => s.status === 'ready');
    expect(ready.config.type).toBe('floating');
    expect(ready.isOpen).toBe(true);
  });

  it('a message sent while the config loads goes out once it has loaded, and only once', async () => {
    const server = await fakeServer({ id: 'w1', config: { type: 'inline' } });
    const widget = track(
      createChatWidget({ server: server.url, widgetId: 'w1', storage: 'memory' }),
    );
    expect(widget.getSnapshot().status).toBe('loading');
    widget.setDraft('sent early');
    expect(widget.send('sent early')).toBe(true);
    expect(widget.getSnapshot().draft).toBe('sent early'); // kept in the composer until it goes
    await waitFor(widget, (s) => s.status === 'ready');
    const state = await idle(widget);
    expect(state.messages.map((m) => `${m.role}:${m.text}`)).toEqual([
      'user:sent early',
      'bot:You said: sent early',
    ]);
    expect(state.draft).toBe('');
  });

  it('loads the config from the server, lets the page override it, and chats through the server', async () => {
    const server = await fakeServer({
      id: 'w1',
      config: { type: 'inline', header: { title: 'Acme Support', subtitle: 'We reply fast' } },
    });
    const widget = track(
      createChatWidget({
        server: server.url,
        widgetId: 'w1',
        storage: 'memory',
        header: { subtitle: 'Local subtitle' },
      }),
    );
    expect(widget.getSnapshot().status).toBe('loading');
    const ready = await waitFor(widget, (s) => s.status === 'ready');
    expect(ready.config).toMatchObject({
      mode: 'managed',
      type: 'inline',
      header: { title: 'Acme Support', subtitle: 'Local subtitle' },
    });
    expect(ready.isOpen).toBe(true);
    widget.send('hello via server');
    const state = await idle(widget);
    expect(state.messages.at(-1)?.text).toBe('You said: hello via server');
    widget.destroy(); // flushes the event batch
    await vi.waitFor(() =>
      expect(server.events.map((e) => (e as { type: string }).type)).toContain('response_received'),
    );
  });

  it('shows a clear load error when the server refuses the widget', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = await fakeServer({ error: { code: 'not_found' } }, 404);
    const widget = track(
      createChatWidget({ server: server.url, widgetId: 'w1', storage: 'memory' }),
    );
    const state = await waitFor(widget, (s) => s.status !== 'loading');
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({
      kind: 'load',
      message: state.config.messages['error.load'],
    });
    expect(widget.send('hello')).toBe(false);
    vi.restoreAllMocks();
  });

  it('refuses a server config that tries to set a webhook URL', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = await fakeServer({ config: { webhookUrl: 'https://evil.example.com/hook' } });
    const widget = track(
      createChatWidget({ server: server.url, widgetId: 'w1', storage: 'memory' }),
    );
    const state = await waitFor(widget, (s) => s.status !== 'loading');
    expect(state.status).toBe('error');
    vi.restoreAllMocks();
  });
});

describe('a managed widget that cannot load', () => {
  it('still opens its window so the visitor can read why', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = await fakeServer({ error: { code: 'origin_not_allowed' } }, 403);
    const widget = track(
      createChatWidget({ server: server.url, widgetId: 'w1', storage: 'memory' }),
    );
    widget.open(); // while loading
    expect(widget.getSnapshot().isOpen).toBe(true);
    const state = await waitFor(widget, (s) => s.status === 'error');
    expect(state.isOpen).toBe(true);
    widget.close();
    widget.toggle();
    expect(widget.getSnapshot()).toMatchObject({ isOpen: true, status: 'error' });
    vi.restoreAllMocks();
  });
});
