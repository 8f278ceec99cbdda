import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WidgetError } from '../../errors/widget-error.js';
import { createHttpTransport } from '../http-transport.js';
import { createN8nTransport } from '../n8n-transport.js';
import { collect, request } from './collect.js';
import { type ScriptedServer, sleep, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
const timeouts = { request: 2000, idle: 500 };

beforeAll(async () => {
  server = await startScriptedServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    switch (path) {
      case '/answer':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({ answer: `Answer to ${JSON.parse(req.body).message}` }),
        );
      case '/custom':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ choices: [{ text: 'from choices' }] }));
      case '/plain':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        for (const piece of ['Plain ', 'text ', 'streamed.']) {
          res.write(piece);
          await sleep(20);
        }
        return void res.end();
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html><body>Proxy error</body></html>');
      case '/ndjson':
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write('{"type":"begin"}\n{"type":"item","content":"Stre');
        await sleep(20);
        return void res.end('amed"}\n{"type":"end"}\n');
      case '/events': {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const deltas = ['Event ', 'stream ', 'reply.'];
        for (const content of deltas) {
          res.write(`data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`);
          await sleep(15);
        }
        res.write(
          `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`,
        );
        return void res.end('data: [DONE]\n\n');
      }
      case '/events-plain':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': keep-alive\n\nevent: message\ndata: Plain\n\n');
        await sleep(15);
        return void res.end('data:  data events.\n\n');
      case '/pretty':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('\n  {\n  "output": "Pretty printed"\n}\n');
      case '/items':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('[{"output":"First item."},{"text":"Second item."}]');
      case '/proto':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(
          '{"output":"ok","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted2":true}}}',
        );
      case '/inherited':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"__proto__":{"output":"inherited text"}}');
      case '/retry-date':
        res.writeHead(429, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
        return void res.end('slow down');
      case '/history-parts':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({
            data: [
              { id: ['langchain_core', 'messages', 'SystemMessage'], kwargs: { content: 'sys' } },
              { id: ['langchain_core', 'messages', 'HumanMessage'], kwargs: { content: 'Hi' } },
              {
                id: ['langchain_core', 'messages', 'AIMessage'],
                kwargs: {
                  content: [
                    { type: 'text', text: 'Hello ' },
                    { type: 'image_url', image_url: 'x' },
                    { type: 'text', text: 'again' },
                  ],
                },
              },
              'odd entry',
            ],
          }),
        );
      default:
        res.writeHead(404);
        return void res.end();
    }
  });
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  vi.restoreAllMocks();
});

const http = (path: string, options: Partial<Parameters<typeof createHttpTransport>[0]> = {}) =>
  createHttpTransport({ url: `${server.url}${path}`, timeouts, ...options });

