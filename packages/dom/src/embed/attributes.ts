import type { ChatWidgetConfig } from '@cwp/core';

/** Loader options that are not widget config. */
export interface EmbedOptions {
  /** CSP nonce for the `<style>`/`<script>` elements the embed creates. */
  nonce?: string;
  /** Inline: the element (or a CSS selector) the window goes into. */
  target?: Element | string;
  /** Where the rest of the widget is loaded from (default: next to the loader script). */
  runtimeUrl?: string;
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

/**
 * The widget config named by `data-*` attributes (script tag) or plain attributes (<cwp-chat>).
 * Values pass through as strings; createChatWidget validates them and names any bad one.
 */
export function configFromAttributes(
  read: (name: string) => string | null,
): ChatWidgetConfig & EmbedOptions {
  const json = read('config');
  const config = (json ? JSON.parse(json) : {}) as Mutable<ChatWidgetConfig> & EmbedOptions;
  const set = (name: string, apply: (value: string) => void) => {
    const value = read(name);
    if (value !== null) apply(value);
  };
  const header = (): Mutable<NonNullable<ChatWidgetConfig['header']>> => (config.header ??= {});
  set('webhook-url', (v) => (config.webhookUrl = v));
  set('server', (v) => (config.server = v));
  set('widget-id', (v) => (config.widgetId = v));
  set('id', (v) => (config.id = v));
  set('type', (v) => (config.type = v as ChatWidgetConfig['type']));
  set('title', (v) => (header().title = v));
  set('subtitle', (v) => (header().subtitle = v));
  set('avatar', (v) => (header().avatar = v));
  set('position', (v) => (config.bubble = { position: v as 'bottom-right' }));
  set('theme', (v) => (config.theme = { ...config.theme, colorScheme: v as 'auto' }));
  set('locale', (v) => (config.locale = v));
  set('dir', (v) => (config.dir = v as 'auto'));
  set('storage', (v) => (config.storage = v as 'local'));
  set('tooltip', (v) => (config.tooltip = v === 'false' ? false : { text: v }));
  set('open', (v) => (config.openOnStart = v !== 'false'));
  set('load-previous-session', (v) => (config.loadPreviousSession = v !== 'false'));
  set('starter-prompts', (v) => (config.starterPrompts = starterPrompts(v)));
  set('uploads', (v) => (config.allowFileUploads = v !== 'false'));
  set('upload-types', (v) => (config.allowedFilesMimeTypes = v));
  // Not a number stays NaN: the config check names the field.
  set('max-file-size', (v) => (config.maxFileSize = Number(v)));
  set('max-files', (v) => (config.maxFiles = Number(v)));
  set('nonce', (v) => (config.nonce = v));
  set('target', (v) => (config.target = v));
  set('runtime', (v) => (config.runtimeUrl = v));
  return config as ChatWidgetConfig & EmbedOptions;
}

/** `Pricing|Book a demo` or a JSON array (for prompts with a `|` in them). */
function starterPrompts(value: string): string[] {
  if (value.trimStart().startsWith('[')) {
    try {
      return JSON.parse(value) as string[];
    } catch {
      // Not JSON after all: the config check names starterPrompts as the field to fix.
      return value as unknown as string[];
    }
  }
  return value
    .split('|')
    .map((prompt) => prompt.trim())
    .filter(Boolean);
}

// Attributes other tools put on script tags (Cloudflare, Cookiebot, OneTrust, WP Rocket…): not typos.
const foreign = /^(cfasync|cookie|category|ot-|no-?optimi|pagespeed|nowprocket|noptimize|minify)/;
const squash = (name: string) => name.replace(/-/g, '').toLowerCase();

/** Console lines for `data-*` names the embed does not read, with the name most likely meant. */
export function attributeWarnings(
  present: readonly string[],
  known: ReadonlySet<string>,
): string[] {
  const names = [...known];
  return present
    .filter((name) => !known.has(name) && !foreign.test(name))
    .map((name) => {
      const guess = names.find(
        (k) =>
          squash(k) === squash(name) || k.startsWith(name) || (k.length > 3 && name.startsWith(k)),
      );
      return `[cwp] unknown attribute data-${name}${guess ? `; did you mean data-${guess}?` : ''}`;
    });
}
