// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import type { ChatWidgetConfig } from '../config/schema.js';
import { createChatWidget } from '../widget.js';
import { manualTransport, useWidgets } from './helpers.js';

const track = useWidgets();

/** A page load: a fresh widget with the same id, over the same Web Storage. */
function load(autoOpen: ChatWidgetConfig['autoOpen'], extra: Partial<ChatWidgetConfig> = {}) {
  const { transport } = manualTransport();
  return track(
    createChatWidget({
      id: 'shop',
      type: 'floating',
      tooltip: false,
      transport,
      autoOpen,
      ...extra,
    }),
  );
}

function narrowViewport(narrow: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: narrow && query.includes('max-width'),
    media: query,
  }));
}

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  sessionStorage.clear();
  narrowViewport(false);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('autoOpen', () => {
  it("once: 'always' opens after the delay on every page load", () => {
    const first = load({ delay: 4000, once: 'always' });
    vi.advanceTimersByTime(3999);
    expect(first.getSnapshot().isOpen).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.getSnapshot().isOpen).toBe(true);
    first.destroy();
    const again = load({ delay: 4000, once: 'always' });
    vi.advanceTimersByTime(4000);
    expect(again.getSnapshot().isOpen).toBe(true);
  });

  it("reports the open as via 'auto', apart from the visitor's and the page's opens", () => {
    const widget = load({ delay: 1000, once: 'always' });
    const opens: string[] = [];
    widget.on('opened', (event) => opens.push(event.via));
    vi.advanceTimersByTime(1000);
    expect(opens).toEqual(['auto']);
  });

  it("once: 'visitor' opens once for this visitor, across sessions", () => {
    const first = load({ delay: 2000, once: 'visitor' });
    vi.advanceTimersByTime(2000);
    expect(first.getSnapshot().isOpen).toBe(true);
    first.destroy();
    sessionStorage.clear(); // a new browser session, the same visitor
    const later = load({ delay: 2000, once: 'visitor' });
    vi.advanceTimersByTime(60_000);
    expect(later.getSnapshot().isOpen).toBe(false);
  });

  it("once: 'session' opens once per browser session", () => {
    const first = load({ delay: 2000, once: 'session' });
    vi.advanceTimersByTime(2000);
    expect(first.getSnapshot().isOpen).toBe(true);
    first.destroy();
    const sameSession = load({ delay: 2000, once: 'session' });
    vi.advanceTimersByTime(60_000);
    expect(sameSession.getSnapshot().isOpen).toBe(false);
    sameSession.destroy();
    sessionStorage.clear(); // the visitor comes back another day
    const nextSession = load({ delay: 2000, once: 'session' });
    vi.advanceTimersByTime(2000);
    expect(nextSession.getSnapshot().isOpen).toBe(true);
  });

  it('onMobile: false leaves a phone-sized viewport alone; onMobile: true opens there too', () => {
    narrowViewport(true);
    const phone = load({ delay: 1000, once: 'always', onMobile: false });
    vi.advanceTimersByTime(60_000);
    expect(phone.getSnapshot().isOpen).toBe(false);
    phone.destroy();
    const allowed = load({ delay: 1000, once: 'always', onMobile: true });
    vi.advanceTimersByTime(1000);
    expect(allowed.getSnapshot().isOpen).toBe(true);
  });

  it('does nothing once the visitor opened and closed the window first, nor by default', () => {
    const widget = load({ delay: 5000, once: 'session' });
    vi.advanceTimersByTime(1000);
    widget.open();
    widget.close();
    vi.advanceTimersByTime(60_000);
    expect(widget.getSnapshot().isOpen).toBe(false);
    widget.destroy();
    const quiet = load(undefined);
    vi.advanceTimersByTime(60_000);
    expect(quiet.getSnapshot().isOpen).toBe(false);
    expect(quiet.getSnapshot().config.autoOpen).toBe(false);
  });

  it('resolves defaults and refuses a bad once', () => {
    const widget = load(true);
    expect(widget.getSnapshot().config.autoOpen).toEqual({
      delay: 5000,
      once: 'session',
      onMobile: false,
    });
    expect(() => load({ once: 'daily' as 'always' })).toThrow(ConfigError);
  });
});
