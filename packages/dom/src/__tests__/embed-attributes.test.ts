import { describe, expect, it } from 'vitest';
import { attributeWarnings, configFromAttributes } from '../embed/attributes.js';

const read = (attrs: Record<string, string>) => (name: string) => attrs[name] ?? null;

describe('embed code configured by attributes', () => {
  it('maps data-* names onto the widget config', () => {
    const config = configFromAttributes(
      read({
        'webhook-url': 'https://n8n.example.com/webhook/abc/chat',
        type: 'inline',
        title: 'Support',
        subtitle: 'Fast answers',
        position: 'bottom-left',
        theme: 'dark',
        tooltip: 'false',
        open: '',
        nonce: 'abc',
        target: '#chat',
      }),
    );
    expect(config).toEqual({
      webhookUrl: 'https://n8n.example.com/webhook/abc/chat',
      type: 'inline',
      header: { title: 'Support', subtitle: 'Fast answers' },
      bubble: { position: 'bottom-left' },
      theme: { colorScheme: 'dark' },
      tooltip: false,
      openOnStart: true,
      nonce: 'abc',
      target: '#chat',
    });
  });

  it('takes managed mode from data-server and data-widget-id, over a JSON base config', () => {
    const config = configFromAttributes(
      read({
        server: 'https://chat.example.com',
        'widget-id': 'w_123',
        config: '{"locale":"de","header":{"title":"Hallo"}}',
        subtitle: 'Untertitel',
      }),
    );
    expect(config).toEqual({
      server: 'https://chat.example.com',
      widgetId: 'w_123',
      locale: 'de',
      header: { title: 'Hallo', subtitle: 'Untertitel' },
    });
  });
});

describe('data-uploads', () => {
  it('turns uploads on with types and limits', () => {
    const config = configFromAttributes(
      read({
        uploads: '',
        'upload-types': 'image/*,.pdf',
        'max-file-size': '2048',
        'max-files': '3',
      }),
    );
    expect(config).toMatchObject({
      allowFileUploads: true,
      allowedFilesMimeTypes: 'image/*,.pdf',
      maxFileSize: 2048,
      maxFiles: 3,
    });
    expect(configFromAttributes(read({ uploads: 'false' })).allowFileUploads).toBe(false);
  });
});

describe('data-starter-prompts', () => {
  it('takes prompts separated by | or as a JSON array (for a prompt with a | in it)', () => {
    expect(
      configFromAttributes(read({ 'starter-prompts': ' Pricing | Book a demo ||' })).starterPrompts,
    ).toEqual(['Pricing', 'Book a demo']);
    expect(
      configFromAttributes(read({ 'starter-prompts': '["Plans | prices", "Help"]' }))
        .starterPrompts,
    ).toEqual(['Plans | prices', 'Help']);
  });
});

describe('attribute warnings', () => {
  const known = new Set(['webhook-url', 'server', 'widget-id', 'id', 'title', 'config']);
  it('names each unknown data-* attribute with the one most likely meant', () => {
    expect(attributeWarnings(['webhook', 'widgetid', 'title', 'colour'], known)).toEqual([
      '[cwp] unknown attribute data-webhook; did you mean data-webhook-url?',
      '[cwp] unknown attribute data-widgetid; did you mean data-widget-id?',
      '[cwp] unknown attribute data-colour',
    ]);
  });
  it('leaves attributes other tools put on script tags alone', () => {
    expect(attributeWarnings(['cfasync', 'cookieconsent', 'ot-ignore'], known)).toEqual([]);
  });
});
