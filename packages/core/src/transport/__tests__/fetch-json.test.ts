import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../../errors/widget-error.js';
import { isAbortError } from '../abort.js';
import { fetchJson } from '../fetch-json.js';
import { type ScriptedServer, sleep, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
const attempts = new Map<string, number>();

beforeAll(async () => {
  server = await startScriptedServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const attempt = (attempts.get(path) ?? 0) + 1;
    attempts.set(path, attempt);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (path) {
      case '/flaky':
        return attempt < 3 ? json(503, { message: 'busy' }) : json(200, { title: 'Help' });
      case '/down':
        return json(502, { message: 'bad gateway' });
      case '/missing':
        return json(404, { message: 'no such widget' });
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>login</html>');
      case '/slow':
        await sleep(2000);
        return json(200, {});
      default:
        return json(200, { ok: true });
    }
  });
});
afterAll(() => server.close());
afterEach(() => {
  attempts.clear();
  server.requests.length = 0;
  vi.restoreAllMocks();
});

describe('fetchJson for idempotent reads', () => {
  it('retries a failing GET with backoff and returns the JSON once it works', async () => {
    const started = performance.now();
    expect(await fetchJson(`${server.url}/flaky`, { timeoutMs: 1000, retries: 2 })).toEqual({
      title: 'Help',
    });
    expect(server.requests).toHaveLength(3);
    // 250 ms then 500 ms of backoff.
    expect(performance.now() - started).toBeGreaterThan(700);
  });

  it('gives up after at most two retries with the last status', async () => {
    const error = await fetchJson(`${server.url}/down`, { timeoutMs: 1000, retries: 5 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).kind).toBe('http');
    expect((error as WidgetError).status).toBe(502);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 404', async () => {
    const error = await fetchJson(`${server.url}/missing`, { timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect((error as WidgetError).messageKey).toBe('error.not_found');
    expect((error as WidgetError).message).toContain('no such widget');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a body that is not JSON as a bad reply', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = await fetchJson(`${server.url}/html`, { timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect((error as WidgetError).kind).toBe('bad_reply');
  });

  it('times out each attempt', async () => {
    const error = await fetchJson(`${server.url}/slow`, { timeoutMs: 200, retries: 0 }).catch(
      (e: unknown) => e,
    );
    expect((error as WidgetError).kind).toBe('timeout');
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await fetchJson(`${server.url}/slow`, {
      timeoutMs: 5000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
