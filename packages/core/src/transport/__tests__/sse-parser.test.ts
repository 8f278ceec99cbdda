import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../sse-parser.js';

function events(pieces: readonly string[]): string[] {
  const parser = new SseParser();
  const out = pieces.flatMap((piece) => parser.pushText(piece));
  return [...out, ...parser.finish()];
}

describe('event stream parsing', () => {
  it('gives the data of each event, joining multi-line data and ignoring other fields', () => {
    const body =
      ': comment\nevent: token\nid: 1\ndata: Hello\n\ndata: two\ndata:lines\n\nretry: 100\ndata\n\n';
    expect(events([body])).toEqual(['Hello', 'two\nlines', '']);
  });

  it('accepts CRLF and CR line endings and a last event without a blank line', () => {
    expect(events(['data: a\r\n\r\ndata: b\r\rdata: c'])).toEqual(['a', 'b', 'c']);
  });

  it('gives the same events however the text is split', () => {
    const data = fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, ''));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(data, eol), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (list, rawCuts) => {
          const body = list.map(([d, e]) => `data: ${d}${e}${e}`).join('');
          const cuts = [...new Set(rawCuts.map((n) => n % (body.length + 1)))].sort(
            (a, b) => a - b,
          );
          const pieces: string[] = [];
          let start = 0;
          for (const cut of cuts) {
            pieces.push(body.slice(start, cut));
            start = cut;
          }
          pieces.push(body.slice(start));
          expect(events(pieces)).toEqual(list.map(([d]) => d));
        },
      ),
      { numRuns: 300 },
    );
  });
});
