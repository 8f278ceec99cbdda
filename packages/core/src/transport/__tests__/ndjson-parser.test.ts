import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../../errors/widget-error.js';
import { NdjsonParser } from '../ndjson-parser.js';
import type { ReplyChunk } from '../types.js';

const encoder = new TextEncoder();

function parse(pieces: readonly Uint8Array[]): ReplyChunk[] {
  const parser = new NdjsonParser();
  const out: ReplyChunk[] = [];
  for (const piece of pieces) parser.push(piece, out);
  parser.finish(out);
  return out;
}

function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of sorted) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

const lines = (...values: unknown[]) => values.map((v) => `${JSON.stringify(v)}\n`).join('');
const begin = { type: 'begin', metadata: { nodeId: 'a' } };
const end = { type: 'end', metadata: { nodeId: 'a' } };
const item = (content: string) => ({ type: 'item', content, metadata: { nodeId: 'a' } });

afterEach(() => vi.restoreAllMocks());

describe('streamed n8n reply parsing', () => {
  it('turns begin, items and end into one streamed reply', () => {
    const body = lines(begin, item('Hel'), item('lo'), end);
    expect(parse([encoder.encode(body)])).toEqual([
      { type: 'start', streamed: true },
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'end' },
    ]);
  });

  it('shows two begin/end blocks as two replies', () => {
    const body = lines(begin, item('One.'), end, begin, item('Two.'), end);
    expect(parse([encoder.encode(body)])).toEqual([
      { type: 'start', streamed: true },
      { type: 'delta', text: 'One.' },
      { type: 'end' },
      { type: 'start', streamed: true },
      { type: 'delta', text: 'Two.' },
      { type: 'end' },
    ]);
  });

  it('starts a reply for items sent without begin, and closes it when the body ends', () => {
    expect(parse([encoder.encode(lines(item('a'), item('b')))])).toEqual([
      { type: 'start', streamed: true },
      { type: 'delta', text: 'a' },
      { type: 'delta', text: 'b' },
      { type: 'end' },
    ]);
  });

  it('reads a last line that has no final newline', () => {
    const body = `${lines(begin, item('x'))}${JSON.stringify(item('y'))}`;
    expect(
      parse([encoder.encode(body)]).map((c) => (c.type === 'delta' ? c.text : c.type)),
    ).toEqual(['start', 'x', 'y', 'end']);
  });

  it('ignores keepalive lines, blank lines and CRLF endings', () => {
    const body = `{"type":"keepalive"}\r\n\r\n${lines(begin, item('ok'), { type: 'keepalive' }, end)}`;
    expect(parse([encoder.encode(body)])).toEqual([
      { type: 'start', streamed: true },
      { type: 'delta', text: 'ok' },
      { type: 'end' },
    ]);
  });

  it('skips one unparsable line with a single precise warning and keeps the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const body = `${lines(begin, item('before '))}{"type":"item","content":"cut sh\nnot json either\n${lines(item('after'), end)}`;
    const texts = parse([encoder.encode(body)]).flatMap((c) =>
      c.type === 'delta' ? [c.text] : [],
    );
    expect(texts).toEqual(['before ', 'after']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /line 3 .*"\{\\"type\\":\\"item\\",\\"content\\":\\"cut sh"/,
    );
  });

  it('throws a bot_error after the text that came before an error line', () => {
    const parser = new NdjsonParser();
    const out: ReplyChunk[] = [];
    const body = lines(begin, item('Partial '), { type: 'error', content: 'Workflow failed' });
    let thrown: unknown;
    try {
      parser.push(encoder.encode(body), out);
    } catch (error) {
      thrown = error;
    }
    expect(out).toEqual([
      { type: 'start', streamed: true },
      { type: 'delta', text: 'Partial ' },
    ]);
    expect(thrown).toBeInstanceOf(WidgetError);
    expect((thrown as WidgetError).kind).toBe('bot_error');
    expect((thrown as WidgetError).message).toContain('Workflow failed');
  });

  it('produces nothing for a begin/end block without items', () => {
    const parser = new NdjsonParser();
    const out: ReplyChunk[] = [];
    parser.push(encoder.encode(lines(begin, end)), out);
    parser.finish(out);
    expect(out).toEqual([]);
    expect(parser.hasText).toBe(false);
  });

  it('decodes a multi-byte character split across reads', () => {
    const bytes = encoder.encode(lines(begin, item('Café 👋'), end));
    const emoji = bytes.indexOf(0xf0);
    const pieces = splitAt(bytes, [emoji + 1, emoji + 2, emoji + 3]);
    expect(parse(pieces)).toContainEqual({ type: 'delta', text: 'Café 👋' });
  });

  it('gives the same reply however the bytes are split', () => {
    const content = fc.string({ unit: 'grapheme', maxLength: 12 });
    const line = fc.oneof(
      content.map((text) => item(text)),
      fc.constant(begin),
      fc.constant(end),
      fc.constant({ type: 'keepalive' }),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        (values, finalNewline, rawCuts) => {
          const text = lines(...values);
          const bytes = encoder.encode(finalNewline ? text : text.replace(/\n$/, ''));
          const cuts = rawCuts.map((n) => n % (bytes.length + 1));
          const chunks = parse(splitAt(bytes, cuts));
          expect(chunks).toEqual(parse([bytes]));
          const sent = values.flatMap((v) => ('content' in v ? [v.content] : [])).join('');
          expect(chunks.map((c) => (c.type === 'delta' ? c.text : '')).join('')).toBe(sent);
        },
      ),
      { numRuns: 500 },
    );
  });
});
