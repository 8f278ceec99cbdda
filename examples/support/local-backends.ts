/**
 * The back ends the example tests chat with, on 127.0.0.1: the local bot, and @cwp/server on a
 * throwaway SQLite file with its admin API on, so a test can create managed widgets for its page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bot, startBot } from '@cwp/bot';
import { silentLogger, startServer } from '@cwp/server';

export interface LocalBackends {
  bot: Bot;
  /** @cwp/server, e.g. http://127.0.0.1:41234 */
  serverUrl: string;
  /** A managed widget forwarding to `webhookUrl` (default: the bot's whole replies); returns its id. */
  createWidget(options: { origins: string[]; webhookUrl?: string }): Promise<string>;
  close(): Promise<void>;
}

const adminToken = 'example-tests-admin-token-0123456789';

export async function startLocalBackends(): Promise<LocalBackends> {
  const dir = await mkdtemp(join(tmpdir(), 'cwp-example-'));
  const bot = await startBot({ port: 0 });
  const server = await startServer({
    port: 0,
    dbFile: join(dir, 'cwp.db'),
    adminToken,
    allowPrivateWebhooks: true,
    logger: silentLogger,
    shutdownGraceMs: 200,
  });
  return {
    bot,
    serverUrl: server.url,
    async createWidget({ origins, webhookUrl = bot.webhookUrl }) {
      const response = await fetch(`${server.url}/v1/admin/widgets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Example', webhookUrl, allowedOrigins: origins }),
      });
      const body = (await response.json()) as { id?: string };
      if (response.status !== 201 || !body.id) {
        throw new Error(`creating a widget answered ${response.status}: ${JSON.stringify(body)}`);
      }
      return body.id;
    },
    async close() {
      await server.close();
      await bot.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port free right now on 127.0.0.1, for a page whose origin a widget must allow before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
