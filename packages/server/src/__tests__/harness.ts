import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bot, startBot } from '@cwp/bot';
import type { LogFields, Logger } from '../logger.js';
import { type RunningServer, type StartServerOptions, startServer } from '../server.js';
import type { NewWidget, WidgetRecord } from '../store/types.js';

export const adminToken = 'test-admin-token-0123456789';
export const siteOrigin = 'https://shop.example';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: LogFields | undefined;
}

export function captureLogger(lines: LogLine[]): Logger {
  return {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}

export interface Harness {
  bot: Bot;
  server: RunningServer;
  dir: string;
  dbFile: string;
  logs: LogLine[];
  /** Every response body and header the tests saw, to check for leaks afterwards. */
  seen: string[];
  request(path: string, init?: RequestInit & { origin?: string | null }): Promise<Response>;
  /** Like request, but reads the body (as text) and remembers it. */
  text(
    path: string,
    init?: RequestInit & { origin?: string | null },
  ): Promise<{ res: Response; body: string }>;
  admin(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ res: Response; body: string; json: unknown }>;
  createWidget(input: Partial<NewWidget> & { webhookUrl: string }): Promise<WidgetRecord>;
  chat(
    widgetId: string,
    body: unknown,
    init?: { origin?: string | null; headers?: Record<string, string> },
  ): Promise<{ res: Response; body: string }>;
  restart(options?: Partial<StartServerOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<StartServerOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-server-test-'));
  const dbFile = join(dir, 'cwp.db');
  const logs: LogLine[] = [];
  const seen: string[] = [];
  const bot = await startBot();
  const serverOptions = (): StartServerOptions => ({
    port: 0,
    dbFile,
    adminToken,
    allowPrivateWebhooks: true,
    logger: captureLogger(logs),
    analyticsFlushIntervalMs: 50,
    ...options,
  });
  const h: Harness = {
    bot,
    server: await startServer(serverOptions()),
    dir,
    dbFile,
    logs,
    seen,
    async request(path, init = {}) {
      const { origin = siteOrigin, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (origin !== null) headers.set('origin', origin);
      const res = await fetch(`${h.server.url}${path}`, { ...rest, headers });
      seen.push(JSON.stringify([...res.headers]));
      return res;
    },
    async text(path, init) {
      const res = await h.request(path, init);
      const body = await res.text();
      seen.push(body);
      return { res, body };
    },
    async admin(method, path, body) {
      const { res, body: text } = await h.text(path, {
        method,
        origin: null,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {}
      return { res, body: text, json };
    },
    async createWidget(input) {
      const { res, body, json } = await h.admin('POST', '/v1/admin/widgets', {
        name: 'Test widget',
        allowedOrigins: [siteOrigin],
        ...input,
      });
      if (res.status !== 201) throw new Error(`create failed ${res.status}: ${body}`);
      return json as WidgetRecord;
    },
    chat(widgetId, body, init = {}) {
      return h.text(`/v1/widgets/${widgetId}/chat`, {
        method: 'POST',
        origin: init.origin === undefined ? siteOrigin : init.origin,
        headers: { 'content-type': 'application/json', ...init.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async restart(more = {}) {
      await h.server.close();
      h.server = await startServer({ ...serverOptions(), ...more });
    },
    async close() {
      await h.server.close();
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export const sendMessage = (
  sessionId: string,
  chatInput: string,
  extra: Record<string, unknown> = {},
) => ({
  action: 'sendMessage',
  sessionId,
  chatInput,
  ...extra,
});

/** Reads a streamed body, noting when each chunk arrived. */
export async function readChunks(
  res: Response,
): Promise<{ text: string; chunks: { at: number; text: string }[] }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: { at: number; text: string }[] = [];
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const piece = decoder.decode(value, { stream: true });
    chunks.push({ at: performance.now(), text: piece });
    text += piece;
  }
  return { text, chunks };
}

export function ndjsonItems(text: string): { type: string; content?: string }[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as { type: string; content?: string };
      } catch {
        return { type: 'unparsable' };
      }
    });
}
