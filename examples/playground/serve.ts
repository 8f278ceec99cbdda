/**
 * The demo playground: a page showing each widget type against the local bot, a whole/streamed
 * switch, and managed mode beside direct when a server URL and widget id are given. Also serves
 * examples/vanilla at /vanilla/ with the embed files it loads.
 *
 *   BOT_URL=http://127.0.0.1:5678 PORT=5174 tsx examples/playground/serve.ts
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface PlaygroundOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The local bot, e.g. http://127.0.0.1:5678 */
  botUrl: string;
  /** A running @cwp/server, for managed mode. */
  serverUrl?: string;
  widgetId?: string;
}

export interface Playground {
  url: string;
  close(): Promise<void>;
}

const here = import.meta.dirname;
const root = join(here, '..', '..');

async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export async function servePlayground(options: PlaygroundOptions): Promise<Playground> {
  const [playground, loader, runtime] = await Promise.all([
    bundle(join(here, 'main.ts')),
    bundle(join(root, 'packages/dom/src/embed/loader.ts')),
    bundle(join(root, 'packages/dom/src/embed/runtime.ts'), 'ChatWidgetProRuntime'),
  ]);
  const settings = JSON.stringify({
    botUrl: options.botUrl.replace(/\/+$/, ''),
    serverUrl: options.serverUrl,
    widgetId: options.widgetId,
  }).replace(/</g, '\\u003c');
  const page = readFileSync(join(here, 'index.html'), 'utf8').replace(
    '{"settings":"__SETTINGS__"}',
    settings,
  );
  const botOrigin = new URL(options.botUrl).origin;
  const vanilla = readFileSync(join(root, 'examples/vanilla/index.html'), 'utf8').replaceAll(
    'http://127.0.0.1:5678',
    botOrigin,
  );
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', page],
    '/playground.js': ['text/javascript; charset=utf-8', playground],
    '/playground.css': [
      'text/css; charset=utf-8',
      readFileSync(join(here, 'playground.css'), 'utf8'),
    ],
    '/vanilla/': ['text/html; charset=utf-8', vanilla],
    '/embed/cwp-embed.js': ['text/javascript; charset=utf-8', loader],
    '/embed/cwp-widget.js': ['text/javascript; charset=utf-8', runtime],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://playground.local').pathname;
    const file = files[path === '/vanilla' ? '/vanilla/' : path];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' });
    res.end(file[1]);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const playground = await servePlayground({
    port: Number(process.env.PORT ?? 5174),
    botUrl: process.env.BOT_URL ?? 'http://127.0.0.1:5678',
    serverUrl: process.env.CWP_SERVER_URL,
    widgetId: process.env.CWP_WIDGET_ID,
  });
  console.log(`Playground: ${playground.url}`);
}
