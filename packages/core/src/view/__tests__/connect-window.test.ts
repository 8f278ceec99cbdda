// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { configOf, stateOf } from '../../__tests__/fake-widget.js';
import { getFocusTarget } from '../../dom/focus-target.js';
import { connect } from '../connect.js';
import { element, fakeWidget, key } from './connect-fixtures.js';

describe('floating widget', () => {
  it('shows a bubble button that says it opens the chat and points at the window', () => {
    const api = connect(stateOf(), fakeWidget(stateOf()).widget);
    const bubble = api.getBubbleProps();
    expect(bubble.hidden).toBe(false);
    expect(bubble).toMatchObject({
      'data-scope': 'cwp',
      'data-part': 'bubble',
      type: 'button',
      'aria-label': 'Open chat',
      'aria-expanded': 'false',
      'aria-controls': 'cwp-w1-window',
      'data-state': 'closed',
      hidden: false,
    });
    expect(api.getWindowProps().hidden).toBe(true);
    expect(api.getWindowProps()).toMatchObject({ hidden: true, 'data-state': 'closed' });
  });

  it('turns the bubble into a close control and shows a labelled non-modal dialog when open', () => {
    const api = connect(stateOf({ isOpen: true }), fakeWidget(stateOf()).widget);
    expect(api.getBubbleProps()).toMatchObject({
      'aria-label': 'Close chat',
      'aria-expanded': 'true',
      'data-state': 'open',
    });
    expect(api.getWindowProps()).toMatchObject({
      id: 'cwp-w1-window',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'cwp-w1-title',
      'data-type': 'floating',
      'data-state': 'open',
      hidden: false,
    });
    expect(api.getTitleProps().id).toBe('cwp-w1-title');
    expect(api.getCloseButtonProps()).toMatchObject({
      type: 'button',
      'aria-label': 'Close chat',
      hidden: false,
    });
  });

  it('puts type, corner, colour scheme, direction and language on the root', () => {
    const config = configOf({
      bubble: { position: 'bottom-left' },
      theme: { colorScheme: 'dark' },
      dir: 'rtl',
      locale: 'ar',
    });
    const api = connect(stateOf({}, config), fakeWidget(stateOf({}, config)).widget);
    expect(api.getRootProps()).toMatchObject({
      'data-scope': 'cwp',
      'data-part': 'root',
      'data-type': 'floating',
      'data-position': 'bottom-left',
      'data-theme': 'dark',
      'data-state': 'closed',
      dir: 'rtl',
      lang: 'ar',
    });
  });

  it('opens and closes from the bubble and the close button', () => {
    const { widget, calls, view } = fakeWidget(stateOf({ isOpen: true }));
    element('button', view().getBubbleProps()).click();
    element('button', view().getCloseButtonProps()).click();
    expect(calls).toEqual([['toggle'], ['close']]);
    expect(widget).toBeDefined();
  });

  it('opens from the tooltip, and its dismiss control hides it without opening the chat', () => {
    const initial = stateOf({ tooltipVisible: true });
    const { calls, view } = fakeWidget(initial);
    const api = view();
    expect(api.getTooltipProps()).toMatchObject({ hidden: false, 'data-state': 'open' });
    expect(api.tooltipText).toBe('Hi there! Need any help?');
    expect(api.getTooltipTextProps()).toEqual({ 'data-scope': 'cwp', 'data-part': 'tooltip-text' });
    const tooltip = element('div', api.getTooltipProps());
    const text = element('span', api.getTooltipTextProps());
    text.textContent = api.tooltipText;
    const dismiss = element('button', api.getTooltipCloseProps());
    tooltip.append(text, dismiss);
    expect(dismiss.getAttribute('aria-label')).toBe('Dismiss');

    dismiss.click();
    expect(calls).toEqual([['dismissTooltip']]);
    tooltip.click();
    expect(calls).toEqual([['dismissTooltip'], ['open']]);
    // Clicking the text opens too: it is part of the tooltip.
    text.click();
    expect(calls).toEqual([['dismissTooltip'], ['open'], ['open']]);
  });

  it('hides the tooltip while the window is open or when the tooltip is turned off', () => {
    const open = connect(
      stateOf({ tooltipVisible: true, isOpen: true }),
      fakeWidget(stateOf()).widget,
    );
    expect(open.getTooltipProps().hidden).toBe(true);
    expect(open.getTooltipProps()).toMatchObject({ hidden: true, 'data-state': 'closed' });
    const config = configOf({ tooltip: false });
    const off = connect(stateOf({ tooltipVisible: true }, config), fakeWidget(stateOf()).widget);
    expect(off.getTooltipProps()).toMatchObject({ hidden: true, 'data-state': 'closed' });
    expect(off.tooltipText).toBe('');
    const dismissed = connect(stateOf({ tooltipVisible: false }), fakeWidget(stateOf()).widget);
    expect(dismissed.getTooltipProps().hidden).toBe(true);
  });

  it('closes on Escape, but not while an input method is composing', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    const win = element('div', view().getWindowProps());
    const input = element('textarea', view().getInputProps());
    win.append(input);
    input.dispatchEvent(key({ key: 'Escape', isComposing: true }));
    input.dispatchEvent(key({ key: 'Escape', keyCode: 229 }));
    expect(calls).toEqual([]);
    input.dispatchEvent(key({ key: 'Escape' }));
    expect(calls).toEqual([['close']]);
  });

  it('counts unread replies on the bubble and in a badge only while closed', () => {
    const { widget } = fakeWidget(stateOf());
    const closed = connect(stateOf({ unread: 3 }), widget);
    expect(closed.getBubbleProps()['aria-label']).toBe('Open chat, 3 unread messages');
    expect(closed.getUnreadBadgeProps().hidden).toBe(false);
    expect(closed.unreadBadgeText).toBe('3');
    expect(closed.getUnreadBadgeProps()).toMatchObject({
      'data-part': 'unread-badge',
      'aria-hidden': 'true',
      hidden: false,
    });
    const open = connect(stateOf({ unread: 3, isOpen: true }), widget);
    expect(open.getUnreadBadgeProps().hidden).toBe(true);
    expect(open.getBubbleProps()['aria-label']).toBe('Close chat, 3 unread messages');
    expect(connect(stateOf(), widget).getUnreadBadgeProps().hidden).toBe(true);
    expect(connect(stateOf({ unread: 150 }), widget).unreadBadgeText).toBe('99+');
    expect(connect(stateOf(), widget).getBubbleProps()['aria-label']).toBe('Open chat');
  });

  it('moves focus into the input on open and back to the bubble on close', () => {
    const closed = stateOf();
    const opened = stateOf({ isOpen: true });
    expect(getFocusTarget(closed, opened)).toBe('cwp-w1-input');
    expect(getFocusTarget(opened, closed)).toBe('cwp-w1-bubble');
    expect(getFocusTarget(opened, closed, false)).toBeNull();
    expect(getFocusTarget(null, opened)).toBeNull();
    expect(getFocusTarget(opened, opened)).toBeNull();
    // The targets are the ids the view gives the input and the bubble.
    const api = connect(opened, fakeWidget(opened).widget);
    expect(api.getInputProps().id).toBe(getFocusTarget(closed, opened));
    expect(api.getBubbleProps().id).toBe(getFocusTarget(opened, closed));
  });
});

