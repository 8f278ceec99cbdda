import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { signIdentityToken } from '../security/identity-token.js';
import type { WidgetRecord } from '../store/types.js';
import { type Harness, sendMessage, siteOrigin, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

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

describe('identity from the cwp-server CLI', () => {
  it('rotates the secret (printed once) and sets required verification and claims', async () => {
    const created = await h.admin('POST', '/v1/admin/widgets', {
      name: 'CLI shop',
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: [siteOrigin],
    });
    const widget = created.json as WidgetRecord & { identitySecret: string };
    const exp = Math.floor(Date.now() / 1000) + 600;
    const old = signIdentityToken({ sub: 'u-1', exp }, widget.identitySecret);

    const rotated = await cli('widgets', 'identity-secret', widget.id);
    expect(rotated.code).toBe(0);
    const secret = rotated.out.trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(widget.identitySecret);

    const headers = (token: string) => ({ authorization: `Bearer ${token}` });
    expect(
      (await h.chat(widget.id, sendMessage('s-cli', 'hi'), { headers: headers(old) })).res.status,
    ).toBe(401);
    const fresh = signIdentityToken({ sub: 'u-1', exp }, secret);
    expect(
      (await h.chat(widget.id, sendMessage('s-cli', 'hi'), { headers: headers(fresh) })).res.status,
    ).toBe(200);

    const updated = await cli(
      'widgets',
      'update',
      widget.id,
      '--require-identity',
      '--identity-claim',
      'email',
    );
    expect(updated.code).toBe(0);
    const read = await h.admin('GET', `/v1/admin/widgets/${widget.id}`);
    expect((read.json as WidgetRecord).identity).toEqual({ required: true, claims: ['email'] });
    expect(read.body).not.toContain(secret);
    expect((await cli('widgets', 'list')).out).not.toContain(secret);

    const missing = await cli('widgets', 'identity-secret', 'no-such-widget');
    expect(missing.code).not.toBe(0);
  });

  it('a widget from before identity secrets refuses tokens until a secret is rotated in', async () => {
    const created = await h.admin('POST', '/v1/admin/widgets', {
      name: 'Old shop',
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: [siteOrigin],
    });
    const widget = created.json as WidgetRecord & { identitySecret: string };
    // What migration 3 leaves on a widget created before it: no secret.
    const db = new Database(h.dbFile);
    db.prepare('UPDATE widgets SET identity_secret = NULL WHERE id = ?').run(widget.id);
    db.close();
    const exp = Math.floor(Date.now() / 1000) + 600;
    const stale = signIdentityToken({ sub: 'u-1', exp }, widget.identitySecret);
    const refused = await h.chat(widget.id, sendMessage('s-old', 'hi'), {
      headers: { authorization: `Bearer ${stale}` },
    });
    expect(refused.res.status).toBe(401);
    expect(refused.body).toContain('rotate');
    expect((await h.chat(widget.id, sendMessage('s-anon-old', 'hi'))).res.status).toBe(200);

    const secret = (await cli('widgets', 'identity-secret', widget.id)).out.trim();
    const fresh = signIdentityToken({ sub: 'u-1', exp }, secret);
    const accepted = await h.chat(widget.id, sendMessage('s-old', 'hi'), {
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(accepted.res.status).toBe(200);
  });
});
