// Stream parsing throughput: `npx tsx bench/stream-parse.bench.ts`
// Feeds a ~20 MB n8n NDJSON reply in 16 KB chunks to the parser alone, then through the whole
// reply reader (Response body → idle-timed reads → sniffing → parser → ReplyChunks).
import { NdjsonParser } from '../packages/core/src/transport/ndjson-parser.js';
import { readReply } from '../packages/core/src/transport/read-reply.js';
import type { ReplyChunk } from '../packages/core/src/transport/types.js';

const targetBytes = 20 * 1024 * 1024;
const chunkBytes = 16 * 1024;
const runs = 7;

function buildBody(): { bytes: Uint8Array; text: string } {
  const words = ['Hello', 'wörld', 'déjà', 'vu', '👋', 'streaming', 'tokens', 'n8n', 'chat', '—'];
  const meta = '"metadata":{"nodeId":"agent-1","nodeName":"AI Agent","itemIndex":0,"runIndex":0}';
  const lines: string[] = [`{"type":"begin",${meta}}`];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const content = `${words[i % words.length]} ${words[(i * 7) % words.length]} `;
    parts.push(content);
    const line = `{"type":"item","content":${JSON.stringify(content)},${meta}}`;
    lines.push(line);
    size += line.length + 1;
    if (i % 500 === 0) lines.push('{"type":"keepalive"}');
  }
  lines.push(`{"type":"end",${meta}}`);
  return { bytes: new TextEncoder().encode(`${lines.join('\n')}\n`), text: parts.join('') };
}

function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return chunks;
}

function parserOnly(chunks: readonly Uint8Array[]): string {
  const parser = new NdjsonParser();
  const out: ReplyChunk[] = [];
  let text = '';
  for (const chunk of chunks) {
    parser.push(chunk, out);
    for (const c of out) if (c.type === 'delta') text += c.text;
    out.length = 0;
  }
  parser.finish(out);
  return text;
}

async function throughReader(chunks: readonly Uint8Array[]): Promise<string> {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'application/json' } });
  let text = '';
  for await (const c of readReply(response, {
    idleTimeoutMs: 30_000,
    signal: new AbortController().signal,
  })) {
    if (c.type === 'delta') text += c.text;
  }
  return text;
}

function summarise(name: string, mb: number, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const best = sorted[0] ?? 0;
  console.log(
    `${name.padEnd(34)} median ${(mb / (median / 1000)).toFixed(1).padStart(6)} MB/s   best ${(mb / (best / 1000)).toFixed(1).padStart(6)} MB/s   (median ${median.toFixed(0)} ms)`,
  );
}

const { bytes, text: expected } = buildBody();
const chunks = chunksOf(bytes);
const mb = bytes.length / (1024 * 1024);
console.log(
  `NDJSON body: ${mb.toFixed(1)} MB, ${chunks.length} chunks of 16 KB, Node ${process.version}`,
);

const parserTimes: number[] = [];
const readerTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  let started = performance.now();
  if (parserOnly(chunks) !== expected) throw new Error('parser output differs from the input');
  parserTimes.push(performance.now() - started);
  started = performance.now();
  if ((await throughReader(chunks)) !== expected) throw new Error('reader output differs');
  readerTimes.push(performance.now() - started);
}
summarise('NdjsonParser.push (16 KB chunks)', mb, parserTimes);
summarise('readReply(Response) end to end', mb, readerTimes);
