/**
 * Serves managed-mode test pages on two origins (two loopback ports): the widget's allowed origin
 * and one it does not allow. A page mounts one widget that knows only the server and its id,
 * through the embed script tag (`data-server` + `data-widget-id`) or through mountWidget.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { featureBundles } from '../../scripts/lib/embed-features.js';
import { bundle } from './bundle.js';

export type ManagedEmbedding = 'embed' | 'mountWidget';

export interface ManagedPageSpec {
  embedding: ManagedEmbedding;
  server: string;
  widgetId: string;
  /** Local override of the server's type; inline goes into #inline-1. */
  type?: 'inline';
}

export interface ManagedPages {
  /** The origin widgets allow. */
  origin: string;
  /** A second origin serving the same pages, which no widget allows. */
  otherOrigin: string;
  /** A URL of a page with this widget, on `origin` (or the given one). */
  page(spec: ManagedPageSpec, origin?: string): string;
  close(): Promise<void>;
}

const bundles: Record<string, { entry: string; globalName?: string }> = {
  '/embed/cwp-embed.js': { entry: 'packages/dom/src/embed/loader.ts' },
  '/embed/cwp-widget.js': {
    entry: 'packages/dom/src/embed/runtime.ts',
    globalName: 'ChatWidgetProRuntime',
  },
  ...Object.fromEntries(
    featureBundles.map(({ file, entry, globalName }) => [`/embed/${file}`, { entry, globalName }]),
  ),
  '/managed.js': { entry: 'e2e/support/managed-entry.ts' },
  // One language pack, for a widget whose language only the server's config names.
  '/embed/locales/de.js': {
    entry: 'packages/core/src/locales/de.ts',
    globalName: 'ChatWidgetProLocale_de',
  },
};

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function widgetMarkup(spec: ManagedPageSpec): string {
  if (spec.embedding === 'mountWidget') {
    const json = JSON.stringify({
      server: spec.server,
      widgetId: spec.widgetId,
      ...(spec.type ? { type: spec.type, target: '#inline-1' } : {}),
    }).replace(/</g, '\\u003c');
    return `<script type="application/json" id="cwp-managed">${json}</script>
<script src="/managed.js"></script>`;
  }
  const attrs = [
    `data-server="${attr(spec.server)}"`,
    `data-widget-id="${attr(spec.widgetId)}"`,
    spec.type && `data-type="${spec.type}" data-target="#inline-1"`,
  ].filter(Boolean);
  return `<script src="/embed/cwp-embed.js" ${attrs.join(' ')}></script>`;
}

function pageHtml(spec: ManagedPageSpec): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>ChatWidgetPro managed test page</title>
<style>body{font-family:sans-serif;margin:0;padding:16px}.inline{width:400px;height:560px}</style>
</head><body><main><h1>Managed test page</h1><div id="inline-1" class="inline"></div></main>
${widgetMarkup(spec)}
</body></html>`;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startManagedPages(): Promise<ManagedPages> {
  const files = new Map<string, string>();
  await Promise.all(
    Object.entries(bundles).map(async ([path, { entry, globalName }]) =>
      files.set(path, await bundle(entry, globalName)),
    ),
  );
  const pages = new Map<string, ManagedPageSpec>();
  const handler: Parameters<typeof createServer>[1] = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://pages.local').pathname;
    const file = files.get(path);
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return res.end(file);
    }
    const spec = pages.get(/^\/managed\/(\w+)$/.exec(path)?.[1] ?? '');
    if (spec) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(pageHtml(spec));
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  const servers = [createServer(handler), createServer(handler)] as const;
  const [origin, otherOrigin] = await Promise.all(servers.map(listen));
  let count = 0;
  return {
    origin: origin as string,
    otherOrigin: otherOrigin as string,
    page(spec, at = origin) {
      const id = `m${++count}`;
      pages.set(id, spec);
      return `${at}/managed/${id}`;
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => {}),
  };
}
