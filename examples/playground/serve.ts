/**
 * The demo playground: one widget at a time, chosen by the page's query string (see README.md for
 * the URL contract), drawn by any renderer — DOM, Vue, Svelte or Solid, one bundle each — against the
 * local bot, direct or through @cwp/server. Also serves examples/vanilla at /vanilla/ with the embed
 * files it loads.
 *
 *   BOT_URL=http://127.0.0.1:5678 PORT=5174 tsx examples/playground/serve.ts
 *   (+ CWP_SERVER_URL, CWP_WIDGET_ID, CWP_STREAM_WIDGET_ID for managed mode)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { featureBundles } from '../../scripts/lib/embed-features.js';
import { frameworkPlugins, sourceConditions } from '../../scripts/lib/framework-plugins.js';
import {
  sharedFromLoaderPlugin,
  sharedFromRuntimePlugin,
} from '../../scripts/lib/shared-from-loader.js';
import { choices, type RendererName } from './url-state.js';

export interface PlaygroundOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The local bot, e.g. http://127.0.0.1:5678 */
  botUrl: string;
  /** A running @cwp/server, for managed mode. */
  serverUrl?: string;
  /** Widgets on that server forwarding to the bot's whole replies and to its streamed replies. */
  widgetIds?: { whole?: string; streamed?: string };
}

export interface Playground {
  url: string;
  close(): Promise<void>;
}

const here = import.meta.dirname;
const root = join(here, '..', '..');

interface BundleOptions {
  format: 'iife' | 'esm';
  globalName?: string;
  plugins?: Plugin[];
}

async function bundle(entry: string, options: BundleOptions): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: options.format,
    ...(options.globalName ? { globalName: options.globalName } : {}),
    platform: 'browser',
    target: 'es2022',
    conditions: sourceConditions,
    define: {
      'process.env.NODE_ENV': '"production"',
      // Vue's compile-time flags, as its esm-bundler build asks bundlers to set them.
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: options.plugins ?? [],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * One ES module per renderer exporting `mount` (renderer-module.ts). A renderer that does not bundle
 * leaves the others working: its module throws why, and the page shows it.
 */
async function rendererBundle(renderer: RendererName): Promise<string> {
  try {
    return await bundle(join(here, 'renderers', `${renderer}.ts`), {
      format: 'esm',
      plugins: frameworkPlugins(),
    });
  } catch (error) {
    const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text;
    const message = first ?? (error instanceof Error ? error.message : String(error));
    console.warn(`playground: the ${renderer} renderer did not bundle: ${message}`);
    return `throw new Error(${JSON.stringify(`it did not bundle (${message})`)});`;
  }
}

export async function servePlayground(options: PlaygroundOptions): Promise<Playground> {
  const features = Promise.all(
    featureBundles.map(({ entry, globalName }) =>
      bundle(join(root, entry), {
        format: 'iife',
        globalName,
        plugins: [sharedFromRuntimePlugin()],
      }),
    ),
  );
  const [playground, loader, runtime, ...renderers] = await Promise.all([
    bundle(join(here, 'main.ts'), { format: 'esm' }),
    bundle(join(root, 'packages/dom/src/embed/loader.ts'), { format: 'iife' }),
    bundle(join(root, 'packages/dom/src/embed/runtime.ts'), {
      format: 'iife',
      globalName: 'ChatWidgetProRuntime',
      plugins: [sharedFromLoaderPlugin()],
    }),
    ...choices.renderer.map(rendererBundle),
  ]);
  const settings = JSON.stringify({
    botUrl: options.botUrl.replace(/\/+$/, ''),
    serverUrl: options.serverUrl?.replace(/\/+$/, ''),
    widgetIds: options.widgetIds,
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
  const js = 'text/javascript; charset=utf-8';
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', page],
    '/playground.js': [js, playground],
    '/playground.css': [
      'text/css; charset=utf-8',
      readFileSync(join(here, 'playground.css'), 'utf8'),
    ],
    '/vanilla/': ['text/html; charset=utf-8', vanilla],
    '/embed/cwp-embed.js': [js, loader],
    '/embed/cwp-widget.js': [js, runtime],
  };
  for (const [index, feature] of (await features).entries()) {
    files[`/embed/${featureBundles[index]?.file}`] = [js, feature];
  }
  for (const [index, name] of choices.renderer.entries()) {
    files[`/renderers/${name}.js`] = [js, renderers[index] ?? ''];
  }
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
    widgetIds: { whole: process.env.CWP_WIDGET_ID, streamed: process.env.CWP_STREAM_WIDGET_ID },
  });
  console.log(`Playground: ${playground.url}`);
}
