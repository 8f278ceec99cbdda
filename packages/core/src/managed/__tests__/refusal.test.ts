import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWidgets, waitFor } from '../../__tests__/helpers.js';
import { createChatWidget } from '../../widget.js';

const track = useWidgets();
const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Answers every config request the way @cwp/server refuses one: readable, the error only. */
async function refusingServer(status: number, body: string, contentType = 'application/json') {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType, 'access-control-allow-origin': '*' });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function warningFor(server: string, widgetId: string): Promise<string> {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const widget = track(createChatWidget({ server, widgetId, storage: 'memory' }));
  const state = await waitFor(widget, (s) => s.status !== 'loading');
  expect(state.status).toBe('error');
  // The visitor still reads the plain load error; the detail is for the developer.
  expect(state.error?.message).toBe(state.config.messages['error.load']);
  expect(warn).toHaveBeenCalledTimes(1);
  return String(warn.mock.calls[0]?.[0]);
}

describe('a refused managed widget tells the developer what to do', () => {
  it('names the page origin and the command that allows it', async () => {
    vi.stubGlobal('location', { origin: 'https://blog.example' });
    const server = await refusingServer(
      403,
      '{"error":{"code":"origin_not_allowed","message":"this origin is not allowed to use this widget"}}',
    );
    const line = await warningFor(server, 'w_shop');
    expect(line).toContain(
      `@cwp/server at ${server} refused origin https://blog.example; to allow it: ` +
        'cwp-server widgets update w_shop --add-origin https://blog.example',
    );
  });

  it('says the widget id is unknown, naming it', async () => {
    const server = await refusingServer(
      404,
      '{"error":{"code":"not_found","message":"no widget with this id, or it is disabled"}}',
    );
    const line = await warningFor(server, 'w_typo');
    expect(line).toContain(
      `@cwp/server at ${server} has no enabled widget with id "w_typo" (cwp-server widgets list)`,
    );
  });

  it('leaves a 403 from something other than @cwp/server as it was', async () => {
    vi.stubGlobal('location', { origin: 'https://blog.example' });
    const server = await refusingServer(403, '<h1>Forbidden by the firewall</h1>', 'text/html');
    const line = await warningFor(server, 'w_shop');
    expect(line).toContain('Forbidden by the firewall');
    expect(line).not.toContain('--add-origin');
  });
});
