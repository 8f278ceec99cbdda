// A local stand-in for OpenAI's Chat Completions API, so n8n's AI Agent runs without internet.
// It answers `Agent heard: <the last user message>`, streamed one word per `data:` chunk when asked to
// stream, and remembers every request so tests can see what n8n sent (e.g. the remembered turns).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  readonly model?: string;
  readonly stream?: boolean;
  readonly messages: readonly { role: string; content: unknown }[];
}

export interface FakeLlm {
  /** Base URL as an OpenAI credential wants it, e.g. http://127.0.0.1:1234/v1 */
  readonly baseUrl: string;
  readonly requests: ChatRequest[];
  close(): Promise<void>;
}

export const replyPrefix = 'Agent heard:';
/** A user message containing this makes the model fail. */
export const failWord = 'please fail';

export function replyFor(request: ChatRequest): string {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const text = typeof lastUser?.content === 'string' ? lastUser.content : JSON.stringify(lastUser);
  return `${replyPrefix} ${text}`;
}

/** The words of a reply as the chunks the model streams (each but the first starts with its space). */
export function tokensOf(reply: string): string[] {
  return reply.split(/(?= )/);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8'));
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const requests: ChatRequest[] = [];
  let n = 0;
  const server: Server = createServer(async (req, res) => {
    // Tests run in other processes than the one that started this server: they read requests here.
    if (req.method === 'GET' && req.url === '/_requests') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests));
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const body = (await readJson(req)) as ChatRequest;
    requests.push(body);
    if (replyFor(body).includes(failWord)) {
      // A model outage, as OpenAI reports one (n8n's retries see the same each time).
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: 'The model is unavailable', type: 'invalid_request_error' },
        }),
      );
      return;
    }
    const id = `chatcmpl-${++n}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'gpt-4o-mini';
    const reply = replyFor(body);
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: reply },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const token of tokensOf(reply)) {
      res.write(chunk({ content: token }, null));
      // A small pause so each token leaves n8n as its own NDJSON item.
      await new Promise((r) => setTimeout(r, 15));
    }
    res.write(chunk({}, 'stop'));
    res.write(
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
