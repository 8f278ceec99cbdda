/**
 * A site owner's page for the console test: any HTML (the embed code copied from the console),
 * with the embed bundles served at /embed/ beside it, on a loopback origin of its own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { featureBundles } from '../../scripts/lib/embed-features.js';
import { bundle } from './bundle.js';

export interface SnippetSite {
  origin: string;
  /** Serves `body` inside a page; returns its URL. */
  page(body: string): string;
  close(): Promise<void>;
}

export async function startSnippetSite(): Promise<SnippetSite> {
  const files = new Map([
    ['/embed/cwp-embed.js', await bundle('packages/dom/src/embed/loader.ts')],
    [
      '/embed/cwp-widget.js',
      await bundle('packages/dom/src/embed/runtime.ts', 'ChatWidgetProRuntime'),
    ],
    ...(await Promise.all(
      featureBundles.map(
        async ({ file, entry, globalName }) =>
          [`/embed/${file}`, await bundle(entry, globalName)] as const,
      ),
    )),
  ]);
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site.local').pathname;
    const file = files.get(path);
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return res.end(file);
    }
    const body = pages.get(path);
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>\n<body><h1>Shop</h1>\n${body}\n</body></html>`,
      );
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let count = 0;
  return {
    origin,
    page(body) {
      const path = `/page-${++count}`;
      pages.set(path, body);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
