import { describe, expect, it } from 'vitest';
import { base, csrf, h, login, page, post, useConsole, widgetFields } from './console-harness.js';

useConsole();

describe('console forms refuse cross-site posts', () => {
  it('refuses a POST without the token, with another login’s token, or from another origin', async () => {
    const count = async () =>
      ((await h.admin('GET', '/v1/admin/widgets')).json as { widgets: unknown[] }).widgets.length;
    const before = await count();
    const other = await login();
    const tries = [
      await post(`${base}/widgets`, widgetFields()),
      await post(`${base}/widgets`, { csrf: await csrf(other), ...widgetFields() }),
      await post(
        `${base}/widgets`,
        { csrf: await csrf(), ...widgetFields() },
        { origin: 'https://evil.example' },
      ),
      await post(`${base}/widgets`, { csrf: await csrf(), ...widgetFields() }, { origin: null }),
    ];
    expect(tries.map((t) => t.res.status)).toEqual([403, 403, 403, 403]);
    const noSession = await post(
      `${base}/widgets`,
      { csrf: await csrf(), ...widgetFields() },
      { session: '' },
    );
    expect(noSession.res.status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('serves the copy script from its own origin only, and no page has inline script', async () => {
    const script = await page(`${base}/console.js`);
    expect(script.res.headers.get('content-type')).toContain('text/javascript');
    expect(script.body).toContain('navigator.clipboard');
    const { res, body } = await page(`${base}/widgets/new`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // A no-referrer page makes the browser post its forms with `Origin: null`.
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect((await h.admin('GET', '/v1/admin/widgets')).res.headers.get('referrer-policy')).toBe(
      'no-referrer',
    );
    expect(body.match(/<script/g)).toHaveLength(1);
    expect(body).toContain(`<script src="${base}/console.js" defer></script>`);
  });
});
