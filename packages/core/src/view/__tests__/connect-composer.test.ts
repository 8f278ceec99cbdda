// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { stateOf } from '../../__tests__/fake-widget.js';
import type { WidgetState } from '../../types.js';
import { connect } from '../connect.js';
import { element, fakeWidget, key } from './connect-fixtures.js';

describe('composer', () => {
  it('keeps what the visitor types in the draft', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    const input = element('textarea', view().getInputProps());
    input.value = 'Hi';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(calls).toEqual([['setDraft', 'Hi']]);
    expect(view().getInputProps().value).toBe('Hi');
  });

  it('reads the draft from the input even when the event was retargeted to a shadow host', () => {
    // Svelte and Solid listen at their mount point: outside a shadow root, `target` is the host.
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    const input = document.createElement('textarea');
    input.value = 'Hi';
    const event = new Event('input', { bubbles: true, composed: true });
    Object.defineProperty(event, 'target', { value: document.body });
    Object.defineProperty(event, 'currentTarget', { value: input });
    view().getInputProps().onInput?.(event);
    expect(calls).toEqual([['setDraft', 'Hi']]);
  });

  it('sends on Enter and empties the input', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'Hello bot' }));
    const input = element('textarea', view().getInputProps());
    const enter = key({ key: 'Enter' });
    input.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(calls).toEqual([['send', 'Hello bot']]);
    expect(view().getInputProps().value).toBe('');
  });

  it('breaks the line on Shift+Enter instead of sending', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'line one' }));
    const input = element('textarea', view().getInputProps());
    const shiftEnter = key({ key: 'Enter', shiftKey: true });
    input.dispatchEvent(shiftEnter);
    expect(shiftEnter.defaultPrevented).toBe(false);
    expect(calls).toEqual([]);
  });

  it('does not send when Enter confirms an input-method composition', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'にほんご' }));
    const input = element('textarea', view().getInputProps());
    const composing = key({ key: 'Enter', isComposing: true });
    const safari = key({ key: 'Enter', keyCode: 229 });
    input.dispatchEvent(composing);
    input.dispatchEvent(safari);
    expect(composing.defaultPrevented).toBe(false);
    expect(safari.defaultPrevented).toBe(false);
    expect(calls).toEqual([]);
  });

  it('sends from the form submit and keeps the text when the send is not taken', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'Still here' }), {
      sendTaken: false,
    });
    const form = element('form', view().getComposerProps());
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(calls).toEqual([['send', 'Still here']]);
    expect(view().getInputProps().value).toBe('Still here');
  });

  it('does not send a blank message', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: '  \n ' }));
    element('textarea', view().getInputProps()).dispatchEvent(key({ key: 'Enter' }));
    expect(calls).toEqual([]);
  });

  it('disables the send button while the input is blank or a reply is coming', () => {
    const { widget } = fakeWidget(stateOf());
    const send = (patch: Partial<WidgetState>) =>
      connect(stateOf({ isOpen: true, ...patch }), widget).getSendButtonProps();
    expect(send({ draft: '' }).disabled).toBe(true);
    expect(send({ draft: '   ' }).disabled).toBe(true);
    expect(send({ draft: 'Hi', isResponding: true }).disabled).toBe(true);
    expect(send({ draft: 'Hi', status: 'loading' }).disabled).toBe(true);
    expect(send({ draft: 'Hi' })).toMatchObject({
      type: 'submit',
      'aria-label': 'Send',
      disabled: false,
    });
  });

  it('labels the input and asks for a send key on touch keyboards', () => {
    const api = connect(stateOf({ isOpen: true }), fakeWidget(stateOf()).widget);
    expect(api.getInputProps()).toMatchObject({
      id: 'cwp-w1-input',
      'aria-label': 'Message',
      placeholder: 'Type your message…',
      enterkeyhint: 'send',
      'aria-describedby': undefined,
    });
  });

  it('offers a stop control only while a reply is coming', () => {
    const { calls, widget } = fakeWidget(stateOf());
    const idle = connect(stateOf({ isOpen: true }), widget);
    expect(idle.getStopButtonProps().hidden).toBe(true);
    const busy = connect(stateOf({ isOpen: true, isResponding: true }), widget);
    expect(busy.getStopButtonProps().hidden).toBe(false);
    const stop = element('button', busy.getStopButtonProps());
    expect(stop.getAttribute('aria-label')).toBe('Stop responding');
    stop.click();
    expect(calls).toEqual([['stop']]);
  });
});
