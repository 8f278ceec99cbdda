// @vitest-environment node
import { parts } from '@cwp/core';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ChatWidget from '../ChatWidget.svelte';

const config = {
  webhookUrl: 'https://n8n.example.com/webhook/chat',
  footer: { links: [{ label: 'Privacy', href: 'https://example.com/privacy' }] },
};

describe('server rendering', () => {
  it('renders every part without a DOM', () => {
    expect(typeof document).toBe('undefined');
    const { body } = render(ChatWidget, { props: { config } });
    // Every part but those inside a message (there are none yet) or a starter prompt (none set).
    const inMessage =
      /^(message.*|code-copy|retry-button|copy-reply|feedback-.*|starter-prompt|attachment(-.*)?)$/;
    for (const part of parts.filter((p) => !inMessage.test(p))) {
      expect(body, part).toContain(`data-part="${part}"`);
    }
    expect(body).not.toContain('data-cwp-host');
    expect(body).not.toMatch(/\son\w+=/i);
  });

  it('wraps the widget in its host in shadow mode', () => {
    const { body } = render(ChatWidget, {
      props: { config: { ...config, type: 'inline' }, shadow: true },
    });
    expect(body).toMatch(/<div data-cwp-host[^>]*><div[^>]*data-part="root"/);
    expect(body).toContain('data-type="inline"');
  });
});
