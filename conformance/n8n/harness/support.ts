// What the conformance tests share: our real @cwp/server on loopback in front of real n8n, our real
// @cwp/core n8n transport, and small readers for what comes back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChatWidget,
  createN8nTransport,
  type ReplyChunk,
  type Transport,
  type WidgetState,
} from '@cwp/core';
import { type RunningServer, silentLogger, startServer } from '@cwp/server';

export const siteOrigin = 'https://shop.example';
const adminToken = 'conformance-admin-token-0123456789';

export interface Managed {
  readonly server: RunningServer;
  /** Creates a widget whose webhook is `webhookUrl`; returns its chat URL on the server. */
  widget(
    webhookUrl: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; chatUrl: string }>;
  close(): Promise<void>;
}

export async function startManaged(): Promise<Managed> {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-n8n-managed-'));
  const server = await startServer({
    port: 0,
    dbFile: join(dir, 'cwp.db'),
    adminToken,
    allowPrivateWebhooks: true,
    logger: silentLogger,
    analyticsFlushIntervalMs: 50,
  });
  return {
    server,
    async widget(webhookUrl, extra = {}) {
      const res = await fetch(`${server.url}/v1/admin/widgets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'n8n conformance',
          allowedOrigins: [siteOrigin],
          webhookUrl,
          ...extra,
        }),
      });
      const body = await res.text();
      if (res.status !== 201) throw new Error(`creating a widget failed ${res.status}: ${body}`);
      const { id } = JSON.parse(body) as { id: string };
      return { id, chatUrl: `${server.url}/v1/widgets/${id}/chat` };
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** @cwp/core's n8n transport, as a browser page on `siteOrigin` would use it. */
export function transportFor(
  webhookUrl: string,
  extra: Partial<Parameters<typeof createN8nTransport>[0]> = {},
): Transport {
  return createN8nTransport({
    webhookUrl,
    headers: { origin: siteOrigin },
    timeouts: { request: 15_000, idle: 15_000 },
    ...extra,
  });
}

export interface Replies {
  /** Each reply's text, in order (a `start` opens a new one). */
  readonly replies: string[];
  readonly streamed: boolean;
  readonly chunks: ReplyChunk[];
}

export async function collect(chunks: AsyncIterable<ReplyChunk>): Promise<Replies> {
  const replies: string[] = [];
  const all: ReplyChunk[] = [];
  let streamed = false;
  let open = false;
  for await (const chunk of chunks) {
    all.push(chunk);
    if (chunk.type === 'start') {
      streamed ||= chunk.streamed;
      replies.push('');
      open = true;
    } else if (chunk.type === 'delta') {
      if (!open) {
        replies.push('');
        open = true;
      }
      replies[replies.length - 1] += chunk.text;
    } else if (chunk.type === 'end') {
      open = false;
    }
  }
  return { replies, streamed, chunks: all };
}

export function send(transport: Transport, sessionId: string, text: string, files?: File[]) {
  return collect(
    transport.send(
      { sessionId, text, messageId: `m-${Math.random().toString(36).slice(2)}`, files },
      { signal: AbortSignal.timeout(30_000) },
    ),
  );
}

export interface NdjsonLine {
  type: string;
  content?: string;
  metadata?: { nodeName?: string; nodeId?: string; itemIndex?: number; runIndex?: number };
}

export function ndjson(text: string): NdjsonLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NdjsonLine);
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: siteOrigin, ...headers },
    body: JSON.stringify(body),
  });
}

export const uniqueSession = (name: string) =>
  `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Resolves with the widget's state once `predicate` holds (checked now and on every change). */
export function waitFor(
  widget: ChatWidget,
  predicate: (state: WidgetState) => boolean,
  timeoutMs = 30_000,
): Promise<WidgetState> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const done = (state: WidgetState) => {
      clearTimeout(timer);
      queueMicrotask(() => off());
      resolve(state);
    };
    const timer = setTimeout(() => {
      off();
      const s = widget.getSnapshot();
      const flags = `typing ${s.isTyping}, responding ${s.isResponding}`;
      const statuses = s.messages.map((m) => m.status).join(',');
      reject(
        new Error(
          `timed out; messages ${JSON.stringify(texts(s))} (${statuses}), ${flags}, error ${s.error?.message}`,
        ),
      );
    }, timeoutMs);
    off = widget.subscribe((state) => {
      if (predicate(state)) done(state);
    });
    const now = widget.getSnapshot();
    if (predicate(now)) done(now);
  });
}

/** `role: text` of each message, as a visitor reads the log. */
export const texts = (state: WidgetState) => state.messages.map((m) => `${m.role}: ${m.text}`);
