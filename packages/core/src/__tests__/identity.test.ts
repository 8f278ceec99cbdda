import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { createChatWidget } from '../widget.js';
import { idle, useWidgets, waitFor } from './helpers.js';

const track = useWidgets();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const tokenA = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWE';
const tokenB = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiIn0.c2lnbmF0dXJlLWI';
// The same visitor (sub "a") with a refreshed token.
const tokenA2 = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.cmVmcmVzaGVk';

/** A managed server stand-in that remembers the headers of every chat request. */
async function recordingServer(status = 200) {
  const chats: (IncomingHttpHeaders & { sessionId?: string })[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.setHeader('access-control-allow-origin', '*');
      if (req.url === '/v1/widgets/w1/config') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ id: 'w1', config: {} }));
      }
      if (req.url === '/v1/widgets/w1/chat') {
        chats.push({
          ...req.headers,
          sessionId: (JSON.parse(body) as { sessionId: string }).sessionId,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        return void res.end(
          status === 200
            ? JSON.stringify({ output: 'ok' })
            : JSON.stringify({ error: { code: 'identity_required' } }),
        );
      }
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, chats };
}

describe('verified visitors (managed mode)', () => {
  it('sends the identity token as Authorization: Bearer, and setIdentity changes it', async () => {
    const server = await recordingServer();
    const widget = track(
      createChatWidget({
        server: server.url,
        widgetId: 'w1',
        storage: 'memory',
        loadPreviousSession: false,
        identity: { token: tokenA },
      }),
    );
    await waitFor(widget, (s) => s.status === 'ready');
    widget.send('first');
    await idle(widget);
    expect(server.chats.at(-1)?.authorization).toBe(`Bearer ${tokenA}`);
    const first = server.chats.at(-1)?.sessionId;

    widget.setIdentity(tokenA2); // a refresh: same visitor, same session
    widget.send('refreshed');
    await idle(widget);
    expect(server.chats.at(-1)).toMatchObject({
      authorization: `Bearer ${tokenA2}`,
      sessionId: first,
    });

    widget.setIdentity(tokenB); // another visitor: a new session, the old one stays with "a"
    widget.send('second');
    await idle(widget);
    expect(server.chats.at(-1)?.authorization).toBe(`Bearer ${tokenB}`);
    const second = server.chats.at(-1)?.sessionId;
    expect(second).not.toBe(first);
    expect(widget.getSnapshot().messages.map((m) => m.text)).not.toContain('first');

    widget.setIdentity(null); // signed out
    widget.send('third');
    await idle(widget);
    expect(server.chats.at(-1)?.authorization).toBeUndefined();
    expect(server.chats.at(-1)?.sessionId).not.toBe(second);
    expect(() => widget.setIdentity('not a token')).toThrow(/compact JWT/);
  });

  it('shows the unauthorized message when the server refuses an unverified visitor', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = await recordingServer(401);
    const widget = track(
      createChatWidget({
        server: server.url,
        widgetId: 'w1',
        storage: 'memory',
        loadPreviousSession: false,
      }),
    );
    await waitFor(widget, (s) => s.status === 'ready');
    widget.send('hello');
    const state = await idle(widget);
    expect(server.chats).toHaveLength(1);
    expect(state.error?.message).toBe(state.config.messages['error.unauthorized']);
    vi.restoreAllMocks();
  });

  it('refuses identity outside managed mode and a token that is not a JWT', () => {
    expect(() =>
      createChatWidget({
        webhookUrl: 'https://n8n.example/webhook/x',
        identity: { token: tokenA },
      }),
    ).toThrow(ConfigError);
    expect(() =>
      createChatWidget({
        server: 'https://chat.example',
        widgetId: 'w1',
        identity: { token: 'x' },
      }),
    ).toThrow(/identity\.token/);
  });
});
