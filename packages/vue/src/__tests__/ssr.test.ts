import { type ChatWidgetApi, createChatWidget } from '@cwp/core';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { ChatWidget } from '../chat-widget.js';

const config = { webhookUrl: 'https://bot.example/webhook', storage: 'memory' as const, id: 'ssr' };

/** A widget that counts its subscribers, to see that server rendering lets go of it. */
function countingWidget() {
  const widget = createChatWidget(config);
  let listeners = 0;
  const counted: ChatWidgetApi = {
    ...widget,
    getSnapshot: () => widget.getSnapshot(),
    subscribe(listener) {
      listeners++;
      const off = widget.subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    },
  };
  return { widget, counted, listeners: () => listeners };
}

describe('<ChatWidget> on the server', () => {
  it('renders every part without touching the DOM', async () => {
    expect(typeof document).toBe('undefined');
    const html = await renderToString(createSSRApp({ render: () => h(ChatWidget, { config }) }));
    for (const part of ['root', 'bubble', 'window', 'header', 'messages', 'composer', 'footer'])
      expect(html).toContain(`data-part="${part}"`);
    expect(html).toContain('aria-expanded="false"');
    expect(html).not.toContain('data-cwp-host');
  });

  it('renders the open window when v-model:open says so', async () => {
    const html = await renderToString(
      createSSRApp({ render: () => h(ChatWidget, { config, open: true }) }),
    );
    expect(html).toContain('aria-expanded="true"');
  });

  it('renders only the host in shadow mode (a shadow root exists on the client only)', async () => {
    const html = await renderToString(
      createSSRApp({ render: () => h(ChatWidget, { config, shadow: true }) }),
    );
    expect(html).toBe('<div data-cwp-host></div>');
  });

  it('lets go of the widget once rendered', async () => {
    const { widget, counted, listeners } = countingWidget();
    await renderToString(createSSRApp({ render: () => h(ChatWidget, { widget: counted }) }));
    expect(listeners()).toBe(0);
    widget.destroy();
  });
});
