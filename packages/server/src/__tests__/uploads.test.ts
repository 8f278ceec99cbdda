import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetReport } from '../store/types.js';
import { type Harness, siteOrigin, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const uploads = {
  allowFileUploads: true,
  allowedFilesMimeTypes: 'image/*,text/plain',
  maxFileSize: 1000,
  maxFiles: 2,
};

function form(sessionId: string, text: string, files: File[]): FormData {
  const body = new FormData();
  body.append('action', 'sendMessage');
  body.append('sessionId', sessionId);
  body.append('chatInput', text);
  body.append('metadata', JSON.stringify({ page: '/pricing' }));
  for (const file of files) body.append('files', file, file.name);
  return body;
}

const upload = (id: string, body: FormData) =>
  h.text(`/v1/widgets/${id}/chat`, { method: 'POST', body });

const png = (name: string, size: number) =>
  new File([new Uint8Array(size)], name, { type: 'image/png' });

const botSaw = (text: string) =>
  h.bot.requests.filter((r) => (r.body as { chatInput?: string } | null)?.chatInput === text);

describe('uploads through /chat', () => {
  it('forwards a multipart message to the webhook as n8n expects and counts its files', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl, config: uploads });
    const { res, body } = await upload(
      widget.id,
      form('up-1', 'Here you go', [
        png('cat.png', 600),
        new File(['hi'], 'a.txt', { type: 'text/plain' }),
      ]),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(body).output).toBe(
      'You said: Here you go\n\nFiles: cat.png (image/png, 600 bytes), a.txt (text/plain, 2 bytes)',
    );
    const [forwarded] = botSaw('Here you go');
    expect(forwarded!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(forwarded!.body).toEqual({
      action: 'sendMessage',
      sessionId: 'up-1',
      chatInput: 'Here you go',
      metadata: { page: '/pricing' },
      files: [
        { field: 'files', name: 'cat.png', size: 600, type: 'image/png' },
        { field: 'files', name: 'a.txt', size: 2, type: 'text/plain' },
      ],
    });
    await h.server.flushAnalytics();
    const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
    expect((json as WidgetReport).totals).toMatchObject({ messages: 1, files: 2 });
  });

  it('refuses files for a widget without uploads, and the wrong type, a too-big file or one too many', async () => {
    const off = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const refusedOff = await upload(off.id, form('up-2', 'no uploads here', [png('a.png', 10)]));
    expect(refusedOff.res.status).toBe(415);
    expect(JSON.parse(refusedOff.body).error).toMatchObject({ code: 'uploads_not_allowed' });

    const on = await h.createWidget({ webhookUrl: h.bot.webhookUrl, config: uploads });
    const pdf = new File(['%PDF'], 'terms.pdf', { type: 'application/pdf' });
    const wrongType = await upload(on.id, form('up-3', 'a pdf', [pdf]));
    expect(wrongType.res.status).toBe(415);
    expect(JSON.parse(wrongType.body).error.message).toContain('terms.pdf');
    const tooBig = await upload(on.id, form('up-4', 'a big one', [png('huge.png', 5000)]));
    expect(tooBig.res.status).toBe(413);
    expect(JSON.parse(tooBig.body).error.message).toContain('huge.png');
    const tooMany = await upload(
      on.id,
      form('up-5', 'three', [png('1.png', 1), png('2.png', 1), png('3.png', 1)]),
    );
    expect(tooMany.res.status).toBe(413);
    expect(JSON.parse(tooMany.body).error).toMatchObject({ code: 'too_many_files' });
    for (const text of ['no uploads here', 'a pdf', 'a big one', 'three'])
      expect(botSaw(text).filter((r) => r.body !== null)).toEqual([]);
  });

  it('streams a big file to the webhook while the visitor is still sending it', async () => {
    let received = 0;
    const upstream: Server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ output: `got ${received} bytes` }));
      });
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const port = (upstream.address() as { port: number }).port;
    const size = 48 * 1024 * 1024;
    const widget = await h.createWidget({
      webhookUrl: `http://127.0.0.1:${port}/webhook/chat`,
      config: { ...uploads, maxFileSize: 64 * 1024 * 1024 },
    });

    const boundary = 'test-boundary-0123456789';
    const head = [
      ['action', 'sendMessage'],
      ['sessionId', 'big-1'],
      ['chatInput', 'a big photo'],
    ]
      .map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      )
      .join('');
    const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`;
    const url = new URL(`${h.server.url}/v1/widgets/${widget.id}/chat`);
    const client = httpRequest({
      hostname: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: siteOrigin },
    });
    const answered = once(client, 'response');
    const rssBefore = process.memoryUsage().rss;
    client.write(head + fileHead);
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const write = async (count: number) => {
      for (let i = 0; i < count; i++) if (!client.write(chunk)) await once(client, 'drain');
    };
    await write(size / chunk.length / 2);
    // Half the file is sent: the webhook must already be receiving it.
    const deadline = Date.now() + 5000;
    while (received === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const receivedMidway = received;
    await write(size / chunk.length / 2);
    client.end(`\r\n--${boundary}--\r\n`);
    const [res] = (await answered) as [import('node:http').IncomingMessage];
    let text = '';
    for await (const part of res) text += part;
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    upstream.close();

    expect(receivedMidway).toBeGreaterThan(0);
    expect(res.statusCode).toBe(200);
    expect(received).toBeGreaterThan(size);
    expect(JSON.parse(text).output).toBe(`got ${received} bytes`);
    expect(rssGrowth).toBeLessThan(size / 2);
  });
});
