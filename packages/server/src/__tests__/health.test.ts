import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Store } from '../store/types.js';

function storeAnswering(ping: () => Promise<boolean>): Store {
  return new Proxy({ kind: 'sqlite', ping } as Partial<Store>, {
    get(target, key) {
      const value = target[key as keyof Store];
      if (value !== undefined) return value;
      return () => Promise.reject(new Error('not used here'));
    },
  }) as Store;
}

describe('GET /healthz', () => {
  it('answers 200 while the store answers, 503 when it does not', async () => {
    const recorder = { record() {} };
    const up = createApp({ store: storeAnswering(async () => true), recorder });
    expect((await up.request('/healthz')).status).toBe(200);
    const down = createApp({ store: storeAnswering(async () => false), recorder });
    const res = await down.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
    const broken = createApp({
      store: storeAnswering(() => Promise.reject(new Error('gone'))),
      recorder,
    });
    expect((await broken.request('/healthz')).status).toBe(503);
  });

  it('answers unknown paths with the same small 404', async () => {
    const app = createApp({ store: storeAnswering(async () => true), recorder: { record() {} } });
    const res = await app.request('/wp-admin');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found' } });
  });
});
