// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { featuresFor } from '../embed/feature-loader.js';
import { serveScripts } from './serve-scripts.js';

const runtimeUrl = 'https://cdn.example/cwp/cwp-widget.js';
const globals = window as unknown as Record<string, unknown>;
const managedCode = {
  loadRemoteConfig: vi.fn(),
  createEventBatcher: vi.fn(),
  managedSocketUrl: vi.fn(),
};
const socketCode = { ExecutionSocket: vi.fn(), socketFiles: vi.fn() };

const defineFeatures = (src: string) => {
  if (src.endsWith('/managed.js')) globals.ChatWidgetProFeature_managed = { managed: managedCode };
  if (src.endsWith('/response-node.js'))
    globals.ChatWidgetProFeature_responseNode = { responseNode: socketCode };
  return 'load' as const;
};

afterEach(() => {
  vi.restoreAllMocks();
  delete globals.ChatWidgetProFeature_managed;
  delete globals.ChatWidgetProFeature_responseNode;
});

describe('embed feature scripts', () => {
  it('a direct widget loads none; the response-node socket only when asked, once', async () => {
    const srcs = serveScripts(defineFeatures);
    const features = await featuresFor(
      { webhookUrl: 'https://n8n.example/hook' },
      runtimeUrl,
      undefined,
    );
    expect(srcs).toEqual([]);
    expect(features.managed).toBeUndefined();
    expect(await features.responseNode()).toBe(socketCode);
    expect(await features.responseNode()).toBe(socketCode);
    expect(srcs).toEqual(['https://cdn.example/cwp/features/response-node.js']);
  });

  it('a managed widget gets features/managed.js, loaded next to the rest, before it is created', async () => {
    const srcs = serveScripts(defineFeatures);
    const config = { server: 'https://chat.example', widgetId: 'w1' };
    const features = await featuresFor(config, runtimeUrl, 'n1');
    expect(srcs).toEqual(['https://cdn.example/cwp/features/managed.js']);
    expect(features.managed).toBe(managedCode);
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