describe('generic HTTP transport', () => {
  it('posts {sessionId, message, metadata} and reads the default text fields', async () => {
    const outcome = await collect(
      http('/answer'),
      request('What is 2+2?', { sessionId: 's', metadata: { a: 1 } }),
    );
    expect(outcome.replies).toEqual(['Answer to What is 2+2?']);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      sessionId: 's',
      message: 'What is 2+2?',
      metadata: { a: 1 },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('shapes the request and reads the answer with the mapping functions', async () => {
    const outcome = await collect(
      http('/custom', {
        method: 'PUT',
        headers: { authorization: 'Bearer t' },
        mapRequest: (req) => ({ prompt: req.text, user: req.sessionId }),
        mapResponse: (json) => (json as { choices: { text: string }[] }).choices[0]?.text ?? '',
      }),
      request('Hi', { sessionId: 'u1' }),
    );
    expect(outcome.replies).toEqual(['from choices']);
    expect(server.requests[0]?.method).toBe('PUT');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ prompt: 'Hi', user: 'u1' });
  });

  it('sends files as multipart by default, and hands them to mapRequest (a FormData goes as is)', async () => {
    const file = new File(['a,b'], 'data.csv', { type: 'text/csv' });
    await collect(http('/custom'), request('See file', { sessionId: 's', files: [file] }));
    const sent = server.requests[0]!;
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.body).toContain('name="message"\r\n\r\nSee file');
    expect(sent.body).toContain(
      'name="files"; filename="data.csv"\r\nContent-Type: text/csv\r\n\r\na,b',
    );
    let seen: readonly File[] | undefined;
    await collect(
      http('/custom', {
        mapRequest: (req) => {
          seen = req.files;
          const form = new FormData();
          form.append('upload', req.files![0]!);
          return form;
        },
      }),
      request('Hi', { files: [file] }),
    );
    expect(seen).toEqual([file]);
    expect(server.requests[1]!.body).toContain('name="upload"; filename="data.csv"');
  });

  it('reports an answer the mapping cannot read as a bad reply', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const outcome = await collect(
      http('/custom', {
        mapResponse: (json) => (json as { missing: { text: string } }).missing.text,
      }),
      request('Hi'),
    );
    expect((outcome.error as WidgetError).kind).toBe('bad_reply');
  });

  it('streams a text/plain answer as it arrives', async () => {
    const outcome = await collect(http('/plain'), request('Hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.chunks[0]).toEqual({ type: 'start', streamed: true });
    expect(outcome.replies).toEqual(['Plain text streamed.']);
    expect(outcome.chunks.filter((c) => c.type === 'delta').length).toBeGreaterThan(1);
  });

  it('streams an NDJSON answer in n8n’s format', async () => {
    const outcome = await collect(http('/ndjson'), request('Hi'));
    expect(outcome.replies).toEqual(['Streamed']);
  });

  it('streams a server-sent event stream, reading each event with mapResponse', async () => {
    type Event = { choices: [{ delta: { content?: string } }] };
    const outcome = await collect(
      http('/events', { mapResponse: (json) => (json as Event).choices[0].delta.content ?? '' }),
      request('Hi'),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.replies).toEqual(['Event stream reply.']);
    expect(outcome.chunks.filter((c) => c.type === 'delta')).toHaveLength(3);
  });

  it('shows the data of non-JSON events as text', async () => {
    const outcome = await collect(http('/events-plain'), request('Hi'));
    expect(outcome.replies).toEqual(['Plain data events.']);
  });

  it('does not show an HTML page as a reply', async () => {
    const outcome = await collect(http('/html'), request('Hi'));
    expect((outcome.error as WidgetError).kind).toBe('bad_reply');
    expect((outcome.error as WidgetError).message).toContain('text/html');
    expect(outcome.chunks).toEqual([]);
  });
});

describe('whole JSON replies', () => {
  const n8n = (path: string) =>
    createN8nTransport({ webhookUrl: `${server.url}${path}`, timeouts });

  it('reads pretty-printed JSON', async () => {
    expect((await collect(n8n('/pretty'), request('Hi'))).replies).toEqual(['Pretty printed']);
  });

  it('shows each item of an n8n item array as its own reply', async () => {
    const outcome = await collect(n8n('/items'), request('Hi'));
    expect(outcome.replies).toEqual(['First item.', 'Second item.']);
    expect(outcome.chunks[0]).toEqual({ type: 'start', streamed: false });
  });

  it('is not fooled into polluting Object.prototype by a __proto__ key', async () => {
    const outcome = await collect(n8n('/proto'), request('Hi'));
    expect(outcome.replies).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  });

  it('does not read reply text from a __proto__ object', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const outcome = await collect(n8n('/inherited'), request('Hi'));
    expect((outcome.error as WidgetError).kind).toBe('bad_reply');
  });

  it('reads a Retry-After HTTP date on 429', async () => {
    const error = (await collect(n8n('/retry-date'), request('Hi'))).error as WidgetError;
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('maps LangChain history with text parts and leaves out other message kinds', async () => {
    const history = await n8n('/history-parts').loadHistory?.('s', {
      signal: new AbortController().signal,
    });
    expect(history).toEqual([
      { role: 'user', text: 'Hi' },
      { role: 'bot', text: 'Hello again' },
    ]);
  });
});
