import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import type { Logger } from '../logger.js';
import { refusalLog } from '../security/refusal-log.js';
import type { WidgetRecord } from '../store/types.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // No widget cache: the CLI changes the database under the running server.
  h = await startHarness({ widgetCacheMs: 0 });
});
afterAll(() => h.close());

const pageOrigin = 'https://blog.example';

async function createWidget(): Promise<WidgetRecord> {
  return h.createWidget({
    name: 'Private shop widget',
    webhookUrl: h.bot.webhookUrl,
    allowedOrigins: ['https://shop.example'],
    config: { header: { title: 'Secret shop title' } },
  });
}

const refusals = () => h.logs.filter((line) => line.message.startsWith('widget request refused'));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--db', h.dbFile], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('a refused page can tell why', () => {
  it('answers a refused origin with a 403 the page can read, carrying no widget data', async () => {
    const widget = await createWidget();
    for (const [method, path] of [
      ['GET', 'config'],
      ['POST', 'chat'],
      ['POST', 'events'],
    ] as const) {
      const { res, body } = await h.text(`/v1/widgets/${widget.id}/${path}`, {
        method,
        origin: pageOrigin,
        ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'text/plain' } } : {}),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBe(pageOrigin);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toContain('Origin');
      expect(JSON.parse(body)).toEqual({
        error: {
          code: 'origin_not_allowed',
          message: 'this origin is not allowed to use this widget',
        },
      });
      expect(body).not.toMatch(/Secret shop title|Private shop widget|shop\.example|127\.0\.0\.1/);
    }
  });

  it('answers an unknown widget id with a readable 404 that says so', async () => {
    const { res, body } = await h.text('/v1/widgets/no-such-widget/config', { origin: pageOrigin });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(pageOrigin);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(JSON.parse(body)).toEqual({
      error: { code: 'not_found', message: 'no widget with this id, or it is disabled' },
    });
  });

  it('keeps a refused preflight opaque', async () => {
    const widget = await createWidget();
    const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
      method: 'OPTIONS',
      origin: pageOrigin,
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('logs a refusal once per origin and widget a minute, with the command that fixes it', async () => {
    const widget = await createWidget();
    const before = refusals().length;
    for (let i = 0; i < 5; i += 1) {
      await h.request(`/v1/widgets/${widget.id}/config`, { origin: pageOrigin });
    }
    await h.request(`/v1/widgets/${widget.id}/config`, { origin: 'https://other.example' });
    const lines = refusals().slice(before);
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'widget request refused: origin not allowed',
        fields: {
          widget: widget.id,
          origin: pageOrigin,
          fix: `cwp-server widgets update ${widget.id} --add-origin ${pageOrigin}`,
        },
      },
      expect.objectContaining({
        fields: expect.objectContaining({ origin: 'https://other.example' }),
      }),
    ]);

    // The logged command, run as written, lets the page in and keeps the origins already allowed.
    const fix = String(lines[0]?.fields?.fix).split(' ').slice(1);
    expect((await cli(...fix)).code).toBe(0);
    expect(
      (await h.request(`/v1/widgets/${widget.id}/config`, { origin: pageOrigin })).status,
    ).toBe(200);
    const read = await h.admin('GET', `/v1/admin/widgets/${widget.id}`);
    expect((read.json as WidgetRecord).allowedOrigins).toEqual([
      'https://shop.example',
      pageOrigin,
    ]);
  });

  it('logs unknown widget ids once a minute too', async () => {
    const before = refusals().length;
    for (let i = 0; i < 3; i += 1) {
      await h.request('/v1/widgets/never-created/config', { origin: pageOrigin });
    }
    expect(refusals().slice(before)).toEqual([
      {
        level: 'warn',
        message: 'widget request refused: no enabled widget with this id',
        fields: { widget: 'never-created', origin: pageOrigin },
      },
    ]);
  });
});

describe('the refusal log', () => {
  function capture() {
    const lines: { message: string; fields: unknown }[] = [];
    const logger: Logger = {
      info() {},
      error() {},
      warn: (message, fields) => lines.push({ message, fields }),
    };
    let now = 0;
    return { lines, log: refusalLog(logger, () => now), tick: (ms: number) => (now += ms) };
  }

  it('logs the same origin and widget again once the minute has passed', () => {
    const { lines, log, tick } = capture();
    log('origin_not_allowed', 'w1', pageOrigin);
    tick(59_999);
    log('origin_not_allowed', 'w1', pageOrigin);
    expect(lines).toHaveLength(1);
    tick(1);
    log('origin_not_allowed', 'w1', pageOrigin);
    log('origin_not_allowed', 'w2', pageOrigin);
    expect(lines).toHaveLength(3);
  });

  it('truncates long values and strips control characters', () => {
    const { lines, log } = capture();
    log('origin_not_allowed', 'w1', `https://${'a'.repeat(5000)}.example\n{"level":"error"}`);
    const fields = lines[0]?.fields as { origin: string; fix: string };
    expect(fields.origin.length).toBeLessThanOrEqual(121);
    expect(fields.origin).not.toContain('\n');
    expect(fields.fix.length).toBeLessThan(200);
  });

  it('stays bounded under a flood of distinct origins', () => {
    const { lines, log } = capture();
    for (let i = 0; i < 5000; i += 1) log('origin_not_allowed', 'w1', `https://x${i}.example`);
    expect(lines.length).toBeLessThanOrEqual(1000);
  });
});
