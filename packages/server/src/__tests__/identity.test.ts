import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../security/identity-token.js';
import type { StartServerOptions } from '../server.js';
import { withSchema } from '../store/__tests__/pg-schema.js';
import type { WidgetRecord } from '../store/types.js';
import { type Harness, sendMessage, siteOrigin, startHarness } from './harness.js';

type Created = WidgetRecord & { identitySecret: string };

const nowSeconds = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with any header, signed with HMAC-SHA256 (or `signature` as given). */
function rawToken(header: unknown, claims: unknown, secret: string, signature?: string): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${signature ?? createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

function identitySuite(name: string, options: () => Partial<StartServerOptions>) {
  describe(`verified visitors (${name})`, () => {
    let h: Harness;

    beforeAll(async () => {
      h = await startHarness(options());
    });
    afterAll(() => h.close());
    beforeEach(() => h.bot.reset());

    async function createWidget(identity?: { required?: boolean; claims?: string[] }) {
      const { res, json } = await h.admin('POST', '/v1/admin/widgets', {
        name: 'Signed-in shop',
        webhookUrl: h.bot.webhookUrl,
        allowedOrigins: [siteOrigin],
        ...(identity ? { identity } : {}),
      });
      expect(res.status).toBe(201);
      return json as Created;
    }

    const token = (secret: string, claims: Record<string, unknown> = {}) =>
      signIdentityToken({ sub: 'user-42', exp: nowSeconds() + 600, ...claims }, secret);

    it('forwards the verified visitor in metadata.verifiedUser, with only the allowed claims', async () => {
      const widget = await createWidget({ claims: ['name'] });
      expect(widget.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const signed = token(widget.identitySecret, { name: 'Ada', email: 'ada@example.com' });
      const forged = { id: 'admin', name: 'Mallory' };
      const { res } = await h.chat(
        widget.id,
        sendMessage('s-verified', 'hi', { metadata: { page: '/cart', verifiedUser: forged } }),
        { headers: bearer(signed) },
      );
      expect(res.status).toBe(200);
      expect(h.bot.requests.at(-1)?.body).toEqual({
        action: 'sendMessage',
        sessionId: 's-verified',
        chatInput: 'hi',
        metadata: { page: '/cart', verifiedUser: { id: 'user-42', name: 'Ada' } },
      });
      expect(h.bot.requests.at(-1)?.headers.authorization).toBeUndefined();
    });

    it('drops a verifiedUser the browser made up when no token comes with it', async () => {
      const widget = await createWidget();
      const { res } = await h.chat(
        widget.id,
        sendMessage('s-forged', 'hi', { metadata: { plan: 'pro', verifiedUser: { id: 'admin' } } }),
      );
      expect(res.status).toBe(200);
      expect(h.bot.requests.at(-1)?.body).toMatchObject({ metadata: { plan: 'pro' } });
      expect(h.bot.requests.at(-1)?.body).not.toHaveProperty('metadata.verifiedUser');
    });

    it('refuses expired, wrongly signed, alg none, HS512 and malformed tokens', async () => {
      const widget = await createWidget();
      const secret = widget.identitySecret;
      const claims = { sub: 'user-42', exp: nowSeconds() + 600 };
      const cases: [string, string, string][] = [
        ['expired', token(secret, { exp: nowSeconds() - 3600 }), 'identity_expired'],
        ['other secret', token(randomBytes(32).toString('base64url')), 'identity_invalid'],
        ['alg none', rawToken({ alg: 'none', typ: 'JWT' }, claims, secret, ''), 'identity_invalid'],
        [
          'alg none, HS256 signature',
          rawToken({ alg: 'none', typ: 'JWT' }, claims, secret),
          'identity_invalid',
        ],
        ['HS512', rawToken({ alg: 'HS512', typ: 'JWT' }, claims, secret), 'identity_invalid'],
        ['two parts', token(secret).split('.').slice(0, 2).join('.'), 'identity_invalid'],
        ['garbage', 'not-a-token', 'identity_invalid'],
        ['no sub', rawToken({ alg: 'HS256' }, { exp: claims.exp }, secret), 'identity_invalid'],
        ['no exp', rawToken({ alg: 'HS256' }, { sub: 'user-42' }, secret), 'identity_invalid'],
        ['a year ahead', token(secret, { exp: nowSeconds() + 365 * 86_400 }), 'identity_invalid'],
      ];
      for (const [label, bad, code] of cases) {
        const { res, body } = await h.chat(widget.id, sendMessage(`s-bad`, 'hi'), {
          headers: bearer(bad),
        });
        expect({ label, status: res.status, code: errorCode(body) }).toEqual({
          label,
          status: 401,
          code,
        });
        expect(res.headers.get('access-control-allow-origin')).toBe(siteOrigin);
      }
      const { res: notBearer } = await h.chat(widget.id, sendMessage('s-bad', 'hi'), {
        headers: { authorization: `Basic ${token(secret)}` },
      });
      expect(notBearer.status).toBe(401);
      expect(h.bot.requests).toHaveLength(0);
    });

    it('a widget that requires verification refuses anonymous visitors', async () => {
      const widget = await createWidget({ required: true });
      const anonymous = await h.chat(widget.id, sendMessage('s-anon', 'hi'));
      expect(anonymous.res.status).toBe(401);
      expect(errorCode(anonymous.body)).toBe('identity_required');
      expect(h.bot.requests).toHaveLength(0);
      const signed = await h.chat(widget.id, sendMessage('s-anon', 'hi'), {
        headers: bearer(token(widget.identitySecret)),
      });
      expect(signed.res.status).toBe(200);
    });

    it('a session used by a verified visitor refuses another visitor, signed or not', async () => {
      const widget = await createWidget();
      const secret = widget.identitySecret;
      const owner = await h.chat(widget.id, sendMessage('s-bound', 'my order'), {
        headers: bearer(token(secret)),
      });
      expect(owner.res.status).toBe(200);

      const other = await h.chat(widget.id, sendMessage('s-bound', 'show me'), {
        headers: bearer(token(secret, { sub: 'user-99' })),
      });
      expect(other.res.status).toBe(403);
      expect(errorCode(other.body)).toBe('session_identity_mismatch');

      const anonymous = await h.chat(widget.id, {
        action: 'loadPreviousSession',
        sessionId: 's-bound',
      });
      expect(anonymous.res.status).toBe(403);
      expect(errorCode(anonymous.body)).toBe('session_identity_mismatch');
      expect(h.bot.requests).toHaveLength(1);

      const again = await h.chat(widget.id, sendMessage('s-bound', 'thanks'), {
        headers: bearer(token(secret)),
      });
      expect(again.res.status).toBe(200);
      // Anonymous sessions stay open to anyone, as before.
      expect((await h.chat(widget.id, sendMessage('s-open', 'hi'))).res.status).toBe(200);
    });

    it('rotating the secret refuses tokens signed with the old one', async () => {
      const widget = await createWidget();
      const old = token(widget.identitySecret);
      expect(
        (await h.chat(widget.id, sendMessage('s-rot', 'hi'), { headers: bearer(old) })).res.status,
      ).toBe(200);

      const rotated = await h.admin('POST', `/v1/admin/widgets/${widget.id}/identity-secret`);
      expect(rotated.res.status).toBe(200);
      const { identitySecret } = rotated.json as { identitySecret: string };
      expect(identitySecret).not.toBe(widget.identitySecret);

      const refused = await h.chat(widget.id, sendMessage('s-rot', 'hi'), { headers: bearer(old) });
      expect(refused.res.status).toBe(401);
      expect(errorCode(refused.body)).toBe('identity_invalid');
      const fresh = await h.chat(widget.id, sendMessage('s-rot', 'hi'), {
        headers: bearer(token(identitySecret)),
      });
      expect(fresh.res.status).toBe(200);
      expect((await h.admin('POST', '/v1/admin/widgets/nope/identity-secret')).res.status).toBe(
        404,
      );
    });

    it('never serves the secret: not in the public config, the widget, the list or after a patch', async () => {
      const widget = await createWidget({ claims: ['email'] });
      const secret = widget.identitySecret;
      const patched = await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, {
        identity: { required: true },
      });
      expect(patched.res.status).toBe(200);
      expect((patched.json as WidgetRecord).identity).toEqual({
        required: true,
        claims: ['email'],
      });
      const answers = [
        patched.body,
        (await h.admin('GET', `/v1/admin/widgets/${widget.id}`)).body,
        (await h.admin('GET', '/v1/admin/widgets')).body,
        (await h.text(`/v1/widgets/${widget.id}/config`)).body,
        (await h.admin('GET', '/v1/admin/dashboard')).body,
      ];
      for (const answer of answers) expect(answer).not.toContain(secret);
      expect(answers[2]).toContain(widget.id);
      // A token is per visitor: the public config can never carry one.
      const served = await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, {
        config: { identity: { token: 'a.b.c' } },
      });
      expect(served.res.status).toBe(400);
      expect(served.body).toContain('identity');
    });

    it('lets the browser send the Authorization header cross-origin', async () => {
      const widget = await createWidget();
      const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
        method: 'OPTIONS',
        headers: {
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/\bauthorization\b/);
    });
  });
}

identitySuite('SQLite', () => ({}));

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  describe('verified visitors (PostgreSQL)', () => {
    it('PostgreSQL not configured: run `node scripts/pg.mjs start` and set TEST_DATABASE_URL', () => {
      throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL identity suite cannot run.');
    });
  });
} else {
  const schema = `cwp_identity_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  identitySuite('PostgreSQL', () => ({ databaseUrl: withSchema(pgUrl, schema) }));
}
