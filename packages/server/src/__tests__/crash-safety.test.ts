import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { startServer } from '../server.js';
import { withSchema } from '../store/__tests__/pg-schema.js';
import { openStore } from '../store/index.js';
import type { WidgetReport } from '../store/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const cliPath = join(here, '..', 'cli.ts');
// The tsx loader inside this very process, not the tsx binary: that one runs the server in a child
// of its own, which a SIGKILL of the binary would leave running.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const token = 'crash-safety-admin-token-0123456789';
const origin = 'https://shop.example';
const total = 300;
const concurrency = 20;

/** A loopback n8n webhook: a whole JSON reply, or a streamed one when the message starts with "s". */
async function startWebhook(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const input = String((JSON.parse(body) as { chatInput?: string }).chatInput ?? '');
      if (input.startsWith('s')) {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write('{"type":"begin"}\n{"type":"item","content":"o"}\n');
        res.end('{"type":"item","content":"k"}\n{"type":"end"}\n');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ output: 'ok' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, server };
}

function startChild(args: string[], env: Record<string, string>): ChildProcess {
  const node = ['--conditions=source', '--import', tsxLoader];
  // Workspace packages resolve to their TypeScript sources (--conditions=source), as in the tests.
  return spawn(process.execPath, [...node, cliPath, 'start', '--port', '0', ...args], {
    env: {
      ...process.env,
      CWP_ADMIN_TOKEN: token,
      CWP_ALLOW_PRIVATE_WEBHOOKS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not listening in 15 s: ${output}`)), 15_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

interface Sent {
  readonly sessionId: string;
  /** When the whole reply had arrived; the server recorded the message and the reply before that. */
  readonly doneAt: number;
}

/** Sends `total` messages, `concurrency` at a time; resolves when the last reply has been read whole. */
async function proxyTraffic(url: string, widgetId: string, count = total): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const sessionId = `crash-${i}`;
      const res = await fetch(`${url}/v1/widgets/${widgetId}/chat`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'sendMessage',
          sessionId,
          chatInput: `${i % 2 ? 's' : 'w'}${i}`,
        }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`message ${i}: ${res.status} ${text}`);
      expect(text).toContain('k');
      sent.push({ sessionId, doneAt: Date.now() });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sent;
}

const generousLimits = {
  perIpPerMinute: 100_000,
  perSessionPerMinute: 100,
  perWidgetPerMinute: 100_000,
  maxConcurrentStreams: 100,
};

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function reportAfterRestart(
  target: { dbFile: string } | { databaseUrl: string },
  widgetId: string,
): Promise<WidgetReport['totals']> {
  const server = await startServer({
    port: 0,
    ...target,
    adminToken: token,
    logger: silentLogger,
  });
  try {
    const res = await fetch(`${server.url}/v1/admin/widgets/${widgetId}/report`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as WidgetReport).totals;
  } finally {
    await server.close();
  }
}

describe('a server stopped right after its last reply', () => {
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  beforeAll(async () => {
    webhook = await startWebhook();
  });
  afterAll(() => new Promise<void>((resolve) => webhook.server.close(() => resolve())));

  it('on SQLite, keeps the record of every message and reply it sent', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwp-crash-'));
    const dbFile = join(dir, 'cwp.db');
    let child: ChildProcess | undefined;
    try {
      const store = await openStore({ file: dbFile });
      await store.migrate();
      const widget = await store.createWidget({
        name: 'Crash',
        webhookUrl: webhook.url,
        allowedOrigins: [origin],
        limits: generousLimits,
      });
      await store.close();

      child = startChild(['--db', dbFile], { DATABASE_URL: '' });
      const url = await listeningUrl(child);
      await proxyTraffic(url, widget.id);
      child.kill('SIGKILL');
      await killed(child);

      const totals = await reportAfterRestart({ dbFile }, widget.id);
      expect(totals).toMatchObject({ messages: total, responses: total, errors: 0 });
      expect(totals.sessions).toBe(total);
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A fresh schema with one widget; dropped afterwards. */
  async function withPostgres(
    run: (ctx: {
      admin: pg.Client;
      schema: string;
      databaseUrl: string;
      widgetId: string;
    }) => Promise<void>,
  ) {
    const pgUrl = process.env.TEST_DATABASE_URL;
    if (!pgUrl) {
      throw new Error(
        'TEST_DATABASE_URL is not set: run `node scripts/pg.mjs start` and export the URL it prints',
      );
    }
    const schema = `cwp_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      const databaseUrl = withSchema(pgUrl, schema);
      const store = await openStore({ databaseUrl });
      await store.migrate();
      const widget = await store.createWidget({
        name: 'Crash',
        webhookUrl: webhook.url,
        allowedOrigins: [origin],
        limits: generousLimits,
      });
      await store.close();
      await run({ admin, schema, databaseUrl, widgetId: widget.id });
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await admin.end();
    }
  }

  it('on PostgreSQL, loses at most the records of the last ~100 ms', {
    timeout: 60_000,
  }, async () => {
    let child: ChildProcess | undefined;
    await withPostgres(async ({ admin, schema, databaseUrl, widgetId }) => {
      const widget = { id: widgetId };
      child = startChild([], { DATABASE_URL: databaseUrl });
      const url = await listeningUrl(child);
      const sent = await proxyTraffic(url, widget.id);
      child.kill('SIGKILL');
      const killedAt = Date.now();
      await killed(child);

      const stored = await admin.query<{ session_id: string; kind: string }>(
        `SELECT session_id, kind FROM ${schema}.analytics WHERE widget_id = $1`,
        [widget.id],
      );
      const rows = (kind: string) =>
        new Set(stored.rows.filter((r) => r.kind === kind).map((r) => r.session_id));
      const [messages, responses] = [rows('message'), rows('response')];
      // The flush interval is 100 ms; another 150 ms covers the write itself and late timers on a busy machine.
      const settled = sent.filter((s) => s.doneAt < killedAt - 250);
      expect(settled.length).toBeGreaterThan(0);
      expect(settled.filter((s) => !messages.has(s.sessionId))).toEqual([]);
      expect(settled.filter((s) => !responses.has(s.sessionId))).toEqual([]);
      const totals = await reportAfterRestart({ databaseUrl }, widget.id);
      expect(totals).toMatchObject({ messages: messages.size, responses: responses.size });
    }).finally(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  });

  it('on PostgreSQL, a SIGTERM right after the last reply still writes every record', {
    timeout: 60_000,
  }, async () => {
    let child: ChildProcess | undefined;
    await withPostgres(async ({ databaseUrl, widgetId }) => {
      child = startChild([], { DATABASE_URL: databaseUrl });
      const url = await listeningUrl(child);
      await proxyTraffic(url, widgetId, 100);
      const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const totals = await reportAfterRestart({ databaseUrl }, widgetId);
      expect(totals).toMatchObject({ messages: 100, responses: 100, errors: 0 });
    }).finally(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  });
});
