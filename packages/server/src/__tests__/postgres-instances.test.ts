import { randomBytes } from 'node:crypto';
import { type Bot, startBot } from '@cwp/bot';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';
import { withSchema } from '../store/__tests__/pg-schema.js';
import type { WidgetRecord, WidgetReport } from '../store/types.js';

const url = process.env.TEST_DATABASE_URL;
const token = 'pg-instances-admin-token-0123456789';
const origin = 'https://shop.example';

if (!url) {
  describe('two server instances on one PostgreSQL', () => {
    it('PostgreSQL not configured: run `node scripts/pg.mjs start` and set TEST_DATABASE_URL', () => {
      throw new Error('TEST_DATABASE_URL is not set: the multi-instance suite cannot run.');
    });
  });
} else {
  describe('two server instances behind a load balancer, sharing one PostgreSQL', () => {
    const schema = `cwp_inst_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    let bot: Bot;
    let a: RunningServer;
    let b: RunningServer;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      bot = await startBot();
      const options = {
        port: 0,
        host: '127.0.0.1',
        databaseUrl: withSchema(url, schema),
        adminToken: token,
        allowPrivateWebhooks: true,
        logger: silentLogger,
      };
      // Both start (and migrate) at once, as instances of one deployment do.
      [a, b] = await Promise.all([startServer(options), startServer(options)]);
    });

    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await bot?.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });

    const adminCall = (server: RunningServer, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const chat = (server: RunningServer, id: string, chatInput: string) =>
      fetch(`${server.url}/v1/widgets/${id}/chat`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'sendMessage', sessionId: 'visitor-1', chatInput }),
      });

    it('a widget created on one instance serves, chats and reports on both', async () => {
      const created = await adminCall(a, 'POST', '/v1/admin/widgets', {
        name: 'Shared',
        webhookUrl: bot.webhookUrl,
        allowedOrigins: [origin],
        config: { header: { title: 'Shared support' } },
      });
      expect(created.status).toBe(201);
      const widget = (await created.json()) as WidgetRecord;

      const config = await fetch(`${b.url}/v1/widgets/${widget.id}/config`, {
        headers: { origin },
      });
      expect(config.status).toBe(200);
      expect(await config.text()).toContain('Shared support');

      for (const [server, text] of [
        [a, 'via a'],
        [b, 'via b'],
      ] as const) {
        const res = await chat(server, widget.id, text);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ output: `You said: ${text}` });
      }

      await Promise.all([a.flushAnalytics(), b.flushAnalytics()]);
      const report = (await (
        await adminCall(b, 'GET', `/v1/admin/widgets/${widget.id}/report`)
      ).json()) as WidgetReport;
      expect(report.totals).toMatchObject({ messages: 2, responses: 2, sessions: 1 });
    });

    it('a widget disabled on one instance stops answering on the other', async () => {
      const widget = (await (
        await adminCall(a, 'POST', '/v1/admin/widgets', {
          name: 'Soon off',
          webhookUrl: bot.webhookUrl,
          allowedOrigins: [origin],
        })
      ).json()) as WidgetRecord;
      expect((await chat(b, widget.id, 'before')).status).toBe(200);
      expect(
        (await adminCall(a, 'PATCH', `/v1/admin/widgets/${widget.id}`, { disabled: true })).status,
      ).toBe(200);
      // Instances cache widget look-ups for about a second.
      await expect
        .poll(async () => (await chat(b, widget.id, 'after')).status, {
          timeout: 5000,
          interval: 200,
        })
        .toBe(404);
    });
  });
}
