// @vitest-environment happy-dom
import type { PartProps } from '@cwp/core';
import { describe, expect, it, vi } from 'vitest';
import { applyProps } from '../apply-props.js';

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

  it('never writes a style attribute (a strict CSP would refuse it)', () => {
    const div = document.createElement('div');
    applyProps(div, { ...base, 'data-part': 'root', style: '--cwp-primary: red;' });
    expect(div.hasAttribute('style')).toBe(false);
  });
});
