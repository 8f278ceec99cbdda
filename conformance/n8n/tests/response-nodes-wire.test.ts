// Real n8n's "Respond to Chat" protocol, raw: what our response-node transport and the server's socket
// proxy are built against (../shared/n8n.md). If n8n changes any of this, these fail first.
import { describe, expect, inject, it } from 'vitest';
import { openRecorded } from '../harness/socket.js';
import { postJson, uniqueSession } from '../harness/support.js';

const n8n = inject('n8n');
const chatUrl = n8n.chatUrls['response-nodes']!;
const socketUrl = (sessionId: string, executionId: string) =>
  `${n8n.origin.replace(/^http/, 'ws')}/chat?sessionId=${encodeURIComponent(sessionId)}&executionId=${encodeURIComponent(executionId)}&isPublic=true`;

async function start(sessionId: string, chatInput: string) {
  const res = await postJson(chatUrl, { action: 'sendMessage', sessionId, chatInput });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { executionStarted?: boolean; executionId?: string };
  expect(json).toEqual({ executionStarted: true, executionId: expect.any(String) });
  return json.executionId!;
}

// Concurrent: each test mostly waits on n8n's ~3 s message poll.
describe.concurrent('Respond to Chat over the websocket (raw protocol)', () => {
  it('first POST starts the execution; prompts, replies, continue and close go over the socket', async () => {
    const sessionId = uniqueSession('raw');
    const executionId = await start(sessionId, 'hello');
    const socket = await openRecorded(socketUrl(sessionId, executionId));
    await socket.frame((f) => f === 'n8n|heartbeat');
    await socket.frame((f) => f === 'You said: hello. Now reply please.');
    socket.send(JSON.stringify({ sessionId, action: 'sendMessage', chatInput: 'my reply' }));
    await socket.frame((f) => f === 'Echo: my reply');
    const code = await socket.closed;
    // Only text frames and the two control frames: nothing else a client must understand.
    const bot = socket.frames.filter((f) => !f.startsWith('n8n|'));
    expect(bot).toEqual(['You said: hello. Now reply please.', 'Echo: my reply']);
    expect(socket.frames.filter((f) => f.startsWith('n8n|') && f !== 'n8n|heartbeat')).toEqual([
      'n8n|continue',
    ]);
    expect(code).toBe(1005);
  });

  it('n8n itself lets any socket that knows the execution id drive it (the server must not)', async () => {
    const sessionId = uniqueSession('owner');
    const executionId = await start(sessionId, 'mine');
    const stranger = await openRecorded(socketUrl('someone-else', executionId));
    await stranger.frame((f) => f === 'You said: mine. Now reply please.');
    stranger.send(
      JSON.stringify({ sessionId: 'someone-else', action: 'sendMessage', chatInput: 'hijack' }),
    );
    await stranger.frame((f) => f === 'Echo: hijack');
    await stranger.closed;
  });

  it('a socket without ids is refused with 1008', async () => {
    const socket = await openRecorded(`${n8n.origin.replace(/^http/, 'ws')}/chat?isPublic=true`);
    expect(await socket.closed).toBe(1008);
  });
});
