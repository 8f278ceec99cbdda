import { afterEach, describe, expect, it } from 'vitest';
import { stringifyJson } from '../transport/stringify-json.js';
import { createChatWidget } from '../widget.js';
import { idle, sharedStorage, useBot, useWidgets } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

type Patched = Record<string, unknown>;
const objectProto = Object.prototype as Patched;
const arrayProto = Array.prototype as unknown as Patched;

afterEach(() => {
  delete objectProto.polluted;
  delete arrayProto.toJSON;
});

/** Prototype.js 1.6's Array#toJSON: arrays serialise as one string. */
function installPrototypeJs() {
  arrayProto.toJSON = function (this: unknown[]) {
    return `[${this.map((item) => JSON.stringify(item)).join(', ')}]`;
  };
}

describe('a host page that changed the built-in prototypes', () => {
  it('starts, answers and restores the conversation with Object.prototype polluted', async () => {
    objectProto.polluted = 'x';
    const storage = sharedStorage();
    const first = createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage });
    first.send('hello');
    const state = await idle(first);
    expect(state.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['bot', 'done'],
    ]);
    first.destroy();
    const reloaded = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    expect(reloaded.getSnapshot().messages.map((m) => m.text)).toEqual(
      state.messages.map((m) => m.text),
    );
  });

  it('restores the conversation after a reload with Prototype.js’s Array#toJSON', async () => {
    installPrototypeJs();
    const storage = sharedStorage();
    const first = createChatWidget({
      webhookUrl: ctx.bot.webhookUrl,
      storage,
      metadata: { tags: ['a', 'b'] },
    });
    first.send('remember me');
    const { messages } = await idle(first);
    first.destroy();
    const reloaded = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    expect(reloaded.getSnapshot().messages).toEqual(messages);
    // The bot got the metadata's array as an array, not as a string.
    expect((ctx.bot.requests[0]?.body as { metadata?: unknown } | undefined)?.metadata).toEqual({
      tags: ['a', 'b'],
    });
  });
});

describe('stringifyJson', () => {
  const samples: unknown[] = [
    { a: [1, 'two', null, true, { b: [] }], c: undefined, d: () => 1, e: new Date(0) },
    [undefined, () => 1, Number.NaN, 'é"\\\n'],
    'text',
    42,
    null,
  ];

  it('matches JSON.stringify on a page that changed nothing', () => {
    for (const value of samples) expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('ignores a toJSON inherited from Array.prototype or Object.prototype', () => {
    const expected = samples.map((value) => JSON.stringify(value));
    installPrototypeJs();
    objectProto.polluted = 'x';
    expect(JSON.stringify([1, 2])).toBe('"[1, 2]"');
    expect(samples.map(stringifyJson)).toEqual(expected);
    expect(stringifyJson({ own: { toJSON: () => 'mine' } })).toBe('{"own":"mine"}');
  });

  it('refuses a cycle as JSON.stringify does', () => {
    arrayProto.toJSON = () => 'x';
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(() => stringifyJson(cycle)).toThrow(TypeError);
  });
});
