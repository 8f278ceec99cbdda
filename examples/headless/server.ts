import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export interface ExampleServerOptions {
  /** The n8n-protocol webhook the page talks to (the local bot, or a real n8n Chat Trigger). */
  webhookUrl: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface ExampleServer {
  /** e.g. http://127.0.0.1:5173/ */
  url: string;
  close(): Promise<void>;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serves the headless example: index.html, style.css and src/main.ts bundled by esbuild on each
 * request (from the workspace packages' TypeScript source, so no build step is needed).
 */
export async function startExampleServer(options: ExampleServerOptions): Promise<ExampleServer> {
  const webhookOrigin = new URL(options.webhookUrl).origin;
  const bundler = await context({
    entryPoints: [join(here, 'src', 'main.ts')],
    bundle: true,
    write: false,
    outfile: 'main.js',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // 'module' must be listed again: custom conditions replace esbuild's default set.
    conditions: ['source', 'module'],
    sourcemap: 'inline',
    logLevel: 'silent',
  });

  // A strict policy: the page runs with no inline script and talks only to the webhook's origin.
  const csp = `default-src 'self'; connect-src 'self' ${webhookOrigin}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
  const reply = (res: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy': csp,
    });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        reply(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
      } else if (path === '/' || path === '/index.html') {
        const html = await readFile(join(here, 'public', 'index.html'), 'utf8');
        const page = html.replace('%WEBHOOK_URL%', escapeAttribute(options.webhookUrl));
        reply(res, 200, 'text/html; charset=utf-8', page);
      } else if (path === '/style.css') {
        reply(
          res,
          200,
          'text/css; charset=utf-8',
          await readFile(join(here, 'public', 'style.css')),
        );
      } else if (path === '/main.js') {
        const result = await bundler.rebuild();
        const output = result.outputFiles?.[0];
        if (!output) throw new Error('esbuild produced no output');
        reply(res, 200, 'text/javascript; charset=utf-8', output.contents);
      } else {
        reply(res, 404, 'text/plain; charset=utf-8', 'not found');
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`headless example: ${path}: ${message}`);
      reply(res, 500, 'text/plain; charset=utf-8', message);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await bundler.dispose();
    throw error;
  });

  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bundler.dispose();
    },
  };
}
