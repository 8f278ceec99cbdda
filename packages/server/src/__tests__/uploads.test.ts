import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { uploadRulesOf } from '../proxy/upload-rules.js';
import { readVisitorFrame } from '../response-node/visitor-frame.js';
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
    client.write(head + fileHead);
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const write = async (count: number) => {
      for (let i = 0; i < count; i++) if (!client.write(chunk)) await once(client, 'drain');
    };
    await write(size / chunk.length / 2);
    // Half the file is sent: the webhook must already have much of it (nothing waits for the whole).
    const deadline = Date.now() + 5000;
    while (received < size / 4 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const receivedMidway = received;
    await write(size / chunk.length / 2);
    client.end(`\r\n--${boundary}--\r\n`);
    const [res] = (await answered) as [import('node:http').IncomingMessage];
    let text = '';
    for await (const part of res) text += part;
    upstream.close();

    expect(receivedMidway).toBeGreaterThanOrEqual(size / 4);
    expect(res.statusCode).toBe(200);
    expect(received).toBeGreaterThan(size);
    expect(JSON.parse(text).output).toBe(`got ${received} bytes`);
  });
});

describe('upload settings from the cwp-server CLI', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--db', h.dbFile], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { CWP_ALLOW_PRIVATE_WEBHOOKS: '1' },
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('turns uploads on with types and limits, keeps the rest of the config, and off again', async () => {
    const created = await cli(
      'widgets',
      'create',
      '--name',
      'Files',
      '--webhook-url',
      h.bot.webhookUrl,
      '--origin',
      siteOrigin,
      '--config',
      '{"locale":"de"}',
      '--uploads',
      '--upload-types',
      'image/*,.csv',
      '--max-file-size',
      '2048',
      '--max-files',
      '3',
    );
    expect(created.err).toBe('');
    const id = created.out.trim();
    const config = async () =>
      ((await h.admin('GET', `/v1/admin/widgets/${id}`)).json as { config: unknown }).config;
    expect(await config()).toEqual({
      locale: 'de',
      allowFileUploads: true,
      allowedFilesMimeTypes: 'image/*,.csv',
      maxFileSize: 2048,
      maxFiles: 3,
    });
    const refused = await upload(id, form('cli-1', 'big', [png('b.png', 4096)]));
    expect(refused.res.status).toBe(413);
    expect((await cli('widgets', 'update', id, '--no-uploads')).code).toBe(0);
    expect(await config()).toMatchObject({ locale: 'de', allowFileUploads: false, maxFiles: 3 });
    const bad = await cli('widgets', 'update', id, '--max-files', 'lots');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--max-files must be a positive whole number');
  });
});

describe('files over a response-node socket', () => {
  const rules = uploadRulesOf(uploads)!;
  const frame = (files: unknown) =>
    JSON.stringify({ sessionId: 's', action: 'sendMessage', chatInput: 'hi', files });
  const png64 = (bytes: number) =>
    `data:image/png;base64,${Buffer.alloc(bytes).toString('base64')}`;

  it('passes files within the widget rules on as n8n expects, and refuses the rest', () => {
    const ok = readVisitorFrame(
      frame([{ name: 'a.png', type: 'image/png', data: png64(10) }]),
      's',
      rules,
    );
    expect(ok).toMatchObject({ kind: 'message', files: 1 });
    expect(JSON.parse((ok as { json: string }).json).files[0].name).toBe('a.png');
    const reasons = [
      readVisitorFrame(frame([{ name: 'a.png', type: 'image/png', data: png64(10) }]), 's', null),
      readVisitorFrame(
        frame([{ name: 'x.pdf', type: 'application/pdf', data: png64(10) }]),
        's',
        rules,
      ),
      readVisitorFrame(
        frame([{ name: 'b.png', type: 'image/png', data: png64(2000) }]),
        's',
        rules,
      ),
      readVisitorFrame(
        frame([1, 2, 3].map(() => ({ name: 'c.png', type: 'image/png', data: png64(1) }))),
        's',
        rules,
      ),
    ].map((f) => (f as { reason: string }).reason);
    expect(reasons).toEqual([
      'this widget does not accept files',
      '"x.pdf" is not a file type this widget accepts',
      '"b.png" is larger than 1000 bytes',
      'at most 2 files per message',
    ]);
  });
});
