// @vitest-environment happy-dom
import type { PartProps } from '@cwp/core';
import { describe, expect, it, vi } from 'vitest';
import { applyProps } from '../apply-props.js';
import { mountWidget } from '../mount-widget.js';

const base = { 'data-scope': 'cwp', 'data-part': 'bubble' } as const;

describe('putting connect() props on elements', () => {
  it('writes attributes, boolean attributes and aria strings, and clears what went away', () => {
    const button = document.createElement('button');
    applyProps(button, { ...base, 'aria-expanded': 'false', hidden: true, id: 'b' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.hasAttribute('hidden')).toBe(true);
    applyProps(button, { ...base, 'aria-expanded': 'true', hidden: false, id: undefined });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.hasAttribute('hidden')).toBe(false);
    expect(button.hasAttribute('id')).toBe(false);
  });

  it('touches the DOM only for what changed', () => {
    const div = document.createElement('div');
    applyProps(div, { ...base, id: 'x', role: 'log' });
    const spy = vi.spyOn(div, 'setAttribute');
    applyProps(div, { ...base, id: 'x', role: 'log' });
    expect(spy).not.toHaveBeenCalled();
    applyProps(div, { ...base, id: 'y', role: 'log' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('keeps one listener per event and calls the current handler', () => {
    const button = document.createElement('button');
    const first = vi.fn();
    const second = vi.fn();
    const add = vi.spyOn(button, 'addEventListener');
    applyProps(button, { ...base, onClick: first } as PartProps);
    applyProps(button, { ...base, onClick: second } as PartProps);
    button.click();
    expect(add).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sets a textarea value as a property, leaving it alone when equal (caret stays put)', () => {
    const input = document.createElement('textarea');
    applyProps(input, { ...base, 'data-part': 'input', value: 'draft' });
    expect(input.value).toBe('draft');
    expect(input.hasAttribute('value')).toBe(false);
  });

  it('never writes a style attribute (a strict CSP would refuse it): the theme goes through CSSOM', async () => {
    // @ts-expect-error connect() props have no style: createWidgetDom sets theme tokens instead.
    const styled: PartProps = { ...base, 'data-part': 'root', style: '--cwp-primary: red;' };
    expect(styled).toBeDefined();

    // happy-dom reflects CSSOM writes into the attribute with setAttribute: allow only those.
    let inCssom = 0;
    const declaration = window.CSSStyleDeclaration.prototype;
    for (const method of ['setProperty', 'removeProperty'] as const) {
      const original = declaration[method] as (...args: unknown[]) => unknown;
      vi.spyOn(declaration, method).mockImplementation(function (
        this: CSSStyleDeclaration,
        ...args: unknown[]
      ) {
        inCssom++;
        try {
          return original.apply(this, args);
        } finally {
          inCssom--;
        }
      } as never);
    }
    const styleWrites: string[] = [];
    const setAttribute = Element.prototype.setAttribute;
    vi.spyOn(Element.prototype, 'setAttribute').mockImplementation(function (
      this: Element,
      name: string,
      value: string,
    ) {
      if (name.toLowerCase() === 'style' && inCssom === 0) styleWrites.push(value);
      setAttribute.call(this, name, value);
    });

    const mounted = mountWidget(
      {
        webhookUrl: 'http://127.0.0.1:1/webhook',
        storage: 'memory',
        tooltip: false,
        theme: { tokens: { primary: '#0a84ff', radius: '12px' } },
      },
      { shadow: false, injectStyles: false },
    );
    try {
      expect(mounted.root.style.getPropertyValue('--cwp-primary')).toBe('#0a84ff');
      expect(mounted.root.style.getPropertyValue('--cwp-radius')).toBe('12px');
      mounted.widget.open();
      mounted.widget.setDraft('hello');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      mounted.widget.close();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    } finally {
      mounted.unmount();
      vi.restoreAllMocks();
    }
    expect(styleWrites).toEqual([]);
  });
});
