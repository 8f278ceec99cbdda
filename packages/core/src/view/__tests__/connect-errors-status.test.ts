// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { configOf, stateOf } from '../../__tests__/fake-widget.js';
import { connect } from '../connect.js';
import { fakeWidget } from './connect-fixtures.js';

describe('errors and status', () => {
  const timeout = {
    kind: 'timeout',
    messageKey: 'error.timeout',
    message: 'The chat service took too long to answer. Please try again.',
    detail: 'no reply in 30000 ms',
  } as const;

  it('announces an error as an alert and ties it to the input', () => {
    const api = connect(stateOf({ isOpen: true, error: timeout }), fakeWidget(stateOf()).widget);
    expect(api.getErrorProps().hidden).toBe(false);
    expect(api.errorText).toBe('The chat service took too long to answer. Please try again.');
    expect(api.getErrorProps()).toMatchObject({ id: 'cwp-w1-error', role: 'alert', hidden: false });
    expect(api.getInputProps()['aria-describedby']).toBe('cwp-w1-error');
  });

  it('shows online, typing and offline in the header status', () => {
    const { widget } = fakeWidget(stateOf());
    const online = connect(stateOf(), widget);
    expect([online.presenceText, online.getStatusProps()['data-status']]).toEqual([
      'Online',
      'online',
    ]);
    const busy = connect(stateOf({ isResponding: true }), widget);
    expect(busy.presenceText).toBe('Typing…');
    const offline = connect(
      stateOf({ error: { ...timeout, kind: 'offline', messageKey: 'error.offline' } }),
      widget,
    );
    expect([offline.presenceText, offline.getStatusProps()['data-status']]).toEqual([
      'Offline',
      'offline',
    ]);
    const hidden = configOf({ header: { showStatus: false } });
    expect(connect(stateOf({}, hidden), widget).getStatusProps().hidden).toBe(true);
  });
});
