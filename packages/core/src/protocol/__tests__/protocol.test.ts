import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { isStreamLine, NdjsonParser, type ReplyChunk, readN8nText } from '../index.js';

describe('@cwp/core/protocol, the one reader of n8n replies', () => {
  it('reads every item of an array reply, in order, as n8n answers for workflows returning items', () => {
    expect(readN8nText([{ output: 'one' }, { text: 'two' }, { message: 'three' }])).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(readN8nText({ output: 'only' })).toEqual(['only']);
  });

  it('has no reply text when any item has none, or the array is empty', () => {
    expect(readN8nText([{ output: 'one' }, { json: 1 }])).toBeUndefined();
    expect(readN8nText([])).toBeUndefined();
    expect(readN8nText(JSON.parse('{"__proto__":{"output":"inherited"}}'))).toBeUndefined();
  });

  it('knows a stream line only by an own string type', () => {
    expect(isStreamLine('{"type":"begin"}')).toBe(true);
    expect(isStreamLine('{"type":["item"]}')).toBe(false);
    expect(isStreamLine('{"output":"x"}')).toBe(false);
  });

  it('sends warnings about unreadable lines where it is told to', () => {
    const warnings: string[] = [];
    const parser = new NdjsonParser({ warn: (message) => warnings.push(message) });
    const out: ReplyChunk[] = [];
    parser.pushText('not json\n{"type":"item","content":"ok"}\n', out);
    expect(out).toEqual([
      { type: 'start', streamed: true },
      { type: 'delta', text: 'ok' },
    ]);
    expect(warnings).toHaveLength(1);
  });

  it('runs with no DOM and no browser globals (server-side rendering, Node)', async () => {
    const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
    const bundle = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'protocol',
      platform: 'neutral',
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    // Only what every JavaScript runtime has: no window, document, navigator, storage or fetch.
    const sandbox: Record<string, unknown> = { TextDecoder, console };
    runInNewContext(`${code};globalThis.protocol = protocol;`, sandbox);
    const api = sandbox.protocol as typeof import('../index.js');
    expect(api.readN8nText([{ output: 'a' }, { output: 'b' }])).toEqual(['a', 'b']);
    const out: ReplyChunk[] = [];
    const parser = new api.NdjsonParser();
    parser.push(new TextEncoder().encode('{"type":"item","content":"hi"}\n'), out);
    expect(out).toContainEqual({ type: 'delta', text: 'hi' });
  });
});
