// @vitest-environment happy-dom
import { type HostileReply, hostileReplies } from '@cwp/bot';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../render-markdown.js';

const cases = hostileReplies;

function text(c: HostileReply): string {
  return c.text ?? c.raw ?? '';
}

function render(markdown: string): HTMLDivElement {
  const container = document.createElement('div');
  container.append(renderMarkdown(document, markdown));
  return container;
}

describe('bot markdown drawn as DOM nodes', () => {
  it('draws formatting, lists, code and links that open safely in a new tab', () => {
    const el = render(
      '**bold** _em_ `code`\n\n- a\n- b\n\n```\n<b>x</b>\n```\n\n[site](https://example.com)',
    );
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('em');
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('pre code')?.textContent).toBe('<b>x</b>');
    const link = el.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  for (const c of cases) {
    it(`draws the hostile reply "${c.id}" without markup, handlers or bad URLs`, () => {
      const el = render(text(c));
      expect(
        el.querySelectorAll('script,style,iframe,form,base,svg,img,input,object,embed'),
      ).toHaveLength(0);
      for (const node of el.querySelectorAll('*')) {
        for (const attr of node.getAttributeNames()) expect(attr).not.toMatch(/^on/i);
        const href = node.getAttribute('href');
        if (href !== null) expect(href).toMatch(/^(https?:|mailto:|tel:)/);
      }
    });
  }
});