describe.each(['inline', 'fullscreen'] as const)('%s widget', (type) => {
  const config = configOf({ type });

  it('shows the window as a labelled region with no bubble or close button', () => {
    const api = connect(stateOf({}, config), fakeWidget(stateOf({}, config)).widget);
    expect(api.getBubbleProps().hidden).toBe(true);
    expect(api.getWindowProps().hidden).toBe(false);
    expect(api.getWindowProps()['data-state']).toBe('open');
    expect(api.getRootProps()).toMatchObject({ 'data-type': type, 'data-state': 'open' });
    expect(api.getWindowProps()).toMatchObject({
      role: 'region',
      'aria-modal': undefined,
      'aria-labelledby': 'cwp-w1-title',
      'data-type': type,
      hidden: false,
    });
    expect(api.getCloseButtonProps().hidden).toBe(true);
    expect(api.getWindowProps().onKeydown).toBeUndefined();
    expect(getFocusTarget(stateOf({ isOpen: true }, config), stateOf({}, config))).toBeNull();
  });

  it('ignores Escape', () => {
    const { calls, view } = fakeWidget(stateOf({}, config));
    const win = element('div', view().getWindowProps());
    win.dispatchEvent(key({ key: 'Escape' }));
    expect(calls).toEqual([]);
    expect(getFocusTarget(stateOf({}, config), stateOf({ isOpen: true }, config))).toBeNull();
  });
});
