import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Bot,
  type FaultName,
  faultContent,
  faultErrorMessage,
  faultNames,
  startBot,
} from '../index.js';
import { concat, itemText, ndjson, readChunks, send } from './helpers.js';

let bot: Bot;

beforeAll(async () => {
  bot = await startBot();
});

beforeEach(() => bot.reset());

afterAll(() => bot?.close());

const sendTo = (name: FaultName, query = '') => send(`${bot.faultUrl(name)}${query}`, 'hi');

describe('fault catalogue', () => {
  it('covers every status from the hostile transport list in HTML and JSON', () => {
    for (const code of [401, 403, 404, 413, 429, 500, 502, 503, 504]) {
      expect(faultNames).toContain(`status-${code}-html`);
      expect(faultNames).toContain(`status-${code}-json`);
    }
    expect(new Set(faultNames).size).toBe(faultNames.length);
  });

  it('answers every fault that finishes by itself within a second', async () => {
    const finite = faultNames.filter((name) => !['stall', 'never-ends'].includes(name));
    const outcomes = await Promise.all(
      finite.map(async (name) => {
        try {
          const response = await sendTo(name, '');
          await response.arrayBuffer();
          return response.status;
        } catch {
          return 'dropped';
        }
      }),
    );
    const byName = Object.fromEntries(finite.map((name, index) => [name, outcomes[index]]));
    expect(byName['drop-mid-stream']).toBe('dropped');
    expect(byName['html-200']).toBe(200);
    expect(byName['status-503-json']).toBe(503);
    expect(bot.requests).toHaveLength(finite.length);
  });

  it('answers an unknown fault name with a 404 listing the known ones', async () => {
    const response = await send(`${bot.url}/webhook/fault/typo`, 'hi');
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain('status-504-html');
  });
});

