import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bot, faultContent, faultErrorMessage, startBot } from '@cwp/bot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../../errors/widget-error.js';
import { englishMessages } from '../../i18n/messages.js';
import { isAbortError } from '../abort.js';
import { createN8nTransport, type N8nTransportOptions } from '../n8n-transport.js';
import { collect, request } from './collect.js';

let bot: Bot;
const timeouts = { request: 2000, idle: 300 };

beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});
afterEach(() => {
  bot.reset();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function n8n(webhookUrl: string, options: Partial<N8nTransportOptions> = {}) {
  return createN8nTransport({ webhookUrl, timeouts, ...options });
}

function silenceWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => {});
}

function expectWidgetError(error: unknown, kind: WidgetError['kind']): WidgetError {
  expect(error).toBeInstanceOf(WidgetError);
  expect((error as WidgetError).kind).toBe(kind);
  return error as WidgetError;
}

describe('n8n transport: good replies', () => {
  it('shows a whole reply and sends n8n Chat Trigger JSON exactly once', async () => {
    const outcome = await collect(
      n8n(bot.webhookUrl, { metadata: { page: '/pricing', plan: 'free' } }),
      request('Hello there', { sessionId: 's-1', metadata: { plan: 'pro' } }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.chunks).toEqual([
      { type: 'start', streamed: false },
      { type: 'delta', text: 'You said: Hello there' },
      { type: 'end' },
    ]);
    expect(bot.requests).toHaveLength(1);
    expect(bot.requests[0]?.method).toBe('POST');
    expect(bot.requests[0]?.body).toEqual({
      action: 'sendMessage',
      sessionId: 's-1',
      chatInput: 'Hello there',
      metadata: { page: '/pricing', plan: 'pro' },
    });
  });

  it('streams a reply piece by piece as the bot writes it', async () => {
    const outcome = await collect(
      n8n(`${bot.webhookUrl}?stream=1&chunk=3&delay=5`),
      request('streaming please'),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.chunks[0]).toEqual({ type: 'start', streamed: true });
    expect(outcome.chunks.filter((c) => c.type === 'delta').length).toBeGreaterThan(3);
    expect(outcome.replies).toEqual(['You said: streaming please']);
    expect(outcome.chunks.at(-1)).toEqual({ type: 'end' });
    expect(bot.requests).toHaveLength(1);
  });

  it('uses the configured body keys, method and headers', async () => {
    await collect(
      n8n(bot.webhookUrl, {
        chatInputKey: 'question',
        chatSessionKey: 'conversation',
        method: 'PUT',
        headers: { 'x-widget': 'demo' },
      }),
      request('Hi', { sessionId: 's-2' }),
    );
    expect(bot.requests[0]?.method).toBe('PUT');
    expect(bot.requests[0]?.headers['x-widget']).toBe('demo');
    expect(bot.requests[0]?.body).toEqual({
      action: 'sendMessage',
      conversation: 's-2',
      question: 'Hi',
    });
  });

  it('uploads attached files as multipart form data, like n8n’s own chat', async () => {
    const file = new File(['col1,col2\n1,2\n'], 'data.csv', { type: 'text/csv' });
    const outcome = await collect(
      n8n(bot.webhookUrl, { metadata: { page: '/' } }),
      request('See the file', { sessionId: 's-3', files: [file] }),
    );
    // The local bot's echo names the files it received.
    expect(outcome.replies).toEqual([
      'You said: See the file\n\nFiles: data.csv (text/csv, 14 bytes)',
    ]);
    expect(bot.requests).toHaveLength(1);
    expect(bot.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(bot.requests[0]?.body).toEqual({
      action: 'sendMessage',
      sessionId: 's-3',
      chatInput: 'See the file',
      metadata: { page: '/' },
      files: [{ field: 'files', name: 'data.csv', size: file.size, type: 'text/csv' }],
    });
  });

  it('uses a fetch passed in the options', async () => {
    const calls: string[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const outcome = await collect(n8n(bot.webhookUrl, { fetch: fetchSpy }), request('via spy'));
    expect(outcome.replies).toEqual(['You said: via spy']);
    expect(calls).toEqual([bot.webhookUrl]);
  });
});

describe('n8n transport: broken whole replies become bad_reply with a precise detail', () => {
  const cases = [
    ['html-200', 'text/html', '<!DOCTYPE html>'],
    ['empty-200', 'application/json', 'empty body'],
    ['null-json', 'application/json', 'null'],
    ['array-json', 'application/json', '[]'],
    ['output-number', 'application/json', '{\\"output\\":123}'],
    ['no-output', 'application/json', '\\"answer\\"'],
  ] as const;

  for (const [fault, contentType, detail] of cases) {
    it(`tells the visitor the reply was unreadable for ${fault}`, async () => {
      const outcome = await collect(n8n(bot.faultUrl(fault)), request('hi'));
      const error = expectWidgetError(outcome.error, 'bad_reply');
      expect(error.messageKey).toBe('error.bad_reply');
      expect(englishMessages[error.messageKey]).not.toMatch(/[<>{}]/);
      expect(outcome.chunks).toEqual([]);
      expect(error.message).toContain('HTTP 200');
      expect(error.message).toContain(contentType);
      expect(error.message).toContain(detail);
      expect(bot.requests).toHaveLength(1);
    });
  }

  it('keeps the HTML excerpt in the developer detail short', async () => {
    silenceWarnings();
    const outcome = await collect(n8n(bot.faultUrl('html-200')), request('hi'));
    const error = expectWidgetError(outcome.error, 'bad_reply');
    expect(error.message).not.toContain('</html>');
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('n8n transport: replies that are readable despite their labels', () => {
  it('reads JSON served as text/html', async () => {
    const outcome = await collect(n8n(bot.faultUrl('json-as-html')), request('hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.replies).toEqual([...faultContent['json-as-html']]);
  });

  it('streams NDJSON served as application/json', async () => {
    const outcome = await collect(n8n(bot.faultUrl('ndjson-as-json')), request('hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.replies).toEqual([faultContent['ndjson-as-json'].join('')]);
    expect(outcome.chunks[0]).toEqual({ type: 'start', streamed: true });
  });

  for (const fault of ['split-line', 'split-multibyte', 'no-final-newline', 'keepalive'] as const) {
    it(`shows the whole streamed text for ${fault}`, async () => {
      const outcome = await collect(n8n(bot.faultUrl(fault)), request('hi'));
      expect(outcome.error).toBeUndefined();
      expect(outcome.replies).toEqual([faultContent[fault].join('')]);
      expect(outcome.chunks.at(-1)).toEqual({ type: 'end' });
    });
  }

  it('skips an unparsable line with one warning and shows the rest', async () => {
    const warn = silenceWarnings();
    const outcome = await collect(n8n(bot.faultUrl('bad-line')), request('hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.replies).toEqual([faultContent['bad-line'].join('')]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('this line is cut sh');
  });

  it('shows two begin/end blocks as two bot replies', async () => {
    const outcome = await collect(n8n(bot.faultUrl('two-blocks')), request('hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.replies).toEqual([...faultContent['two-blocks']]);
    expect(outcome.chunks.map((c) => c.type)).toEqual([
      'start',
      'delta',
      'end',
      'start',
      'delta',
      'end',
    ]);
  });
});

describe('n8n transport: streams that go wrong keep the text that arrived', () => {
  it('keeps the text before an error line, then reports a bot error', async () => {
    const outcome = await collect(n8n(bot.faultUrl('error-line')), request('hi'));
    expect(outcome.text).toBe(faultContent['error-line'].join(''));
    const error = expectWidgetError(outcome.error, 'bot_error');
    expect(error.messageKey).toBe('error.bot_error');
    expect(error.message).toContain(faultErrorMessage);
  });

  it('reports a stream without any item as an unreadable reply', async () => {
    const outcome = await collect(n8n(bot.faultUrl('no-items')), request('hi'));
    expect(outcome.chunks).toEqual([]);
    expect(expectWidgetError(outcome.error, 'bad_reply').message).toContain(
      'without any "item" text',
    );
  });

  for (const fault of ['stall', 'never-ends'] as const) {
    it(`ends a ${fault} stream with a timeout after the idle time, keeping its text`, async () => {
      const outcome = await collect(n8n(bot.faultUrl(fault)), request('hi'));
      expect(outcome.text).toBe(faultContent[fault].join(''));
      expect(outcome.chunks.at(-1)?.type).toBe('delta');
      const error = expectWidgetError(outcome.error, 'timeout');
      expect(error.messageKey).toBe('error.timeout');
      expect(error.message).toContain('300 ms');
      expect(outcome.ms).toBeLessThan(3000);
    });
  }

  it('keeps the text before a dropped connection, then reports a network error', async () => {
    const outcome = await collect(n8n(bot.faultUrl('drop-mid-stream')), request('hi'));
    expect(outcome.text).toBe(faultContent['drop-mid-stream'].join(''));
    const error = expectWidgetError(outcome.error, 'network');
    expect(error.messageKey).toBe('error.network');
  });
});

describe('n8n transport: error statuses', () => {
  const expected = {
    401: 'error.unauthorized',
    403: 'error.unauthorized',
    404: 'error.not_found',
    413: 'error.too_large',
    500: 'error.server',
    502: 'error.server',
    503: 'error.server',
    504: 'error.server',
  } as const;

  for (const [code, messageKey] of Object.entries(expected)) {
    for (const body of ['html', 'json'] as const) {
      it(`shows "${messageKey}" for ${code} with an ${body} body`, async () => {
        const fault = `status-${code}-${body}` as const;
        const outcome = await collect(
          n8n(bot.faultUrl(fault as Parameters<Bot['faultUrl']>[0])),
          request('hi'),
        );
        const error = expectWidgetError(outcome.error, 'http');
        expect(error.status).toBe(Number(code));
        expect(error.messageKey).toBe(messageKey);
        expect(error.message).toContain(`HTTP ${code}`);
        expect(error.message).toContain(body === 'html' ? 'text/html' : 'application/json');
        expect(bot.requests).toHaveLength(1);
      });
    }
  }

  for (const body of ['html', 'json'] as const) {
    it(`asks the visitor to wait on 429 with an ${body} body, with the server's Retry-After`, async () => {
      const outcome = await collect(n8n(bot.faultUrl(`status-429-${body}`)), request('hi'));
      const error = expectWidgetError(outcome.error, 'rate_limited');
      expect(error.status).toBe(429);
      expect(error.retryAfterMs).toBe(2000);
      expect(error.messageKey).toBe('error.rate_limited');
      expect(bot.requests).toHaveLength(1);
    });
  }

  it('explains n8n’s "webhook is not registered" 404 in the developer detail', async () => {
    const outcome = await collect(n8n(bot.faultUrl('status-404-json')), request('hi'));
    expect((outcome.error as Error).message).toContain('is not registered');
  });
});

describe('n8n transport: network, timeouts and abort', () => {
  it('reports a refused connection as a network error', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const outcome = await collect(n8n(`http://127.0.0.1:${port}/webhook`), request('hi'));
    const error = expectWidgetError(outcome.error, 'network');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('sends nothing and says so when the browser is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const outcome = await collect(n8n(bot.webhookUrl), request('hi'));
    expectWidgetError(outcome.error, 'offline');
    expect(bot.requests).toHaveLength(0);
  });

  it('times out when the response headers take longer than the request timeout', async () => {
    const outcome = await collect(
      n8n(`${bot.url}/webhook/slow?ms=3000`, { timeouts: { request: 300, idle: 300 } }),
      request('hi'),
    );
    expectWidgetError(outcome.error, 'timeout');
    expect(outcome.ms).toBeLessThan(1500);
    expect(bot.requests).toHaveLength(1);
  });

  it('stops a request waiting for its answer as soon as the visitor aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const outcome = await collect(
      n8n(`${bot.url}/webhook/slow?ms=5000`),
      request('hi'),
      controller.signal,
    );
    expect(isAbortError(outcome.error)).toBe(true);
    expect(outcome.ms).toBeLessThan(1000);
  });

  it('stops a stream at once on abort, keeping what streamed', async () => {
    const controller = new AbortController();
    const outcome = await collect(
      n8n(bot.faultUrl('never-ends'), { timeouts: { request: 2000, idle: 10_000 } }),
      request('hi'),
      controller.signal,
      (chunk) => {
        if (chunk.type === 'delta') setTimeout(() => controller.abort(), 50);
      },
    );
    expect(isAbortError(outcome.error)).toBe(true);
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.ms).toBeLessThan(2000);
  });

  it('does not send when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await collect(n8n(bot.webhookUrl), request('hi'), controller.signal);
    expect(isAbortError(outcome.error)).toBe(true);
    expect(bot.requests).toHaveLength(0);
  });
});

describe('n8n transport: history', () => {
  const context = () => ({ signal: new AbortController().signal });

  it('loads an earlier conversation as user and bot messages', async () => {
    const warn = silenceWarnings();
    const transport = n8n(bot.webhookUrl);
    await collect(transport, request('First question', { sessionId: 'h-1' }));
    await collect(transport, request('Second question', { sessionId: 'h-1' }));
    const history = await transport.loadHistory?.('h-1', context());
    expect(history).toEqual([
      { role: 'user', text: 'First question' },
      { role: 'bot', text: 'You said: First question' },
      { role: 'user', text: 'Second question' },
      { role: 'bot', text: 'You said: Second question' },
    ]);
    expect(bot.requests.at(-1)?.body).toEqual({ action: 'loadPreviousSession', sessionId: 'h-1' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('shows no history for a session the bot does not know', async () => {
    expect(await n8n(bot.webhookUrl).loadHistory?.('unknown', context())).toEqual([]);
  });

  it('shows no history, with a warning, when the answer is not LangChain messages', async () => {
    const warn = silenceWarnings();
    const history = await n8n(`${bot.faultUrl('html-200')}?faultHistory=1`).loadHistory?.(
      'h-2',
      context(),
    );
    expect(history).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('loadPreviousSession');
  });

  it('reports an error status while loading history as a typed error', async () => {
    const transport = n8n(`${bot.faultUrl('status-500-json')}?faultHistory=1`);
    const error = await transport.loadHistory?.('h-3', context()).catch((e: unknown) => e);
    expect(expectWidgetError(error, 'http').status).toBe(500);
  });
});
