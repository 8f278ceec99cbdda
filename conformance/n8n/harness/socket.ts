// A websocket client for Node 20 (which has no global WebSocket): `ws`, from @cwp/server's dependencies,
// plus a small recorder for raw protocol tests.
import { createRequire } from 'node:module';

/** The part of `ws`'s client this file uses (its types live with @cwp/server, not here). */
interface WsClient {
  on(event: 'message', listener: (data: { toString(): string }) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  once(event: 'open', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  once(
    event: 'unexpected-response',
    listener: (req: unknown, res: { statusCode?: number }) => void,
  ): void;
  send(data: string): void;
  close(): void;
}
type WsConstructor = new (url: string, options?: { headers?: Record<string, string> }) => WsClient;

const requireFromServer = createRequire(
  new URL('../../../packages/server/package.json', import.meta.url),
);
export const WebSocket = requireFromServer('ws') as WsConstructor;

export interface RecordedSocket {
  readonly frames: string[];
  /** Resolves with the close code once the socket closes. */
  readonly closed: Promise<number>;
  /** Resolves when a frame satisfying `match` has arrived (now or later). */
  frame(match: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  send(data: string): void;
  close(): void;
}

/** Opens `url`, acks n8n's heartbeats (as @n8n/chat does) and records every text frame. */
export function openRecorded(
  url: string,
  headers: Record<string, string> = {},
): Promise<RecordedSocket> {
  const socket = new WebSocket(url, { headers });
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    if (text === 'n8n|heartbeat') socket.send('n8n|heartbeat-ack');
    for (const wake of waiters) wake();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const recorded: RecordedSocket = {
    frames,
    closed,
    frame(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    send: (data) => socket.send(data),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(recorded));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`websocket refused with HTTP ${res.statusCode}`)),
    );
  });
}
