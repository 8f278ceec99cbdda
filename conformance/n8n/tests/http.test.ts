// Real n8n's Chat Trigger over HTTP against our code: the wire as n8n sends it, then @cwp/core's n8n
// transport reading it directly and through @cwp/server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { failWord, replyPrefix } from '../harness/fake-llm.js';
import {
  type Managed,
  ndjson,
  postJson,
  send,
  siteOrigin,
  startManaged,
  transportFor,
  uniqueSession,
} from '../harness/support.js';

const n8n = inject('n8n');
const url = (name: string) => {
  const chatUrl = n8n.chatUrls[name];
  if (!chatUrl) throw new Error(`no workflow ${name}`);
  return chatUrl;
};

let managed: Managed;
/** Chat URLs on @cwp/server, one widget per workflow. */
const viaServer: Record<string, string> = {};
beforeAll(async () => {
  managed = await startManaged();
  for (const name of Object.keys(n8n.chatUrls)) {
    viaServer[name] = (await managed.widget(url(name))).chatUrl;
  }
});
afterAll(() => managed?.close());

interface LlmRequest {
  stream?: boolean;
  messages: { role: string; content: unknown }[];
}
async function llmRequests(): Promise<LlmRequest[]> {
  const base = new URL(n8n.llmUrl);
  return (await fetch(`${base.origin}/_requests`)).json() as Promise<LlmRequest[]>;
}

