/**
 * Serves the test pages and their bundles, and a switchable webhook (`/hook`) that forwards to the
 * real local bot: normally to its chat route, or to one of its faults, or it refuses the
 * connection. Counting requests here sees exactly what the browser sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot, FaultName } from '@cwp/bot';
import { featureBundles } from '../../scripts/lib/embed-features.js';
import { bundle } from './bundle.js';
import { embedLocaleBundles, type PageWidget, type RendererName, renderers } from './renderers.js';

export interface PageSpec {
  renderer: RendererName;
  widgets: PageWidget[];
  /** A host page stylesheet that tries to break the widget. */
  hostileCss?: boolean;
  /** Serve the page with a strict Content-Security-Policy (nonce-only scripts and styles). */
  csp?: boolean;
}

/** Fixed: the pages are test fixtures, and the header and markup must agree. */
export const cspNonce = 'cwp-e2e-nonce';

export function cspHeader(): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${cspNonce}'`,
    `style-src 'nonce-${cspNonce}'`,
    "connect-src 'self'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export type HookMode = 'normal' | 'slow' | 'refused' | FaultName;

export interface HookRequest {
  body: { action?: string; chatInput?: string; sessionId?: string } | null;
  at: number;
}

export interface FixtureServer {
  url: string;
  /** The switchable webhook. */
  hookUrl: string;
  hookRequests: HookRequest[];
  setHook(mode: HookMode): void;
  /** A URL for a page with these widgets (stable, so reloads show the same page). */
  page(spec: PageSpec): string;
  close(): Promise<void>;
}

const globalNames: Record<string, string> = {
  '/embed/cwp-widget.js': 'ChatWidgetProRuntime',
  ...Object.fromEntries(featureBundles.map((f) => [`/embed/${f.file}`, f.globalName])),
  ...Object.fromEntries(
    Object.keys(embedLocaleBundles).map((path) => [
      path,
      `ChatWidgetProLocale_${/(\w+)\.js$/.exec(path)?.[1]}`,
    ]),
  ),
};

function pageHtml(spec: PageSpec): string {
  const renderer = renderers[spec.renderer];
  const nonce = spec.csp ? cspNonce : undefined;
  const nonceAttr = nonce ? ` nonce="${nonce}"` : '';
  const configs = JSON.stringify(spec.widgets).replace(/</g, '\\u003c');
  const hostile = spec.hostileCss
    ? // Hides every div but the page's own inline containers (hiding those would hide any content).
      `<style${nonceAttr}>*{all:unset}div:not(.inline){display:none!important}button{all:unset!important;display:none!important;width:0!important;height:0!important}</style>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ChatWidgetPro test page</title>
<style${nonceAttr}>body{font-family:sans-serif;margin:0;padding:16px}.inline{width:400px;height:560px;margin-block:12px}</style>
${hostile}
</head><body><main>
<h1>Test page</h1><p>Host page content.</p>
<div id="inline-1" class="inline"></div><div id="inline-2" class="inline"></div>
</main>
<script type="application/json" id="cwp-config">${configs}</script>
${renderer.body(spec.widgets, nonce)}
</body></html>`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `rawReply(chatInput)`: a body to answer with as is (replies that are not text, like raw JSON). */
export async function startFixtureServer(
  bot: Bot,
  rawReply: (chatInput: string) => string | undefined = () => undefined,
): Promise<FixtureServer> {
  // Bundled on first request: a worker pays only for the renderers its tests use.
  const entries = new Map(Object.values(renderers).flatMap((r) => Object.entries(r.bundles)));
  const files = new Map<string, Promise<string>>();
  const fileFor = (path: string): Promise<string> | undefined => {
    const entry = entries.get(path);
    if (entry === undefined) return undefined;
    let file = files.get(path);
    if (file === undefined) {
      file = bundle(entry, globalNames[path]);
      files.set(path, file);
    }
    return file;
  };
  const pages = new Map<string, PageSpec>();
  const hookRequests: HookRequest[] = [];
  let mode: HookMode = 'normal';

  async function hook(req: IncomingMessage, res: ServerResponse, search: string) {
    const body = await readBody(req);
    let parsed: HookRequest['body'] = null;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {}
    hookRequests.push({ body: parsed, at: Date.now() });
    const raw = parsed?.chatInput === undefined ? undefined : rawReply(parsed.chatInput);
    if (raw !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(raw);
      return;
    }
    const current = parsed?.action === 'loadPreviousSession' ? 'normal' : mode;
    if (current === 'refused') {
      req.socket.destroy();
      return;
    }
    const target =
      current === 'normal'
        ? `${bot.webhookUrl}${search}`
        : current === 'slow'
          ? `${bot.url}/webhook/slow?ms=1200`
          : `${bot.faultUrl(current)}${search}`;
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    try {
      const upstream = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: new Uint8Array(body),
        signal: controller.signal,
      });
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'retry-after']) {
        const value = upstream.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      res.writeHead(upstream.status, headers);
      res.flushHeaders();
      if (upstream.body) for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    } catch {
      res.destroy();
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture.local');
    const file = fileFor(url.pathname);
    if (file !== undefined) {
      file.then(
        (text) => {
          res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(String(error));
        },
      );
      return;
    }
    const page = /^\/page\/(\w+)$/.exec(url.pathname);
    const spec = page ? pages.get(page[1] as string) : undefined;
    if (spec) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        ...(spec.csp ? { 'content-security-policy': cspHeader() } : {}),
      });
      return res.end(pageHtml(spec));
    }
    if (url.pathname === '/hook' && req.method === 'POST') {
      void hook(req, res, url.search);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let pageCount = 0;
  return {
    url,
    hookUrl: `${url}/hook`,
    hookRequests,
    setHook(next) {
      mode = next;
    },
    page(spec) {
      const id = `p${++pageCount}`;
      pages.set(id, spec);
      return `${url}/page/${id}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
