import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, startBot } from '../index.js';
import { itemText, ndjson, post, readChunks, send } from './helpers.js';

let bot: Bot;

beforeAll(async () => {
  bot = await startBot();
});

beforeEach(() => bot.reset());

afterAll(() => bot?.close());

describe('whole replies', () => {
  it('echoes the message as n8n output JSON', async () => {
    const response = await send(bot.webhookUrl, 'hello there');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ output: 'You said: hello there' });
  });

  it('answers the demo commands with markdown and a long text', async () => {
    const markdown = (await (await send(bot.webhookUrl, '/markdown')).json()) as { output: string };
    expect(markdown.output).toContain('# ');
    expect(markdown.output).toContain('**bold**');
    expect(markdown.output).toContain('[link](https://example.com)');
    expect(markdown.output).toContain('```');
    const long = (await (await send(bot.webhookUrl, '/long')).json()) as { output: string };
    expect(long.output.length).toBeGreaterThan(1800);
    expect(long.output.length).toBeLessThan(2600);
  });

  it('uses a scripted reply function with the session and metadata', async () => {
    const scripted = await startBot({
      reply: ({ chatInput, sessionId, metadata }) =>
        `${sessionId}:${chatInput}:${JSON.stringify(metadata)}`,
    });
    try {
      const response = await post(scripted.webhookUrl, {
        action: 'sendMessage',
        sessionId: 'abc',
        chatInput: 'hi',
        metadata: { page: '/pricing' },
      });
      expect(await response.json()).toEqual({ output: 'abc:hi:{"page":"/pricing"}' });
    } finally {
      await scripted.close();
    }
  });

  it('accepts multipart messages with files, as n8n chat sends them', async () => {
    const form = new FormData();
    form.append('action', 'sendMessage');
    form.append('sessionId', 'with-files');
    form.append('chatInput', 'see attached');
    form.append('metadata', JSON.stringify({ from: 'test' }));
    form.append('files', new File(['a'.repeat(1234)], 'notes.txt', { type: 'text/plain' }));
    const response = await fetch(bot.webhookUrl, { method: 'POST', body: form });
    expect(await response.json()).toEqual({
      output: 'You said: see attached\n\nFiles: notes.txt (text/plain, 1234 bytes)',
    });
    expect(bot.requests.at(-1)?.body).toEqual({
      action: 'sendMessage',
      sessionId: 'with-files',
      chatInput: 'see attached',
      metadata: { from: 'test' },
      files: [{ field: 'files', name: 'notes.txt', size: 1234, type: 'text/plain' }],
    });
  });

  it('waits before answering on the slow route', async () => {
    const started = Date.now();
    const response = await send(`${bot.url}/webhook/slow?ms=200`, 'take your time');
    expect(await response.json()).toEqual({ output: 'You said: take your time' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('streamed replies', () => {
  it('sends begin, items and end as NDJSON labelled application/json, like n8n', async () => {
    const response = await send(`${bot.webhookUrl}?stream=1&chunk=3&delay=0`, 'héllo 👋');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    const chunks = ndjson(text);
    expect(chunks[0]).toMatchObject({ type: 'begin', metadata: { nodeId: 'agent', itemIndex: 0 } });
    expect(chunks.at(-1)?.type).toBe('end');
    expect(chunks.slice(1, -1).every((chunk) => chunk.type === 'item')).toBe(true);
    expect(chunks.slice(1, -1).map((chunk) => chunk.content)).toEqual([
      'You',
      ' sa',
      'id:',
      ' hé',
      'llo',
      ' 👋',
    ]);
  });

  it('delivers the first item before the end is written', async () => {
    const response = await send(`${bot.webhookUrl}?stream=1&chunk=5&delay=150`, 'one two three');
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"item"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += Buffer.from(value).toString('utf8');
    }
    expect(seen).toContain('"item"');
    expect(seen).not.toContain('"end"');
    await reader.cancel();
  });

  it('streams when the bot is started in stream mode, unless the request asks for whole', async () => {
    const streaming = await startBot({ mode: 'stream', chunkSize: 100, delayMs: 0 });
    try {
      const streamed = await (await send(streaming.webhookUrl, 'x')).text();
      expect(itemText(streamed)).toBe('You said: x');
      const whole = await (await send(`${streaming.webhookUrl}?stream=0`, 'x')).json();
      expect(whole).toEqual({ output: 'You said: x' });
    } finally {
      await streaming.close();
    }
  });

  it('arrives in several reads when items are spaced out', async () => {
    const response = await send(`${bot.webhookUrl}?mode=stream&chunk=4&delay=20`, 'abcdefghijkl');
    const reads = await readChunks(response);
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });
});

describe('history', () => {
  it('returns earlier exchanges of a session in LangChain form', async () => {
    await send(bot.webhookUrl, 'first', 'history-session');
    await (await send(`${bot.webhookUrl}?stream=1&delay=0`, 'second', 'history-session')).text();
    await send(bot.webhookUrl, 'elsewhere', 'other-session');
    const response = await post(bot.webhookUrl, {
      action: 'loadPreviousSession',
      sessionId: 'history-session',
    });
    const { data } = (await response.json()) as {
      data: Array<{ id: string[]; kwargs: { content: string } }>;
    };
    expect(data.map((message) => [message.id[2], message.kwargs.content])).toEqual([
      ['HumanMessage', 'first'],
      ['AIMessage', 'You said: first'],
      ['HumanMessage', 'second'],
      ['AIMessage', 'You said: second'],
    ]);
    expect(data[0]).toEqual({
      lc: 1,
      type: 'constructor',
      id: ['langchain_core', 'messages', 'HumanMessage'],
      kwargs: { content: 'first', additional_kwargs: {}, response_metadata: {} },
    });
  });

  it('answers an empty list for an unknown session and after reset', async () => {
    await send(bot.webhookUrl, 'remember me', 'forgotten');
    bot.reset();
    const response = await post(bot.webhookUrl, {
      action: 'loadPreviousSession',
      sessionId: 'forgotten',
    });
    expect(await response.json()).toEqual({ data: [] });
  });
});

describe('browser access', () => {
  it('answers a CORS preflight for any origin and custom headers without recording it', async () => {
    const response = await fetch(bot.webhookUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-widget-id',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-widget-id');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(bot.requests).toHaveLength(0);
  });

  it('lets the page read replies and Retry-After from another origin', async () => {
    const response = await send(bot.webhookUrl, 'hi', 's', {
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:5173' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('logs every webhook request, readable and clearable over HTTP', async () => {
    await send(`${bot.webhookUrl}?stream=0`, 'logged', 'log-session', {
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes' },
    });
    const listed = (await (await fetch(`${bot.url}/requests`)).json()) as typeof bot.requests;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      method: 'POST',
      path: '/webhook',
      query: { stream: '0' },
      headers: { 'x-custom': 'yes' },
      body: { action: 'sendMessage', sessionId: 'log-session', chatInput: 'logged' },
    });
    expect(bot.requests).toEqual(listed);
    expect((await fetch(`${bot.url}/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(bot.requests).toHaveLength(0);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('answers n8n-style 404 for a webhook that does not exist', async () => {
    const response = await send(`${bot.url}/webhook/nope`, 'hi');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      code: 404,
      message: 'The requested webhook "POST nope" is not registered.',
    });
  });
});
