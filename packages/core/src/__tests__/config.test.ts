import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { resolveConfig } from '../config/schema.js';
import { createChatWidget } from '../widget.js';

function issuesOf(config: unknown) {
  try {
    createChatWidget(config as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).issues.map((i) => [i.path, i.message]));
  }
  throw new Error('expected a ConfigError');
}

const webhookUrl = 'https://n8n.example.com/webhook/abc/chat';

describe('a bad config', () => {
  it('throws one error naming every bad field by path', () => {
    let error: unknown;
    try {
      createChatWidget({
        webhookUrl: 'ftp://example.com',
        type: 'popup',
        header: { title: 42 },
        footer: { links: [{ label: 'Terms', href: 'javascript:alert(1)' }] },
        tooltip: { delay: -5 },
        theme: { tokens: { accent: 'red;} body{display:none' } },
        timeouts: { request: 5 },
        storage: 'cookies',
        titel: 'typo',
      } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const path of [
      'webhookUrl',
      'type',
      'header.title',
      'footer.links.0.href',
      'tooltip.delay',
      'theme.tokens.accent',
      'timeouts.request',
      'storage',
      'titel',
    ]) {
      expect(message).toContain(`${path}:`);
    }
    expect(message).toMatch(/9 problems/);
    expect(message).toContain("must be 'floating', 'inline' or 'fullscreen' (received \"popup\")");
  });

  it.each([
    [{ webhookUrl: 'not a url' }, 'webhookUrl', 'absolute http(s) URL'],
    [{ webhookUrl, chatInputKey: '' }, 'chatInputKey', 'must not be empty'],
    [{ webhookUrl, webhookConfig: { method: 'GET' } }, 'webhookConfig.method', "'POST' or 'PUT'"],
    [
      { webhookUrl, webhookConfig: { headers: { Authorization: 5 } } },
      'webhookConfig.headers.Authorization',
      'must be strings',
    ],
    [{ webhookUrl, metadata: 'x' }, 'metadata', 'must be an object'],
    [{ webhookUrl, loadPreviousSession: 'yes' }, 'loadPreviousSession', 'true or false'],
    [{ webhookUrl, transport: { post() {} } }, 'transport', 'send('],
    [{ server: 'https://chat.example.com', widgetId: 'bad id!' }, 'widgetId', 'letters, digits'],
    [{ server: 'https://chat.example.com' }, 'widgetId', 'required'],
    [{ widgetId: 'abc' }, 'server', 'required'],
    [
      { webhookUrl, server: 'https://chat.example.com', widgetId: 'abc' },
      'server',
      'cannot be combined',
    ],
    [{}, 'webhookUrl', 'required'],
    [{ webhookUrl, storage: { getItem() {} } }, 'storage', 'getItem, setItem and removeItem'],
    [{ webhookUrl, namespace: 'has space' }, 'namespace', 'letters, digits'],
    [{ webhookUrl, initialMessages: ['ok', 3] }, 'initialMessages.1', 'must be a string'],
    [{ webhookUrl, header: { avatar: 'javascript:alert(1)' } }, 'header.avatar', 'http(s) URL'],
    [{ webhookUrl, footer: true }, 'footer', 'false or'],
    [{ webhookUrl, tooltip: 'hi' }, 'tooltip', 'false or'],
    [
      { webhookUrl, bubble: { position: 'top-left' } },
      'bubble.position',
      "'bottom-right' or 'bottom-left'",
    ],
    [
      { webhookUrl, theme: { colorScheme: 'blue' } },
      'theme.colorScheme',
      "'auto', 'light' or 'dark'",
    ],
    [
      { webhookUrl, theme: { tokens: { 'Bad Name': 'red' } } },
      'theme.tokens.Bad Name',
      'lower-case',
    ],
    [{ webhookUrl, locale: 'english please' }, 'locale', 'language tag'],
    [{ webhookUrl, dir: 'up' }, 'dir', "'ltr', 'rtl' or 'auto'"],
    [{ webhookUrl, messages: { send: 1 } }, 'messages.send', 'must be a string'],
    [{ webhookUrl, messages: { sned: 'Go' } }, 'messages.sned', 'unknown option'],
    [{ webhookUrl, timeouts: { idle: 150.5 } }, 'timeouts.idle', 'whole number'],
    [{ webhookUrl, analytics: { includeText: 1 } }, 'analytics.includeText', 'true or false'],
    [{ webhookUrl, onEvent: 'track' }, 'onEvent', 'must be a function'],
    [{ webhookUrl, allowImagesFrom: ['cdn.example.com'] }, 'allowImagesFrom.0', 'http(s) URL'],
    [{ webhookUrl, abortOnClose: 'no' }, 'abortOnClose', 'true or false'],
    [{ webhookUrl, openOnStart: 1 }, 'openOnStart', 'true or false'],
    [
      { webhookUrl, bubble: { icon: 'javascript:alert(1)' } },
      'bubble.icon',
      "'chat', 'help', 'sparkle' or an absolute http(s) URL",
    ],
    [{ webhookUrl, bubble: { icon: 'robot' } }, 'bubble.icon', "'chat', 'help', 'sparkle'"],
    [{ webhookUrl, sound: 'ding' }, 'sound', 'true, false or { url? }'],
    [{ webhookUrl, sound: { url: 'ding.mp3' } }, 'sound.url', 'http(s) URL'],
    [{ webhookUrl, id: '' }, 'id', 'letters, digits'],
  ])('%j is refused at %s', (config, path, expected) => {
    const issues = issuesOf(config);
    expect(Object.keys(issues)).toContain(path);
    expect(issues[path]).toContain(expected);
  });

  it('names every unknown key, not only the first, and says where each one lives', () => {
    const issues = issuesOf({
      webhookUrl,
      title: 'Support',
      position: 'bottom-left',
      webhook: webhookUrl,
      header: { titel: 'Hi', colour: 'red' },
      footer: { lnks: [] },
    });
    expect(issues).toEqual({
      title: 'unknown option; did you mean header.title?',
      position: 'unknown option; did you mean bubble.position?',
      webhook: 'unknown option; did you mean webhookUrl?',
      'header.titel': 'unknown option; did you mean header.title?',
      'header.colour': 'unknown option (known here: title, subtitle, avatar, showStatus)',
      'footer.lnks': 'unknown option; did you mean footer.links?',
    });
  });

  it('says how to write an object option given as a string', () => {
    expect(issuesOf({ webhookUrl, theme: 'dark' }).theme).toContain(
      'use theme: { colorScheme: "dark" }',
    );
    expect(issuesOf({ webhookUrl, tooltip: 'Questions?' }).tooltip).toContain(
      'use tooltip: { text: "Questions?" }',
    );
  });

  it('names the field inside an option that may also be false', () => {
    const issues = issuesOf({
      webhookUrl,
      footer: { text: 5, links: [{ label: 'a', href: 'x:' }] },
    });
    expect(Object.keys(issues).sort()).toEqual(['footer.links.0.href', 'footer.text']);
  });

  it('is refused when it is not an object at all', () => {
    expect(() => createChatWidget('https://example.com' as never)).toThrow(ConfigError);
  });
});

describe('a good config', () => {
  it('gets sensible defaults', () => {
    const config = resolveConfig({ webhookUrl });
    expect(config).toMatchObject({
      mode: 'direct',
      type: 'floating',
      chatInputKey: 'chatInput',
      chatSessionKey: 'sessionId',
      loadPreviousSession: true,
      storage: 'local',
      namespace: 'cwp',
      bubble: { position: 'bottom-right' },
      theme: { colorScheme: 'auto', tokens: {} },
      timeouts: { request: 30_000, idle: 30_000 },
      analytics: { includeText: false },
      header: { title: 'Chat', showStatus: true },
      footer: { text: 'Powered by ChatWidgetPro', links: [] },
      tooltip: { delay: 3000 },
    });
    // The storage id is derived from, but does not spell out, the webhook URL.
    expect(config.id).not.toContain('example');
    expect(resolveConfig({ webhookUrl }).id).toBe(config.id);
  });

  it('lets every visitor-facing text be translated', () => {
    const config = resolveConfig({
      webhookUrl,
      locale: 'de',
      messages: { send: 'Senden', title: 'Hilfe' },
    });
    expect(config.messages.send).toBe('Senden');
    expect(config.header.title).toBe('Hilfe');
    expect(config.messages.retry).toBe('Retry');
  });
});
