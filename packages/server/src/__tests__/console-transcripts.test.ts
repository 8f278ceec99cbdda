import { describe, expect, it, vi } from 'vitest';
import {
  base,
  createThroughForm,
  csrf,
  h,
  page,
  post,
  stored,
  useConsole,
  widgetFields,
} from './console-harness.js';
import { sendMessage } from './harness.js';

useConsole();

describe('transcripts in the console', () => {
  it('lists a widget’s conversations newest first, finds them by text, and shows nothing where they are off', async () => {
    const id = await createThroughForm({ name: 'Kept', transcripts: 'on' });
    expect((await stored(id)).transcripts).toBe(true);
    await h.chat(id, sendMessage('first-session', 'my parcel is lost'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.chat(id, sendMessage('second-session', 'opening hours?'));
    const path = `${base}/widgets/${id}/transcripts`;
    await vi.waitFor(async () => {
      expect((await page(path)).body).toContain('You said: opening hours?');
    });
    const all = (await page(path)).body;
    expect(all.indexOf('second-session')).toBeGreaterThan(0);
    expect(all.indexOf('second-session')).toBeLessThan(all.indexOf('first-session'));
    expect(all).toContain('my parcel is lost');
    expect(all).toContain('You said: my parcel is lost');

    const found = (await page(`${path}?q=PARCEL`)).body;
    expect(found).toContain('first-session');
    expect(found).not.toContain('second-session');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const earlier = (await page(`${path}?from=${yesterday}&to=${yesterday}`)).body;
    expect(earlier).not.toContain('first-session');
    expect(earlier).toContain('No conversations');

    // Unticked in the form: the server stops keeping text, and the page says so.
    const { res } = await post(`${base}/widgets/${id}`, {
      csrf: await csrf(),
      ...widgetFields({ name: 'Kept' }),
    });
    expect(res.status).toBe(303);
    expect((await stored(id)).transcripts).toBe(false);
    const off = (await page(path)).body;
    expect(off).toContain('Transcripts are off for this widget');
    expect(off).not.toContain('my parcel is lost');
  });
});
