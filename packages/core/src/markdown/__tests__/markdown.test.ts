import { type HostileReply, hostileReplies } from '@cwp/bot';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BlockToken, type InlineToken, parseMarkdown } from '../index.js';

const hostile = { cases: hostileReplies };

function caseText(c: HostileReply): string {
  return c.text ?? c.raw ?? '';
}

type AnyToken = BlockToken | InlineToken;

function* walk(tokens: readonly AnyToken[]): Generator<AnyToken> {
  for (const token of tokens) {
    yield token;
    if ('children' in token) yield* walk(token.children);
    if (token.type === 'list') for (const item of token.items) yield* walk(item);
  }
}

function plain(tokens: readonly AnyToken[]): string {
  let out = '';
  for (const token of walk(tokens)) {
    if (token.type === 'text' || token.type === 'code' || token.type === 'code_block')
      out += token.text;
    if (token.type === 'image') out += token.alt;
  }
  return out;
}

function depth(tokens: readonly AnyToken[]): number {
  let max = 0;
  for (const token of tokens) {
    let d = 0;
    if ('children' in token) d = depth(token.children);
    if (token.type === 'list') for (const item of token.items) d = Math.max(d, depth(item));
    max = Math.max(max, d + 1);
  }
  return max;
}

const safeHref = /^(https?:\/\/|mailto:|tel:)/i;

function expectSafe(tokens: readonly AnyToken[]): void {
  for (const token of walk(tokens)) {
    if (token.type === 'link') expect(token.href).toMatch(safeHref);
    if (token.type === 'image')
      throw new Error(`image kept without an allowed origin: ${token.src}`);
  }
}

describe('bot markdown', () => {
  it('reads the formatting a bot sends: headings, emphasis, code, lists and links', () => {
    const tree = parseMarkdown(
      [
        '# Title',
        '',
        'Some **bold**, _emphasis_, *more* and `code`.',
        '',
        '- one',
        '- two with [a link](https://example.com/a)',
        '',
        '3. three',
        '4. four',
        '',
        '```ts',
        'const x = "<b>";',
        '```',
        '',
        '> quoted',
      ].join('\n'),
    );
    expect(tree.map((block) => block.type)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'code_block',
      'blockquote',
    ]);
    const types = [...walk(tree)].map((token) => token.type);
    expect(types).toEqual(expect.arrayContaining(['strong', 'em', 'code', 'link']));
    const ordered = tree[3];
    expect(ordered).toMatchObject({ type: 'list', ordered: true, start: 3 });
    expect(tree[4]).toEqual({ type: 'code_block', lang: 'ts', text: 'const x = "<b>";' });
  });

  it('keeps every line break the bot wrote inside a paragraph', () => {
    const [paragraph] = parseMarkdown('line one\nline two');
    expect(paragraph).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'line one' },
        { type: 'break' },
        { type: 'text', text: 'line two' },
      ],
    });
  });

  it('nests lists by indentation', () => {
    const [list] = parseMarkdown('- a\n  - b\n  - c\n- d');
    expect(list).toMatchObject({ type: 'list', items: [[{}, { type: 'list' }], [{}]] });
  });

  it('turns bare and angle-bracket URLs into links', () => {
    const links = [...walk(parseMarkdown('see https://example.com/x. or <mailto:a@b.c>'))].filter(
      (t) => t.type === 'link',
    );
    expect(links.map((link) => (link.type === 'link' ? link.href : ''))).toEqual([
      'https://example.com/x',
      'mailto:a@b.c',
    ]);
  });

  it('shows raw HTML as the text it is', () => {
    expect(plain(parseMarkdown('<b onclick="x()">hi</b>'))).toBe('<b onclick="x()">hi</b>');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java&#x09;script:alert(1)',
    'java%0ascript:alert(1)',
    '&#106;avascript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    '/relative/path',
    '//evil.example/x',
    'file:///etc/passwd',
  ])('refuses the link target %s and keeps its text', (href) => {
    const tree = parseMarkdown(`[label](${href})`);
    expect([...walk(tree)].some((token) => token.type === 'link')).toBe(false);
    expect(plain(tree)).toBe('label');
  });

  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:hello@example.com', 'mailto:hello@example.com'],
    ['tel:+441234567', 'tel:+441234567'],
  ])('keeps the link target %s', (href, expected) => {
    const links = [...walk(parseMarkdown(`[label](${href})`))].filter((t) => t.type === 'link');
    expect(links).toEqual([
      { type: 'link', href: expected, children: [{ type: 'text', text: 'label' }] },
    ]);
  });

  it('shows an image only from an allowed origin, and its alt text otherwise', () => {
    const text = '![logo](https://cdn.example.com/logo.png)';
    expect(plain(parseMarkdown(text))).toBe('logo');
    expect([...walk(parseMarkdown(text))].some((t) => t.type === 'image')).toBe(false);
    const allowed = parseMarkdown(text, { allowImagesFrom: ['https://cdn.example.com'] });
    expect([...walk(allowed)].find((t) => t.type === 'image')).toEqual({
      type: 'image',
      src: 'https://cdn.example.com/logo.png',
      alt: 'logo',
    });
    const other = parseMarkdown('![x](https://evil.example/x.png)', {
      allowImagesFrom: ['https://cdn.example.com'],
    });
    expect([...walk(other)].some((t) => t.type === 'image')).toBe(false);
  });

  it('keeps a literal asterisk when escaped or unmatched', () => {
    expect(plain(parseMarkdown('2 \\* 3 = 6 and a * b'))).toBe('2 * 3 = 6 and a * b');
  });
});

