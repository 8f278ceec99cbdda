import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultName } from '@cwp/bot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetReport } from '../store/types.js';
import { type Harness, ndjsonItems, sendMessage, startHarness } from './harness.js';

let h: Harness;
let oddServer: Server;
let oddUrl: string;
let redirectTargetHits = 0;

beforeAll(async () => {
  h = await startHarness();
  // Misbehaviours the bot does not play: redirects and a webhook that never sends headers.
  oddServer = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/target' });
      res.end('<a href="/target">moved</a>');
    } else if (req.url === '/target') {
      redirectTargetHits += 1;
      res.end('{"output":"followed"}');
    } else if (req.url === '/no-headers') {
      // never answers
    } else res.end();
  });
  await new Promise<void>((resolve) => oddServer.listen(0, '127.0.0.1', resolve));
  oddUrl = `http://127.0.0.1:${(oddServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  oddServer.closeAllConnections();
  await new Promise((resolve) => oddServer.close(resolve));
  await h.close();
});

const fastLimits = { idleTimeoutMs: 300, requestTimeoutMs: 500 };

async function chatWith(webhookUrl: string, input = 'hi') {
  const widget = await h.createWidget({ webhookUrl, limits: fastLimits });
  return { widget, ...(await h.chat(widget.id, sendMessage(`s-${widget.id.slice(0, 8)}`, input))) };
}

const upstreamTraces = [
  '<',
  'nginx',
  'not registered',
  'Error in workflow',
  'Authorization',
  'Bad Gateway',
  'Too many requests',
];

function expectCleanError(body: string, code: string, status: number) {
  const parsed = JSON.parse(body) as { error: { code: string; status: number } };
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.status).toBe(status);
  for (const trace of upstreamTraces) expect(body).not.toContain(trace);
}

describe('a webhook that answers badly', () => {
  it.each([
    ['html-200', 502, 'upstream_bad_reply'],
    ['empty-200', 502, 'upstream_bad_reply'],
  ] as const)(
    '%s becomes a clean %i error without the upstream body',
    async (fault, status, code) => {
      const { res, body } = await chatWith(h.bot.faultUrl(fault));
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expectCleanError(body, code, status);
    },
  );

  const statusCases: [FaultName, number, string][] = [];
  for (const code of [401, 403, 404, 413, 429, 500, 502, 503, 504] as const) {
    const mapped = code === 429 ? 429 : code === 413 ? 413 : code === 504 ? 504 : 502;
    const name =
      code === 429
        ? 'rate_limited'
        : code === 413
          ? 'payload_too_large'
          : code === 504
            ? 'upstream_timeout'
            : 'upstream_error';
    for (const kind of ['html', 'json'] as const)
      statusCases.push([`status-${code}-${kind}`, mapped, name]);
  }
  it.each(statusCases)('%s answers %i %s with none of its body', async (fault, status, code) => {
    const { res, body } = await chatWith(h.bot.faultUrl(fault));
    expect(res.status).toBe(status);
    expectCleanError(body, code, status);
    if (fault.startsWith('status-429')) expect(res.headers.get('retry-after')).toBe('2');
  });

  it.each([
    ['null-json', 'null'],
    ['array-json', '[]'],
    ['output-number', '{"output":123}'],
  ] as const)('passes the whole JSON reply %s through unchanged', async (fault, expected) => {
    const { res, body } = await chatWith(h.bot.faultUrl(fault));
    expect(res.status).toBe(200);
    expect(JSON.parse(body)).toEqual(JSON.parse(expected));
  });

  it('passes JSON served as text/html through as JSON', async () => {
    const { res, body } = await chatWith(h.bot.faultUrl('json-as-html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(body)).toEqual({ output: 'This JSON reply was served as text/html.' });
  });

  it.each([
    ['ndjson-as-json', 'This stream was served as application/json.'],
    ['split-line', 'Hello, split world!'],
    ['split-multibyte', 'Café 👋 déjà vu'],
    ['no-final-newline', 'No final newline.'],
    ['bad-line', 'Before the bad line. After the bad line.'],
    ['two-blocks', 'First block.Second block.'],
    ['keepalive', undefined],
  ] as const)('streams %s through line for line', async (fault, text) => {
    const { res, body } = await chatWith(h.bot.faultUrl(fault));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const items = ndjsonItems(body);
    if (text) {
      expect(
        items
          .filter((i) => i.type === 'item')
          .map((i) => i.content)
          .join(''),
      ).toBe(text);
    } else {
      expect(items.some((i) => i.type === 'keepalive')).toBe(true);
    }
  });

  it('passes the bot error line of a stream through', async () => {
    const { res, body } = await chatWith(h.bot.faultUrl('error-line'));
    expect(res.status).toBe(200);
    expect(ndjsonItems(body).at(-1)).toMatchObject({
      type: 'error',
      content: 'The workflow failed while answering.',
    });
  });

  it.each([
    ['stall', 'The bot stopped responding.'],
    ['never-ends', 'The bot stopped responding.'],
    ['drop-mid-stream', 'The connection to the bot was lost.'],
  ] as const)(
    'ends %s with an n8n error line after the text that arrived',
    async (fault, message) => {
      const started = Date.now();
      const { res, body } = await chatWith(h.bot.faultUrl(fault));
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      const items = ndjsonItems(body);
      expect(items.filter((i) => i.type === 'item').length).toBeGreaterThan(0);
      expect(items.at(-1)).toEqual({ type: 'error', content: message });
      expect(items.some((i) => i.type === 'unparsable')).toBe(false);
    },
  );

  it('does not follow redirects from the webhook', async () => {
    const { res, body } = await chatWith(`${oddUrl}/redirect`);
    expect(res.status).toBe(502);
    expectCleanError(body, 'upstream_redirect', 502);
    expect(body).not.toContain('/target');
    expect(res.headers.get('location')).toBeNull();
    expect(redirectTargetHits).toBe(0);
  });

  it('answers 504 when the webhook sends no headers in time', async () => {
    const started = Date.now();
    const { res, body } = await chatWith(`${oddUrl}/no-headers`);
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2500);
    expectCleanError(body, 'upstream_timeout', 504);
  });

  it('answers 502 when nothing listens at the webhook', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { res, body } = await chatWith(`http://127.0.0.1:${port}/webhook`);
    expect(res.status).toBe(502);
    expectCleanError(body, 'upstream_unreachable', 502);
  });

  it('counts each failure by kind in the report', async () => {
    const { widget } = await chatWith(h.bot.faultUrl('status-503-json'));
    await h.chat(widget.id, sendMessage('s-report-2', 'again'));
    await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, {
      webhookUrl: h.bot.faultUrl('stall'),
    });
    await h.chat(widget.id, sendMessage('s-report-3', 'stall'));
    await h.server.flushAnalytics();
    const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
    const totals = (json as WidgetReport).totals;
    expect(totals.messages).toBe(3);
    expect(totals.errors).toBe(3);
    expect(totals.errorsByKind).toEqual({ http_503: 2, timeout: 1 });
    expect(totals.responses).toBe(0);
  });

  it('never shows the webhook URL in any response, header or info log', () => {
    const everything = h.seen.join('\n');
    const botAddress = new URL(h.bot.url).host;
    const oddAddress = new URL(oddUrl).host;
    // The admin API is the one place that returns the URL; leave its answers out.
    const publicSeen = h.seen.filter((entry) => !entry.includes('"webhookUrl"')).join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    expect(publicSeen).not.toContain(botAddress);
    expect(publicSeen).not.toContain(oddAddress);
    expect(publicSeen).not.toContain('/webhook/fault');
    const logs = JSON.stringify(h.logs);
    expect(logs).not.toContain(botAddress);
    expect(logs).not.toContain(oddAddress);
    expect(h.logs.some((line) => line.level === 'warn')).toBe(true);
  });
});
