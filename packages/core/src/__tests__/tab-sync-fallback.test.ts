// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../session/storage.js';
import { createChatWidget } from '../widget.js';
import { manualTransport, sharedStorage, waitFor } from './helpers.js';

afterEach(() => vi.unstubAllGlobals());

describe('two tabs in a browser without BroadcastChannel', () => {
  it('stay consistent through the storage event', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const storage = sharedStorage();
    const { transport, calls } = manualTransport();
    const tabA = createChatWidget({ transport, storage });
    const tabB = createChatWidget({ transport, storage });
    tabA.send('hello from tab A');
    calls[0]!.push({ type: 'delta', text: 'Hi A' });
    calls[0]!.finish();
    await waitFor(tabA, (s) => !s.isResponding);

    // What the browser does in every other tab when localStorage changes.
    const key = storageKey(tabA.getSnapshot().config);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: storage.getItem(key) }));

    const state = await waitFor(tabB, (s) => s.messages.length === 2);
    expect(state.messages.map((m) => m.text)).toEqual(['hello from tab A', 'Hi A']);
    expect(state.sessionId).toBe(tabA.getSnapshot().sessionId);
    tabA.destroy();
    tabB.destroy();
  });
});
