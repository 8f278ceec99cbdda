import { beforeAll, describe, expect, it } from 'vitest';
import { type BlockToken, type MarkdownOptions, parseMarkdown } from '../index.js';
import { adversarialInputs } from './adversarial.js';

// A bot reply is parsed on every render and again on every reload (messages persist), so one
// reply that parses in quadratic time freezes the page for good. Times are CPU time of this
// process, best of up to three parses: what the parser costs, not what the shared machine adds.
const size = 200 * 1024;
const boundMs = 500;

function timedParse(text: string, options: MarkdownOptions | undefined, bound: number) {
  let ms = Number.POSITIVE_INFINITY;
  let tree: BlockToken[] = [];
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    tree = parseMarkdown(text, options);
    const used = process.cpuUsage(before);
    ms = Math.min(ms, (used.user + used.system) / 1000);
    // Retry only a near miss: far over the bound is the algorithm, not noise.
    if (ms < bound || ms > 4 * bound) break;
  }
  return { ms, tree };
}

function firstParagraph(tree: readonly BlockToken[]) {
  const block = tree[0];
  if (block?.type !== 'paragraph') throw new Error(`expected a paragraph, got ${block?.type}`);
  return block.children;
}

beforeAll(() => {
  for (const input of adversarialInputs) parseMarkdown(input.build(2000), input.options);
});

describe('the replies from issue 10', () => {
  it('links a URL followed by 100,000 dots in well under a second (it took ~6 s)', () => {
    const text = `http://a/${'.'.repeat(100_000)}b`;
    const { ms, tree } = timedParse(text, undefined, boundMs);
    expect(ms).toBeLessThan(boundMs);
    const [link] = firstParagraph(tree);
    expect(link).toMatchObject({ type: 'link', href: text });
  });

  it("shows '[](<' repeated 400,000 times (1.6 MB) as text in under 1.5 s (it took ~3.7 s)", () => {
    const text = '[](<'.repeat(400_000);
    const { ms, tree } = timedParse(text, undefined, 1500);
    expect(ms).toBeLessThan(1500);
    expect(firstParagraph(tree)).toEqual([{ type: 'text', text }]);
  });
});

describe(`hostile markdown at ${size / 1024} KB parses in well under a second`, () => {
  it.each(adversarialInputs.map((input) => [input.name, input] as const))('%s', (_name, input) => {
    const text = input.build(size);
    expect(timedParse(text, input.options, boundMs).ms).toBeLessThan(boundMs);
  });
});
