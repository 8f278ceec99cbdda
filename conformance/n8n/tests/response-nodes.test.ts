// "Respond to Chat" conversations with real n8n through our code: a @cwp/core widget on the Chat
// Trigger directly (its socket at n8n's origin) and managed (its socket through @cwp/server).
import { createChatWidget, type WidgetState } from '@cwp/core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { BrowserSocket, openRecorded } from '../harness/socket.js';
import {
  type Managed,
  postJson,
  siteOrigin,
  startManaged,
  texts,
  uniqueSession,
  waitFor,
} from '../harness/support.js';

const n8n = inject('n8n');
const chatUrl = n8n.chatUrls['response-nodes']!;

/** Every socket URL a widget opened (the page's view of where it connects). */
const opened: string[] = [];
class RecordingSocket extends BrowserSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    opened.push(String(url));
  }
}

let managed: Managed;
let widgetId: string;
beforeAll(async () => {
  managed = await startManaged();
  // Node's fetch sends no Origin (a browser's does): the managed widget's HTTP calls need '*'.
  widgetId = (
    await managed.widget(chatUrl, { allowedOrigins: ['*'], config: { allowFileUploads: true } })
  ).id;
});
afterAll(() => managed?.close());

const widgets: { destroy(): void }[] = [];
// Node 20 has no global WebSocket: the widget reads the global, as in a browser.
beforeAll(() => vi.stubGlobal('WebSocket', RecordingSocket));
// The tests run at once (each mostly waits on n8n's ~3 s message poll): clean up after all of them.
afterAll(() => {
  for (const w of widgets.splice(0)) w.destroy();
  vi.unstubAllGlobals();
});

/** `count` messages, all done, nothing in flight. */
const settled = (count: number) => (s: WidgetState) =>
  s.messages.length === count &&
  !s.isTyping &&
  !s.isResponding &&
  s.messages.every((m) => m.status === 'done');

describe.concurrent.each(['direct', 'managed'] as const)(
  'a widget on a Respond-to-Chat workflow (%s)',
  (way) => {
    it('shows the prompt, answers over the socket, shows the echo, then starts a new execution', async () => {
      const widget =
        way === 'direct'
          ? createChatWidget({ webhookUrl: chatUrl, storage: 'memory', allowFileUploads: true })
          : createChatWidget({ server: managed.server.url, widgetId, storage: 'memory' });
      widgets.push(widget);
      if (way === 'managed') await waitFor(widget, (s) => s.status === 'ready');

      widget.send('hello');
      // While n8n works (its message poll is ~3 s) the visitor sees typing, not an empty reply.
      await waitFor(widget, (s) => s.isTyping && s.messages.length === 1);
      let state = await waitFor(widget, settled(2));
      expect(texts(state)).toEqual(['user: hello', 'bot: You said: hello. Now reply please.']);
      expect(state.error).toBeNull();

      // The answer carries a file: over the socket it reaches the workflow as binary.
      const note = new File(['hello from a file'], 'note.txt', { type: 'text/plain' });
      expect(widget.send('my reply', { files: [note] })).toBe(true);
      state = await waitFor(widget, settled(4));
      expect(texts(state).slice(2)).toEqual([
        'user: my reply',
        'bot: Echo: my reply with note.txt text/plain 17 B',
      ]);

      // A visitor who types on at once: the execution has ended (or is ending), so this must start a
      // new one rather than vanish into a socket nobody reads.
      widget.send('again');
      state = await waitFor(widget, settled(6), 40_000);
      expect(texts(state).slice(4)).toEqual([
        'user: again',
        'bot: You said: again. Now reply please.',
      ]);
      expect(state.error).toBeNull();

      const mine = opened.filter(
        (u) => new URL(u).searchParams.get('sessionId') === state.sessionId,
      );
      expect(mine.length).toBeGreaterThanOrEqual(2);
      const origins = [...new Set(mine.map((u) => new URL(u).origin))];
      if (way === 'direct') {
        expect(origins).toEqual([n8n.origin.replace(/^http/, 'ws')]);
      } else {
        // Managed: the page only ever talks to our server; n8n's origin never reaches it.
        expect(origins).toEqual([managed.server.url.replace(/^http/, 'ws')]);
        expect(mine.every((u) => new URL(u).pathname === `/v1/widgets/${widgetId}/socket`)).toBe(
          true,
        );
      }
    });
  },
);

describe.concurrent('the server binds an execution to the session that started it (n8n does not)', () => {
  it('refuses a socket for that execution from another session', async () => {
    const sessionId = uniqueSession('bound');
    const res = await postJson(`${managed.server.url}/v1/widgets/${widgetId}/chat`, {
      action: 'sendMessage',
      sessionId,
      chatInput: 'mine',
    });
    const { executionId } = (await res.json()) as { executionId: string };
    expect(executionId).toEqual(expect.any(String));
    const socketUrl = (session: string) =>
      `${managed.server.url.replace(/^http/, 'ws')}/v1/widgets/${widgetId}/socket?sessionId=${session}&executionId=${executionId}`;
    await expect(openRecorded(socketUrl('someone-else'), { origin: siteOrigin })).rejects.toThrow(
      /refused with HTTP 4\d\d/,
    );
    // The owner still gets its prompt from real n8n through the server.
    const owner = await openRecorded(socketUrl(sessionId), { origin: siteOrigin });
    await owner.frame((f) => f === 'You said: mine. Now reply please.');
    owner.close();
  });
});
