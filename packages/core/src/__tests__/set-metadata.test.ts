import { describe, expect, it } from 'vitest';
import { createChatWidget } from '../widget.js';
import { idle, manualTransport, useBot, useWidgets } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

describe('widget.setMetadata', () => {
  it('merges into the metadata the next requests carry; a send’s own metadata wins', async () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.setMetadata({ route: '/pricing', plan: 'free' });
    widget.setMetadata({ cart: 2, plan: 'pro' });
    widget.send('which plan am I on?');
    expect(calls[0]!.request.metadata).toEqual({ route: '/pricing', plan: 'pro', cart: 2 });
    calls[0]!.push({ type: 'delta', text: 'Pro.' });
    calls[0]!.finish();
    await idle(widget);

    widget.setMetadata({ route: '/checkout', cart: undefined });
    widget.send('and now?', { metadata: { plan: 'trial' } });
    expect(calls[1]!.request.metadata).toEqual({ route: '/checkout', plan: 'trial' });
  });

  it('sends no metadata until some is set', () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('hello');
    expect(calls[0]!.request.metadata).toBeUndefined();
  });

  it('reaches the webhook in the request body, over the config’s metadata', async () => {
    const widget = track(
      createChatWidget({
        webhookUrl: ctx.bot.webhookUrl,
        storage: 'memory',
        metadata: { site: 'shop', route: '/' },
      }),
    );
    widget.setMetadata({ route: '/cart' });
    widget.send('hi');
    await idle(widget);
    expect(ctx.bot.requests.at(-1)?.body).toMatchObject({
      chatInput: 'hi',
      metadata: { site: 'shop', route: '/cart' },
    });
  });
});
