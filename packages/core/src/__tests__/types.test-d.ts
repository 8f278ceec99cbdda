import { describe, expectTypeOf, it } from 'vitest';
import type { WidgetState } from '../types.js';
import { createChatWidget } from '../widget.js';

describe('public types', () => {
  it('types event listeners by event name', () => {
    const widget = createChatWidget({ webhookUrl: 'https://example.com/hook', storage: 'memory' });
    widget.on('response_received', (event) => {
      expectTypeOf(event.latencyMs).toEqualTypeOf<number>();
      expectTypeOf(event.streamed).toEqualTypeOf<boolean>();
    });
    widget.on('error', (event) => {
      expectTypeOf(event.kind).toEqualTypeOf<
        | 'network'
        | 'offline'
        | 'timeout'
        | 'http'
        | 'rate_limited'
        | 'bad_reply'
        | 'bot_error'
        | 'config'
        | 'load'
      >();
    });
    widget.on('*', (event) => {
      expectTypeOf(event.type).toBeString();
    });
    expectTypeOf(widget.getSnapshot()).toEqualTypeOf<WidgetState>();
    expectTypeOf(widget.send).returns.toEqualTypeOf<boolean>();
    widget.destroy();
  });

  it('rejects unknown config keys and wrong types at compile time', () => {
    // @ts-expect-error type must be one of the three widget types
    createChatWidget({ webhookUrl: 'https://example.com/hook', type: 'popup' });
  });
});
