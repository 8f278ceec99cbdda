import { describe, expect, it } from 'vitest';
import { WidgetError } from '../../errors/widget-error.js';
import { readReply } from '../read-reply.js';

/** A body delivered in many small pieces, the way a slow or hostile server can send it. */
function chunked(pieces: Iterable<string>): Response {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.iterator]();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

function* blanks(total: number, piece: number, then: string) {
  const chunk = ' \n'.repeat(piece / 2);
  for (let sent = 0; sent < total; sent += piece) yield chunk;
  yield then;
}

async function read(response: Response): Promise<string[]> {
  const texts: string[] = [];
  const options = { idleTimeoutMs: 5000, signal: new AbortController().signal };
  for await (const chunk of readReply(response, options))
    if (chunk.type === 'delta') texts.push(chunk.text);
  return texts;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

describe('reading where a reply starts', () => {
  it('reads a reply after leading blank lines sent in small pieces', async () => {
    expect(await read(chunked(blanks(200_000, 1024, '{"output":"hi"}')))).toEqual(['hi']);
  });

  it('gives up on megabytes of blank lines in linear time, as an unreadable reply', async () => {
    const before = cpuMs();
    const error = await read(chunked(blanks(3_000_000, 1024, '{"output":"hi"}'))).catch(
      (e: unknown) => e,
    );
    // Re-scanning all the blanks per piece took seconds here; one scan takes milliseconds.
    expect(cpuMs() - before).toBeLessThan(1500);
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).kind).toBe('bad_reply');
  });
});