describe('whole reply (responseMode lastNode)', () => {
  it('n8n answers one JSON object with "output", echoing our Origin', async () => {
    const res = await postJson(url('whole'), {
      action: 'sendMessage',
      sessionId: uniqueSession('wire'),
      chatInput: 'hello wire',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(await res.json()).toEqual({ output: 'You said: hello wire' });
  });

  it.each(['direct', 'server'])('our transport shows it as one whole reply (%s)', async (way) => {
    const target = way === 'direct' ? url('whole') : viaServer.whole!;
    const got = await send(transportFor(target), uniqueSession('whole'), 'hello whole');
    expect(got.replies).toEqual(['You said: hello whole']);
    expect(got.streamed).toBe(false);
  });
});

describe('Respond to Webhook streaming (responseMode streaming, two nodes)', () => {
  it('n8n sends NDJSON begin/item/end per node: two groups', async () => {
    const res = await postJson(url('respond-stream'), {
      action: 'sendMessage',
      sessionId: uniqueSession('wire'),
      chatInput: 'abc',
    });
    expect(res.status).toBe(200);
    const lines = ndjson(await res.text());
    expect(lines.map((l) => l.type)).toEqual(['begin', 'item', 'end', 'begin', 'item', 'end']);
    expect(lines.map((l) => l.metadata?.nodeName)).toEqual([
      ...Array(3).fill('First answer'),
      ...Array(3).fill('Second answer'),
    ]);
    expect(lines.filter((l) => l.type === 'item').map((l) => l.content)).toEqual([
      'First part for abc.',
      'Second part for abc.',
    ]);
  });

  it.each(['direct', 'server'])('our transport shows two streamed replies (%s)', async (way) => {
    const target = way === 'direct' ? url('respond-stream') : viaServer['respond-stream']!;
    const got = await send(transportFor(target), uniqueSession('rs'), 'xyz');
    expect(got.streamed).toBe(true);
    expect(got.replies).toEqual(['First part for xyz.', 'Second part for xyz.']);
  });
});

describe('AI Agent token streaming against a local OpenAI-compatible model', () => {
  it("n8n streams the model's tokens as separate NDJSON items", async () => {
    const res = await postJson(url('agent'), {
      action: 'sendMessage',
      sessionId: uniqueSession('wire'),
      chatInput: 'one two three',
    });
    expect(res.status).toBe(200);
    const lines = ndjson(await res.text());
    const items = lines.filter((l) => l.type === 'item').map((l) => l.content);
    expect(items.join('')).toBe(`${replyPrefix} one two three`);
    // One item per token the model streamed, not one whole answer.
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(lines[0]?.type).toBe('begin');
    expect(lines.at(-1)?.type).toBe('end');
    const last = (await llmRequests()).at(-1);
    expect(last?.stream).toBe(true);
  });

  it.each(['direct', 'server'])('our transport streams the agent reply (%s)', async (way) => {
    const target = way === 'direct' ? url('agent') : viaServer.agent!;
    const chunks: string[] = [];
    const transport = transportFor(target);
    const sessionId = uniqueSession('agent');
    let streamed = false;
    for await (const chunk of transport.send(
      { sessionId, text: 'stream me please', messageId: 'a1' },
      { signal: AbortSignal.timeout(30_000) },
    )) {
      if (chunk.type === 'start') streamed ||= chunk.streamed;
      if (chunk.type === 'delta') chunks.push(chunk.text);
    }
    expect(streamed).toBe(true);
    expect(chunks.join('')).toBe(`${replyPrefix} stream me please`);
    expect(chunks.length).toBeGreaterThan(1);
  });
});

describe('a model failure while streaming', () => {
  it('n8n streams an error line and no end', async () => {
    const res = await postJson(url('agent'), {
      action: 'sendMessage',
      sessionId: uniqueSession('wire'),
      chatInput: `${failWord} now`,
    });
    expect(res.status).toBe(200);
    const lines = ndjson(await res.text());
    expect(lines.filter((l) => l.type === 'error')).toHaveLength(1);
    expect(lines.some((l) => l.type === 'end' || l.type === 'item')).toBe(false);
  });

  it.each(['direct', 'server'])(
    'our transport reports it as an error, not a reply (%s)',
    async (way) => {
      const target = way === 'direct' ? url('agent') : viaServer.agent!;
      await expect(
        send(transportFor(target), uniqueSession('fail'), `${failWord} now`),
      ).rejects.toMatchObject({
        kind: 'bot_error',
      });
    },
  );
});

describe("memory history (loadPreviousSession from the agent's Simple Memory)", () => {
  it('n8n answers LangChain messages, and the model saw the earlier turn', async () => {
    const sessionId = uniqueSession('mem-wire');
    const transport = transportFor(url('agent'));
    await send(transport, sessionId, 'first question');
    await send(transport, sessionId, 'second question');
    const second = (await llmRequests()).at(-1);
    expect(JSON.stringify(second?.messages)).toContain('first question');

    const res = await postJson(url('agent'), { action: 'loadPreviousSession', sessionId });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: { id: string[]; kwargs: { content: string } }[];
    };
    expect(data.map((m) => [m.id.at(-1), m.kwargs.content])).toEqual([
      ['HumanMessage', 'first question'],
      ['AIMessage', `${replyPrefix} first question`],
      ['HumanMessage', 'second question'],
      ['AIMessage', `${replyPrefix} second question`],
    ]);
  });

  it.each(['direct', 'server'])('our transport restores the conversation (%s)', async (way) => {
    const target = way === 'direct' ? url('agent') : viaServer.agent!;
    const transport = transportFor(target);
    const sessionId = uniqueSession('mem');
    await send(transport, sessionId, 'remember me');
    const history = await transport.loadHistory!(sessionId, {
      signal: AbortSignal.timeout(15_000),
    });
    expect(history).toEqual([
      { role: 'user', text: 'remember me' },
      { role: 'bot', text: `${replyPrefix} remember me` },
    ]);
  });

  it('a workflow without memory restores nothing, and says so without an error', async () => {
    const history = await transportFor(url('whole')).loadHistory!(uniqueSession('none'), {
      signal: AbortSignal.timeout(15_000),
    });
    expect(history).toEqual([]);
  });
});

describe('uploads (multipart reaching the workflow as binary)', () => {
  const file = () => new File(['hello from a file'], 'note.txt', { type: 'text/plain' });
  // n8n's fileSize is a rounded human string ("17 B"); the byte count proves the whole file arrived.
  const expected = 'Got "see attached" with 1 binary file(s): note.txt text/plain 17 B';

  it('our transport sends multipart the way n8n reads it (direct)', async () => {
    const got = await send(transportFor(url('uploads')), uniqueSession('up'), 'see attached', [
      file(),
    ]);
    expect(got.replies).toEqual([expected]);
  });

  it('the server forwards it for a widget that allows uploads (managed)', async () => {
    const { chatUrl } = await managed.widget(url('uploads'), {
      config: { allowFileUploads: true, allowedFilesMimeTypes: 'text/plain' },
    });
    const got = await send(transportFor(chatUrl), uniqueSession('up-m'), 'see attached', [file()]);
    expect(got.replies).toEqual([expected]);
  });
});
