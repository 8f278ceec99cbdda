// @vitest-environment happy-dom
import type { ChatWidgetConfig } from '@cwp/core';
import type { OptionalFeatures } from '@cwp/core/on-demand';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Runtime, withFeatures } from '../embed/feature-loader.js';

const runtimeUrl = 'https://cdn.example/cwp/cwp-widget.js';
const globals = window as unknown as Record<string, unknown>;
const managedCode = {
  loadRemoteConfig: vi.fn(),
  createEventBatcher: vi.fn(),
  managedSocketUrl: vi.fn(),
};
const socketCode = { ExecutionSocket: vi.fn(), socketFiles: vi.fn() };

/** Script tags the loader adds: answered with `answer(src)` instead of a network fetch. */
function serveScripts(answer: (src: string) => 'load' | 'error') {
  const srcs: string[] = [];
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    for (const node of nodes) {
      const tag = node as HTMLScriptElement;
      srcs.push(tag.src);
      queueMicrotask(() => tag.dispatchEvent(new Event(answer(tag.src))));
    }
  });
  return srcs;
}

const defineFeatures = (src: string) => {
  if (src.endsWith('/managed.js')) globals.ChatWidgetProFeature_managed = { managed: managedCode };
  if (src.endsWith('/response-node.js'))
    globals.ChatWidgetProFeature_responseNode = { responseNode: socketCode };
  return 'load' as const;
};

/** A runtime that records the features each widget was created with. */
function fakeRuntime() {
  const created: OptionalFeatures[] = [];
  const runtime = {
    createWidgetWith: (_config: ChatWidgetConfig, features: OptionalFeatures) => {
      created.push(features);
      return {} as ReturnType<Runtime['createWidgetWith']>;
    },
    drawWidget: vi.fn(),
  } as unknown as Runtime;
  return { runtime, created };
}

afterEach(() => {
  vi.restoreAllMocks();
  delete globals.ChatWidgetProFeature_managed;
  delete globals.ChatWidgetProFeature_responseNode;
});

describe('embed feature scripts', () => {
  it('a direct widget loads none; the response-node socket only when asked, once', async () => {
    const srcs = serveScripts(defineFeatures);
    const { runtime, created } = fakeRuntime();
    const loaded = await withFeatures(
      Promise.resolve(runtime),
      runtimeUrl,
      { webhookUrl: 'https://n8n.example/hook' },
      undefined,
    );
    loaded.createChatWidget({ webhookUrl: 'https://n8n.example/hook' });
    expect(srcs).toEqual([]);
    expect(created[0]?.managed).toBeUndefined();
    expect(await created[0]?.responseNode()).toBe(socketCode);
    expect(await created[0]?.responseNode()).toBe(socketCode);
    expect(srcs).toEqual(['https://cdn.example/cwp/features/response-node.js']);
  });

  it('a managed widget is created with features/managed.js, loaded next to the rest', async () => {
    const srcs = serveScripts(defineFeatures);
    const { runtime, created } = fakeRuntime();
    const config = { server: 'https://chat.example', widgetId: 'w1' };
    const loaded = await withFeatures(Promise.resolve(runtime), runtimeUrl, config, 'n1');
    loaded.createChatWidget(config);
    expect(srcs).toEqual(['https://cdn.example/cwp/features/managed.js']);
    expect(created[0]?.managed).toBe(managedCode);
  });

  it('a script that fails to load rejects and is tried again next time', async () => {
    vi.resetModules(); // a loader that has loaded nothing yet
    const { loadFeature } = await import('../embed/feature-loader.js');
    let fail = true;
    const srcs = serveScripts((src) => (fail ? 'error' : defineFeatures(src)));
    await expect(loadFeature(runtimeUrl, 'managed', undefined)).rejects.toThrow(
      'could not load https://cdn.example/cwp/features/managed.js',
    );
    fail = false;
    await expect(loadFeature(runtimeUrl, 'managed', undefined)).resolves.toBe(managedCode);
    expect(srcs).toHaveLength(2);
  });
});