describe('every hostile reply in replies.json', () => {
  for (const c of hostile.cases) {
    it(`renders "${c.id}" safely`, () => {
      const text = caseText(c);
      const started = performance.now();
      const tree = parseMarkdown(text);
      const elapsed = performance.now() - started;
      expectSafe(tree);
      expect(depth(tree)).toBeLessThanOrEqual(40);
      // Linear time: the 2.4 MB reply parses well under a second on a slow shared machine.
      expect(elapsed).toBeLessThan(2000);
      const shown = plain(tree);
      if (c.id === 'rtl-override') expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      if (c.id === 'lone-surrogate') expect(shown).toBe('broken \ufffd text');
      if (c.id === 'huge') expect(shown.length).toBe(text.trimEnd().length);
      if (c.id === 'deep-nesting') expect(shown).toContain('deep');
      if (c.id === 'script-tag') expect(shown).toBe('<script>window.__pwned=1</script>hello');
      if (c.id === 'md-image-exfil') expect(shown).toBe('Done! status');
      if (c.id.startsWith('md-js-link') || c.id === 'md-data-link') {
        expect([...walk(tree)].some((token) => token.type === 'link')).toBe(false);
      }
    });
  }
});

describe('hostile input in bulk', () => {
  it.each([
    ['unmatched emphasis', '*a '.repeat(100_000)],
    ['unmatched brackets', '[a]('.repeat(100_000)],
    ['unmatched backticks', '`a ``b '.repeat(50_000)],
    ['nested emphasis', `${'*_'.repeat(20_000)}x${'_*'.repeat(20_000)}`],
    [
      'nested lists',
      Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n'),
    ],
    ['many entities', '&#x26;'.repeat(100_000)],
  ])('parses %s quickly and shallowly', (_name, text) => {
    // CPU time, not wall time: other processes on a shared CI machine must not fail this.
    const before = process.cpuUsage();
    const tree = parseMarkdown(text);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
    expect(depth(tree)).toBeLessThanOrEqual(40);
  });

  it('never produces an unsafe link or an image, whatever the text', () => {
    const pieces = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      '![',
      '*',
      '_',
      '`',
      '<',
      '>',
      '&#x09;',
      '&#106;',
      'javascript:',
      'data:',
      'https://a.b',
      ' ',
      '\n',
      '- ',
      '# ',
      'x',
      '\\',
      '\u202e',
      '\ud800',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const tree = parseMarkdown(parts.join(''));
        expectSafe(tree);
      }),
      { numRuns: 500 },
    );
  });
});