describe('broken whole replies', () => {
  it('serves malformed 200 bodies', async () => {
    const html = await sendTo('html-200');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<html');
    expect(await (await sendTo('empty-200')).text()).toBe('');
    expect(await (await sendTo('null-json')).json()).toBeNull();
    expect(await (await sendTo('array-json')).json()).toEqual([]);
    expect(await (await sendTo('output-number')).json()).toEqual({ output: 123 });
    const noOutput = (await (await sendTo('no-output')).json()) as Record<string, unknown>;
    expect(Object.keys(noOutput)).not.toEqual(expect.arrayContaining(['output']));
    expect(noOutput).not.toHaveProperty('text');
    expect(noOutput).not.toHaveProperty('message');
  });

  it('serves a good JSON reply labelled text/html', async () => {
    const response = await sendTo('json-as-html');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(JSON.parse(await response.text())).toEqual({ output: faultContent['json-as-html'][0] });
  });

  it('serves statuses with n8n and proxy bodies, and Retry-After on 429', async () => {
    const notRegistered = await sendTo('status-404-json');
    expect(notRegistered.status).toBe(404);
    expect(await notRegistered.json()).toMatchObject({
      code: 404,
      message: 'The requested webhook "POST abc/chat" is not registered.',
      hint: expect.any(String),
    });
    const gateway = await sendTo('status-502-html');
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await gateway.text()).toContain('502 Bad Gateway');
    for (const kind of ['html', 'json'] as const) {
      const limited = await sendTo(`status-429-${kind}`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      await limited.arrayBuffer();
    }
  });

  it('lets the chat demo trigger a fault with /fault <name>', async () => {
    const response = await send(bot.webhookUrl, '/fault status-401-json');
    expect(response.status).toBe(401);
    await response.arrayBuffer();
    const unknown = await send(bot.webhookUrl, '/fault nothing-like-this');
    expect(((await unknown.json()) as { output: string }).output).toContain('no fault called');
  });

  it('still loads history on a fault URL unless asked to fail it too', async () => {
    const load = (query: string) =>
      fetch(`${bot.faultUrl('status-500-json')}${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'loadPreviousSession', sessionId: 'x' }),
      });
    expect(await (await load('')).json()).toEqual({ data: [] });
    const failing = await load('?faultHistory=1');
    expect(failing.status).toBe(500);
    await failing.arrayBuffer();
  });
});

describe('broken streams', () => {
  it('splits one NDJSON line across two network reads', async () => {
    const reads = await readChunks(await sendTo('split-line'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(concat(reads.slice(0, 1)).endsWith('\n')).toBe(false);
    expect(itemText(concat(reads))).toBe(faultContent['split-line'].join(''));
  });

  it('splits an accented letter and an emoji across reads', async () => {
    const reads = await readChunks(await sendTo('split-multibyte'));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    const strict = new TextDecoder('utf-8', { fatal: true });
    expect(() => strict.decode(reads[0])).toThrow();
    expect(() => strict.decode(reads[1])).toThrow();
    expect(itemText(concat(reads))).toBe('Café 👋 déjà vu');
  });

  it('serves the odd-but-valid stream shapes', async () => {
    const noNewline = await (await sendTo('no-final-newline')).text();
    expect(noNewline.endsWith('\n')).toBe(false);
    expect(ndjson(noNewline).at(-1)?.type).toBe('end');

    const badLine = await (await sendTo('bad-line')).text();
    expect(badLine.split('\n').filter(Boolean)).toHaveLength(5);
    expect(itemText(badLine)).toBe(faultContent['bad-line'].join(''));

    const twoBlocks = ndjson(await (await sendTo('two-blocks')).text()).map((c) => c.type);
    expect(twoBlocks).toEqual(['begin', 'item', 'end', 'begin', 'item', 'end']);

    const errorLine = ndjson(await (await sendTo('error-line')).text());
    expect(errorLine.at(-1)).toMatchObject({ type: 'error', content: faultErrorMessage });

    const noItems = ndjson(await (await sendTo('no-items')).text()).map((c) => c.type);
    expect(noItems).toEqual(['begin', 'end']);

    const keepalive = await (await sendTo('keepalive')).text();
    expect(ndjson(keepalive).filter((c) => c.type === 'keepalive').length).toBeGreaterThan(0);
    expect(itemText(keepalive)).toBe('Still here.');

    const asJson = await sendTo('ndjson-as-json');
    expect(asJson.headers.get('content-type')).toBe('application/json');
    expect(asJson.headers.get('content-length')).not.toBeNull();
    expect(itemText(await asJson.text())).toBe(faultContent['ndjson-as-json'].join(''));
  });

  it('drops the connection after a few items', async () => {
    const response = await sendTo('drop-mid-stream');
    const reader = response.body!.getReader();
    let text = '';
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          text += Buffer.from(value).toString('utf8');
        }
      })(),
    ).rejects.toThrow();
    expect(itemText(text)).toBe(faultContent['drop-mid-stream'].join(''));
    expect(text).not.toContain('"end"');
  });

  it('stalls after two items and resumes when the stall is over', async () => {
    const started = Date.now();
    const text = await (await sendTo('stall', '?stallMs=250')).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(itemText(text)).toBe('Stalled reply resumed.');
  });
});

describe('shutting down', () => {
  it('ends a never-ending stream and a stalled one promptly on close()', async () => {
    const local = await startBot();
    const readers = await Promise.all(
      (['never-ends', 'stall'] as const).map(async (name) => {
        const response = await send(local.faultUrl(name), 'hi');
        const reader = response.body!.getReader();
        await reader.read();
        return reader;
      }),
    );
    const started = Date.now();
    await local.close();
    expect(Date.now() - started).toBeLessThan(500);
    for (const reader of readers) {
      await expect(
        (async () => {
          for (;;) if ((await reader.read()).done) return;
        })(),
      ).rejects.toThrow();
    }
  });

  it('keeps serving after a client gives up on a never-ending stream', async () => {
    const controller = new AbortController();
    const response = await send(bot.faultUrl('never-ends'), 'hi', 's', {
      signal: controller.signal,
    });
    await response.body!.getReader().read();
    controller.abort();
    expect(await (await send(bot.webhookUrl, 'still there?')).json()).toEqual({
      output: 'You said: still there?',
    });
  });
});
