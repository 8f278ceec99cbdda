import { describe, expect, it } from 'vitest';
import { stylesheet } from '../../styles/stylesheet.js';
import { type IconName, icons } from '../icons.js';
import type { RenderElement } from '../render-tree.js';

const svgNs = 'http://www.w3.org/2000/svg';
const entries = Object.entries(icons) as [IconName, RenderElement][];

describe('icons', () => {
  it('has the icons the renderers draw', () => {
    expect(Object.keys(icons)).toEqual(
      expect.arrayContaining(['chat', 'close', 'refresh', 'send', 'stop']),
    );
  });

  it.each(entries)('draws "%s" as a decorative svg icon part', (name, icon) => {
    expect(icon.tag).toBe('svg');
    expect(icon.attrs).toMatchObject({
      'data-scope': 'cwp',
      'data-part': 'icon',
      'data-icon': name,
      'aria-hidden': 'true',
      focusable: 'false',
      xmlns: svgNs,
      viewBox: '0 0 24 24',
    });
    expect(icon.children.length).toBeGreaterThan(0);
    for (const child of icon.children) {
      // Each element names the SVG namespace, so a renderer creates it there.
      expect(typeof child).toBe('object');
      const path = child as RenderElement;
      expect(path.tag).toBe('path');
      expect(path.attrs.xmlns).toBe(svgNs);
      expect(path.attrs.d).toMatch(/^M[\d .,a-zA-Z-]+$/);
    }
  });

  it('carries no handlers, links or ids', () => {
    for (const [, icon] of entries) {
      const attrs = [icon.attrs, ...icon.children.map((c) => (c as RenderElement).attrs)];
      for (const a of attrs)
        for (const name of Object.keys(a)) expect(name).not.toMatch(/^(on|href|xlink:|id$)/i);
    }
  });

  it('has an icon for every icon the stylesheet styles', () => {
    const styled = new Set([...stylesheet.matchAll(/\[data-icon="([^"]+)"\]/g)].map((m) => m[1]));
    expect(styled.size).toBeGreaterThan(0);
    for (const name of styled) expect(Object.keys(icons)).toContain(name);
  });
});
