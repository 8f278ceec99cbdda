/**
 * Per-chunk cost of applying a streamed reply chunk to widget state: machine transition,
 * message-log update, derived state and one subscriber notification.
 * Run: npx tsx --conditions source bench/chunk-apply.bench.ts
 */
import { createChatWidget, type ReplyChunk, type Transport } from '@cwp/core';

function pushTransport() {
  let push: (chunk: ReplyChunk | null) => void = () => {};
  const transport: Transport = {
    send: () => ({
      async *[Symbol.asyncIterator]() {
        const queue: (ReplyChunk | null)[] = [];
        let wake = () => {};
        push = (chunk) => {
          queue.push(chunk);
          wake();
        };
        while (true) {
          const next = queue.shift();
          if (next === null) return;
          if (next) yield next;
          else await new Promise<void>((r) => (wake = r));
        }
      },
    }),
  };
  return { transport, push: (c: ReplyChunk | null) => push(c) };
}

function seedStorage(count: number) {
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'bot' : 'user',
    text: `Earlier message number ${i} with a little text in it.`,
    status: 'done',
    createdAt: i,
  }));
  const items = new Map([
    [
      'bench:w',
      JSON.stringify({
        context: { sessionId: 's', messages, draft: '', tooltipDismissed: true },
        version: 1,
      }),
    ],
  ]);
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

async function run(history: number, chunks: number) {
  const { transport, push } = pushTransport();
  const widget = createChatWidget({
    id: 'w',
    namespace: 'bench',
    transport,
    storage: seedStorage(history),
    loadPreviousSession: false,
  });
  let notifications = 0;
  widget.subscribe(() => notifications++);
  widget.send('go');
  push({ type: 'start', streamed: true });
  await new Promise((r) => setTimeout(r, 0));
  const started = performance.now();
  for (let i = 0; i < chunks; i++) {
    push({ type: 'delta', text: 'word ' });
    // Let the async iterator hand the chunk to the machine before the next one.
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
  }
  await new Promise((r) => setTimeout(r, 0));
  const elapsed = performance.now() - started;
  const text = widget.getSnapshot().messages.at(-1)?.text ?? '';
  widget.destroy();
  if (text.length !== chunks * 5)
    throw new Error(`expected ${chunks * 5} chars, got ${text.length}`);
  return { history, chunks, usPerChunk: (elapsed * 1000) / chunks, notifications };
}

const rows = [];
for (const history of [0, 100, 2000]) {
  await run(history, 500); // warm-up
  rows.push(await run(history, 5000));
}
console.table(
  rows.map((r) => ({
    'messages before': r.history,
    chunks: r.chunks,
    'µs / chunk': r.usPerChunk.toFixed(1),
    notifications: r.notifications,
  })),
);
