// @vitest-environment happy-dom
import { type ChatWidgetConfig, resolveConfig } from '@cwp/core';
import { describe, expect, it } from 'vitest';
import {
  defaultAutoOpenDelay,
  defaultTooltipDelay,
  OnDemand,
  scheduleLoad,
} from '../embed/on-demand.js';

/** A window whose idle callbacks and timers run when the test says so. */
function fakeWindow() {
  let now = 0;
  const idle: (() => void)[] = [];
  const timers: { at: number; run: () => void }[] = [];
  const win = {
    performance: { now: () => now },
    requestIdleCallback: (run: () => void) => idle.push(run),
    setTimeout: (run: () => void, ms: number) => timers.push({ at: now + ms, run }),
  };
  return {
    win: win as unknown as Window,
    idle: () => {
      for (const run of idle.splice(0)) run();
    },
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
  };
}

function setUp(config: ChatWidgetConfig) {
  const clock = fakeWindow();
  const bubble = document.createElement('button');
  const calls: string[] = [];
  const schedule = scheduleLoad(
    clock.win,
    bubble,
    config,
    () => calls.push('load'),
    () => calls.push('prefetch'),
  );
  return { ...clock, bubble, calls, schedule };
}

const webhookUrl = 'https://n8n.example.com/webhook/abc/chat';

describe('when the embed evaluates the rest of a floating widget', () => {
  it('only prefetches it for a visitor who never reaches for the bubble', () => {
    const { idle, advance, calls } = setUp({ webhookUrl, tooltip: false });
    idle();
    advance(60_000);
    expect(calls).toEqual(['prefetch']);
  });

  it('loads it when the pointer reaches the bubble or it takes focus', () => {
    for (const type of ['pointerenter', 'focus']) {
      const { idle, bubble, calls } = setUp({ webhookUrl, tooltip: false });
      idle();
      bubble.dispatchEvent(new Event(type));
      expect(calls, type).toEqual(['prefetch', 'load']);
    }
  });

  it('loads it a second before the tooltip is due, and the tooltip still shows on time', () => {
    const { idle, advance, calls, schedule } = setUp({ webhookUrl, tooltip: { delay: 5000 } });
    idle();
    advance(3999);
    expect(calls).toEqual(['prefetch']);
    advance(1);
    expect(calls).toEqual(['prefetch', 'load']);
    // Created 4.3 s after the bubble appeared: the tooltip waits the remaining 0.7 s.
    expect(schedule.configAt(4300).tooltip).toEqual({ delay: 700 });
  });

  it("counts core's default tooltip delay when none is configured", () => {
    expect(defaultTooltipDelay).toBe(
      (resolveConfig({ webhookUrl }).tooltip as { delay: number }).delay,
    );
    const { idle, advance, calls, schedule } = setUp({ webhookUrl, tooltip: { text: 'Hi!' } });
    idle();
    advance(defaultTooltipDelay - 1000);
    expect(calls).toEqual(['prefetch', 'load']);
    expect(schedule.configAt(2100).tooltip).toEqual({ text: 'Hi!', delay: 900 });
  });

  it('loads it a second before a proactive open is due, which still opens on time', () => {
    expect(defaultAutoOpenDelay).toBe(
      (resolveConfig({ webhookUrl, autoOpen: true }).autoOpen as { delay: number }).delay,
    );
    const config = {
      webhookUrl,
      tooltip: false,
      autoOpen: { delay: 8000, once: 'visitor' },
    } as const;
    const { idle, advance, calls, schedule } = setUp(config);
    idle();
    advance(6999);
    expect(calls).toEqual(['prefetch']);
    advance(1);
    expect(calls).toEqual(['prefetch', 'load']);
    expect(schedule.configAt(7200).autoOpen).toEqual({ delay: 800, once: 'visitor' });
    const byDefault = setUp({ webhookUrl, tooltip: false, autoOpen: true });
    byDefault.idle();
    byDefault.advance(defaultAutoOpenDelay - 1000);
    expect(byDefault.calls).toEqual(['prefetch', 'load']);
    expect(byDefault.schedule.configAt(4500).autoOpen).toEqual({ delay: 500 });
  });

  it('loads it when idle for a managed widget or one that opens on start', () => {
    for (const config of [
      { server: 'https://chat.example.com', widgetId: 'w1' },
      { webhookUrl, openOnStart: true },
    ]) {
      const { idle, calls, schedule } = setUp(config);
      idle();
      expect(calls).toEqual(['load']);
      expect(schedule.configAt(10_000)).toBe(config);
    }
  });
});

describe('OnDemand', () => {
  it('asks for the load when someone waits for it, not when the loader only listens', async () => {
    let resolve: (value: number) => void = () => {};
    const ready = new OnDemand<number>((r) => {
      resolve = r;
    });
    let demanded = 0;
    ready.demand = () => {
      demanded++;
      resolve(42);
    };
    Promise.prototype.then.call(ready, undefined, () => {});
    expect(demanded).toBe(0);
    expect(await ready).toBe(42);
    expect(demanded).toBe(1);
    await ready.catch(() => {});
    expect(demanded).toBe(2);
  });
});
