import { describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../errors/widget-error.js';
import { connect } from '../view/connect.js';
import { createChatWidget } from '../widget.js';
import { idle, manualTransport, useWidgets, waitFor } from './helpers.js';

const track = useWidgets();

describe('what the visitor reads', () => {
  it('a stream that breaks after some text says the reply was cut off', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('tell me a story');
    calls[0]!.push({ type: 'start', streamed: true });
    calls[0]!.push({ type: 'delta', text: 'Once upon ' });
    await waitFor(widget, (s) => s.messages.some((m) => m.role === 'bot'));
    calls[0]!.fail(new WidgetError('network', 'TypeError: network error'));
    const state = await idle(widget);
    expect(state.error).toMatchObject({
      kind: 'network',
      messageKey: 'error.cut_off',
      message: 'The reply was cut off. Try again.',
    });
    expect(state.messages.at(-1)).toMatchObject({ status: 'incomplete', text: 'Once upon ' });
    vi.restoreAllMocks();
  });

  it('a connection that fails before any text still says the service could not be reached', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('hello');
    calls[0]!.fail(new WidgetError('network', 'connection refused'));
    const state = await idle(widget);
    expect(state.error?.messageKey).toBe('error.network');
    vi.restoreAllMocks();
  });

  it('a reply the visitor stopped is marked "stopped", not as a failure', async () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('long answer please');
    calls[0]!.push({ type: 'start', streamed: true });
    calls[0]!.push({ type: 'delta', text: 'Once upon ' });
    await waitFor(widget, (s) => s.messages.some((m) => m.role === 'bot'));
    widget.stop();
    const view = connect(widget.getSnapshot(), widget);
    const stopped = view.messages.at(-1)!;
    expect(stopped.statusText).toBe('You stopped this reply.');
    expect(view.getMessageStatusProps(stopped)).toMatchObject({
      'data-status': 'stopped',
      hidden: false,
    });
    expect(view.getRetryButtonProps(stopped).hidden).toBe(false);
    expect(view.errorText).toBe('');
  });

  it('the header says Offline after a failed send and Online again once a send succeeds', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    const presence = () => connect(widget.getSnapshot(), widget).getStatusProps()['data-status'];
    expect(presence()).toBe('online');
    widget.send('first');
    calls[0]!.fail(new WidgetError('http', 'HTTP 500', { status: 500 }));
    await idle(widget);
    expect(presence()).toBe('offline');
    expect(connect(widget.getSnapshot(), widget).presenceText).toBe('Offline');
    widget.send('second');
    calls[1]!.push({ type: 'delta', text: 'Here' });
    calls[1]!.finish();
    await idle(widget);
    expect(presence()).toBe('online');
    vi.restoreAllMocks();
  });
});
