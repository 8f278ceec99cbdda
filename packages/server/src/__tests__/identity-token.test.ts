import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signIdentityToken, verifyIdentityToken } from '../security/identity-token.js';

const secret = 'test-identity-secret-0123456789abcdef';
const now = Date.UTC(2026, 0, 1);
const t = now / 1000;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signed = (header: unknown, claims: unknown) => {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
};
const verify = (token: string, claims: string[] = []) =>
  verifyIdentityToken(token, secret, claims, now);

describe('identity token verification', () => {
  it('accepts a token within the clock skew and passes only allowed claims', () => {
    const token = signIdentityToken(
      { sub: 'u-1', exp: t - 30, iat: t + 30, name: 'Ada', role: 'admin', id: 'spoof' },
      secret,
    );
    expect(verify(token, ['name', 'id'])).toEqual({
      ok: true,
      sub: 'u-1',
      user: { id: 'u-1', name: 'Ada' },
    });
  });

  it.each([
    ['expired past the skew', { sub: 'u', exp: t - 61 }, 'expired'],
    ['issued in the future', { sub: 'u', exp: t + 600, iat: t + 600 }, 'claims'],
    ['not yet valid', { sub: 'u', exp: t + 600, nbf: t + 600 }, 'claims'],
    ['exp more than 24 h ahead', { sub: 'u', exp: t + 86_400 + 120 }, 'claims'],
    ['exp as a string', { sub: 'u', exp: String(t + 600) }, 'claims'],
    ['empty sub', { sub: '', exp: t + 600 }, 'claims'],
    ['numeric sub', { sub: 42, exp: t + 600 }, 'claims'],
    ['overlong sub', { sub: 'u'.repeat(257), exp: t + 600 }, 'claims'],
  ])('refuses %s', (_label, claims, reason) => {
    expect(verify(signed({ alg: 'HS256', typ: 'JWT' }, claims))).toEqual({ ok: false, reason });
  });

  it('checks the header: HS256 exactly, no critical extensions', () => {
    const claims = { sub: 'u', exp: t + 600 };
    expect(verify(signed({ alg: 'hs256' }, claims))).toEqual({ ok: false, reason: 'algorithm' });
    expect(verify(signed({ alg: 'RS256' }, claims))).toEqual({ ok: false, reason: 'algorithm' });
    expect(verify(signed({ alg: 'HS256', crit: ['b64'] }, claims)).ok).toBe(false);
    expect(verify(signed({ alg: 'HS256' }, claims)).ok).toBe(true);
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, , signature] = signIdentityToken({ sub: 'u-1', exp: t + 600 }, secret).split(
      '.',
    );
    const tampered = `${header}.${b64({ sub: 'u-2', exp: t + 600 })}.${signature}`;
    expect(verify(tampered)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses oversized and non-base64url input without throwing', () => {
    expect(verify(`${'a'.repeat(5000)}.b.c`)).toEqual({ ok: false, reason: 'malformed' });
    expect(verify('e30=.e30.sig')).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(`${b64({ alg: 'HS256' })}.${b64({})}.s+g/`)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });
});
