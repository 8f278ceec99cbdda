import type { WidgetEvent } from '@cwp/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createApp,
  type EventsBatch,
  type PublicWidgetConfigResponse,
  type RunningServer,
  startServer,
  type WidgetEventWire,
} from '../index.js';

describe('public types', () => {
  it("accepts the widget's own events as an events batch", () => {
    // Plain assignments: the compiler is the assertion.
    const fromWidget: readonly WidgetEvent[] = [];
    const wire: readonly WidgetEventWire[] = fromWidget;
    const batch: EventsBatch = { events: fromWidget };
    expectTypeOf(batch.events).toEqualTypeOf(wire);
  });

  it('describes the config answer and the running server', () => {
    expectTypeOf<PublicWidgetConfigResponse['id']>().toEqualTypeOf<string>();
    expectTypeOf(startServer).returns.resolves.toEqualTypeOf<RunningServer>();
    expectTypeOf(createApp).parameter(0).toHaveProperty('store');
  });
});
