import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, sendMessage, startHarness } from './harness.js';

let h: Harness;
let webhook: Server;
let url: string;
let answered = 0;

beforeAll(async () => {
  h = await startHarness();
  // Answers the first request on each connection and drops the connection on the next one, as a
  // webhook behind a load balancer does when it closes an idle kept-alive socket at the wrong moment.
  webhook = createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { served?: boolean };
    if (socket.served) {
      socket.destroy();
      return;
    }
    socket.served = true;
    req.resume();
    req.on('end', () => {
      answered += 1;
      res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive' });
      res.end(JSON.stringify({ output: `answer ${answered}` }));
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/webhook`;
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise((resolve) => webhook.close(resolve));
  await h.close();
});

describe('a kept-alive connection the webhook dropped', () => {
  it('is retried on a new connection instead of answering 502 to the visitor', async () => {
    const widget = await h.createWidget({ webhookUrl: url });
    for (let i = 1; i <= 3; i++) {
      const { res, body } = await h.chat(widget.id, sendMessage('s-reuse', `message ${i}`));
      expect(res.status).toBe(200);
      expect(JSON.parse(body)).toEqual({ output: `answer ${i}` });
    }
  });
});
