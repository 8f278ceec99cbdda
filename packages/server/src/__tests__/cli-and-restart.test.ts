import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { openStore } from '../store/open-store.js';
import type { WidgetReport } from '../store/types.js';
import {
  adminToken,
  type Harness,
  ndjsonItems,
  readChunks,
  sendMessage,
  siteOrigin,
  startHarness,
} from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const cliPath = join(here, '..', 'cli.ts');
const tsx = join(here, '..', '..', '..', '..', 'node_modules', '.bin', 'tsx');

describe('restarting on the same database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('keeps widgets and analytics across a restart', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      config: { header: { title: 'Kept' } },
    });
    await h.chat(widget.id, sendMessage('k-1', 'before restart'));
    await h.restart();
    const config = await h.text(`/v1/widgets/${widget.id}/config`);
    expect(JSON.parse(config.body)).toEqual({
      id: widget.id,
      config: { header: { title: 'Kept' } },
    });
    await h.chat(widget.id, sendMessage('k-1', 'after restart'));
    await h.server.flushAnalytics();
    const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
    expect((json as WidgetReport).totals).toMatchObject({ messages: 2, responses: 2, sessions: 1 });
  });
});

describe('stopping the server', () => {
  it('lets a reply in flight finish before it stops', async () => {
    const h = await startHarness();
    try {
      const widget = await h.createWidget({
        webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=4&delay=60`,
      });
      const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sendMessage('bye-1', 'finish this reply please')),
      });
      const reading = readChunks(res);
      const closing = h.server.close();
      const { text } = await reading;
      await closing;
      const items = ndjsonItems(text);
      expect(items.at(-1)?.type).toBe('end');
      expect(
        items
          .filter((i) => i.type === 'item')
          .map((i) => i.content)
          .join(''),
      ).toBe('You said: finish this reply please');
      await expect(fetch(`${h.server.url}/healthz`)).rejects.toThrow();
    } finally {
      await h.close();
    }
  });

  it('cuts replies still running after the grace period', async () => {
    const h = await startHarness({ shutdownGraceMs: 100 });
    try {
      const widget = await h.createWidget({ webhookUrl: h.bot.faultUrl('never-ends') });
      const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sendMessage('bye-2', 'go')),
      });
      const reading = readChunks(res).then(
        ({ text }) => text,
        () => 'cut',
      );
      const started = Date.now();
      await h.server.close();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await reading).not.toContain('"type":"end"');
    } finally {
      await h.close();
    }
  });
});

function cliIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env },
  };
}

describe('the cwp-server CLI', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwp-cli-'));
    db = join(dir, 'cli.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['start', '--port', 'eighty']],
    [['start', '--bogus']],
    [['widgets', 'create', '--name', 'x']],
    [['widgets', 'frobnicate']],
    [['widgets']],
    [['launch']],
    [['report', '--from', 'last-week']],
    [['widgets', 'update']],
  ])('exits 2 with a message for %j', async (argv) => {
    const { io, err } = cliIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(err.join('')).toMatch(/^cwp-server: .+\nRun "cwp-server --help" for usage\.\n$/);
  });

  it('exits 2 for a trusted proxy that is not an address, and 1 for a port in use', async () => {
    const bad = cliIo();
    expect(
      await runCli(['start', '--port', '0', '--db', db, '--trust-proxy', 'proxy.internal'], bad.io),
    ).toBe(2);
    expect(bad.err.join('')).toContain('"proxy.internal" is not an IP address or CIDR block');
    const taken = await startHarness();
    try {
      const busy = cliIo();
      const port = new URL(taken.server.url).port;
      expect(await runCli(['start', '--port', port, '--db', db], busy.io)).toBe(1);
      expect(busy.err.join('')).toContain('the port is in use');
    } finally {
      await taken.close();
    }
  });

  it('exits 2 for a bad database URL without printing its password', async () => {
    const { io, err } = cliIo({ DATABASE_URL: 'mysql://admin:hunter2@db.example/cwp' });
    expect(await runCli(['widgets', 'list'], io)).toBe(2);
    expect(err.join('')).toMatch(/database/i);
    expect(err.join('')).not.toContain('hunter2');
  });

  it('lets DATABASE_URL win over --db', async () => {
    const viaUrl = join(dir, 'from-url.db');
    const viaFlag = join(dir, 'from-flag.db');
    const env = { DATABASE_URL: viaUrl };
    const create = cliIo(env);
    const args = [
      'widgets',
      'create',
      '--db',
      viaFlag,
      '--name',
      'where',
      '--webhook-url',
      'https://n8n.example.com/w',
      '--origin',
      siteOrigin,
    ];
    expect(await runCli(args, create.io)).toBe(0);
    const id = create.out.join('').trim();
    const fromUrl = cliIo(env);
    await runCli(['widgets', 'list', '--db', viaFlag], fromUrl.io);
    expect(fromUrl.out.join('')).toContain(id);
    const fromFlag = cliIo();
    await runCli(['widgets', 'list', '--db', viaFlag], fromFlag.io);
    expect(fromFlag.out.join('')).not.toContain(id);
  });

  it('prints help', async () => {
    const { io, out } = cliIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('cwp-server widgets create');
  });

  it('creates, lists, updates, reports on and deletes widgets in the database', async () => {
    const create = cliIo();
    const code = await runCli(
      [
        'widgets',
        'create',
        '--db',
        db,
        '--name',
        'Shop\u001b[31m red\u0007',
        '--webhook-url',
        'https://n8n.example.com/webhook/a',
        '--origin',
        siteOrigin,
        '--origin',
        'https://b.example',
      ],
      create.io,
    );
    expect(create.err.join('')).toBe('');
    expect(code).toBe(0);
    const id = create.out.join('').trim();
    expect(id).toMatch(/^[A-Za-z0-9_-]{10,}$/);

    const list = cliIo();
    expect(await runCli(['widgets', 'list', '--db', db], list.io)).toBe(0);
    const listed = list.out.join('');
    expect(listed).toContain(id);
    expect(listed).toContain('Shop[31m red');
    expect(
      [...listed].some((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)),
    ).toBe(false);

    const update = cliIo();
    expect(
      await runCli(
        ['widgets', 'update', id, '--db', db, '--name', 'Renamed', '--disable'],
        update.io,
      ),
    ).toBe(0);
    const after = cliIo();
    await runCli(['widgets', 'list', '--db', db], after.io);
    expect(after.out.join('')).toMatch(/Renamed\s+disabled/);

    const privateUrl = cliIo();
    expect(
      await runCli(
        ['widgets', 'update', id, '--db', db, '--webhook-url', 'http://127.0.0.1:5678/'],
        privateUrl.io,
      ),
    ).toBe(2);
    expect(privateUrl.err.join('')).toContain('--allow-private-webhooks');
    const allowed = cliIo({ CWP_ALLOW_PRIVATE_WEBHOOKS: '1' });
    expect(
      await runCli(
        ['widgets', 'update', id, '--db', db, '--webhook-url', 'http://127.0.0.1:5678/'],
        allowed.io,
      ),
    ).toBe(0);

    const report = cliIo();
    expect(await runCli(['report', id, '--db', db], report.io)).toBe(0);
    expect(report.out.join('')).toMatch(/DAY\s+SESSIONS\s+MESSAGES/);
    expect(report.out.join('')).toMatch(/total/);
    const all = cliIo();
    expect(await runCli(['report', '--db', db], all.io)).toBe(0);
    expect(all.out.join('')).toContain('Renamed');

    const del = cliIo();
    expect(await runCli(['widgets', 'delete', id, '--db', db], del.io)).toBe(0);
    const again = cliIo();
    expect(await runCli(['widgets', 'delete', id, '--db', db], again.io)).toBe(1);
    expect(again.err.join('')).toContain('no widget');
  });

  it('reports starter prompts, buttons chosen and thumbs up/down with the rate of thumbs up', async () => {
    const file = join(dir, 'feedback.db');
    const store = await openStore({ file });
    const widget = await store.createWidget({
      name: 'Rated',
      webhookUrl: 'https://n8n.example.com/webhook/a',
      allowedOrigins: [siteOrigin],
    });
    const at = Date.now();
    const thumb = (kind: 'feedback_up' | 'feedback_down', messageId: string) =>
      ({ widgetId: widget.id, at, kind, sessionId: 's1', messageId }) as const;
    await store.recordAnalytics([
      thumb('feedback_up', 'r1'),
      thumb('feedback_up', 'r2'),
      thumb('feedback_up', 'r3'),
      thumb('feedback_down', 'r4'),
      { widgetId: widget.id, at, kind: 'starter_prompt', sessionId: 's1' },
      { widgetId: widget.id, at, kind: 'button_chosen', sessionId: 's1' },
      { widgetId: widget.id, at, kind: 'button_chosen', sessionId: 's1' },
    ]);
    await store.close();

    const one = cliIo();
    expect(await runCli(['report', widget.id, '--db', file], one.io)).toBe(0);
    const lines = one.out.join('').split('\n');
    expect(lines[1]).toMatch(/PROMPTS\s+BUTTONS\s+UP\s+DOWN\s+UP RATE$/);
    expect(lines.find((line) => line.startsWith('total'))).toMatch(/\s1\s+2\s+3\s+1\s+75\.0%$/);
    const all = cliIo();
    expect(await runCli(['report', '--db', file], all.io)).toBe(0);
    expect(all.out.join('')).toMatch(/Rated\s.*\s3\s+1\s+75\.0%\n/);
  });

  it('starts a real server process that answers /healthz and stops on SIGTERM', async () => {
    // --conditions=source: workspace packages (@cwp/core/protocol) resolve to their sources, no build needed.
    const child = spawn(
      tsx,
      ['--conditions=source', cliPath, 'start', '--port', '0', '--db', join(dir, 'spawned.db')],
      {
        env: { ...process.env, CWP_ADMIN_TOKEN: adminToken, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await listeningUrl(child);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const admin = await fetch(`${url}/v1/admin/widgets`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(admin.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits 2 from the real binary on a bad flag', async () => {
    const child = spawn(tsx, ['--conditions=source', cliPath, 'start', '--no-such-flag'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    expect(await exitCode(child)).toBe(2);
    expect(stderr).toContain("Unknown option '--no-such-flag'");
  });
});

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no listening line in 15 s: ${output}`)),
      15_000,
    );
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
