// Websocket clients for Node 20 (which has no global WebSocket): `ws` (as @cwp/bot re-exports it),
// one that sends the page's Origin as a browser does, and a recorder for raw protocol tests.
import { WebSocketClient } from '@cwp/bot';
import { siteOrigin } from './support.js';

/** What a browser's WebSocket sends by itself: the page's Origin (the server checks it). */
export class BrowserSocket extends WebSocketClient {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { origin: siteOrigin });
  }
}

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
  const socket = new WebSocketClient(url, { headers });
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
