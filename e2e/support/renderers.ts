/**
 * How each renderer puts widgets on a test page. A renderer (Vue, Svelte, Solid…) joins the suite
 * by adding an entry here (a bundle entry that reads the page's configs) and rows in rows.ts.
 */
import { bundledLocales } from '../../packages/core/src/i18n/locale-pack.js';
import { featureBundles } from '../../scripts/lib/embed-features.js';

export interface PageWidget {
  /** Widget config as given to the renderer (JSON-serialisable). */
  config: Record<string, unknown>;
  /** Inline: CSS selector of the container. */
  target?: string;
  /** DOM renderer: false renders into the page instead of a shadow root. */
  shadow?: boolean;
}

export interface Renderer {
  /** esbuild entries served by the fixture server, by URL path. */
  bundles: Record<string, string>;
  /**
   * Body HTML that mounts the widgets (configs are in <script id="cwp-config" type="application/json">).
   * `nonce`: the page's CSP nonce, for every script the renderer adds.
   */
  body(widgets: PageWidget[], nonce?: string): string;
}

/** The embed's language packs, one classic script each (what packages/dom's build writes). */
export const embedLocaleBundles = Object.fromEntries(
  bundledLocales
    .filter((code) => code !== 'en')
    .map((code) => [`/embed/locales/${code}.js`, `packages/core/src/locales/${code}.ts`]),
);

/** The scripts the embed's rest loads on demand (what packages/dom's build writes to features/). */
export const embedFeatureBundles = Object.fromEntries(
  featureBundles.map(({ file, entry }) => [`/embed/${file}`, entry]),
);

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const renderers = {
  /** mountWidget from @cwp/dom, bundled as a page script. */
  dom: {
    bundles: { '/dom.js': 'e2e/pages/dom-entry.ts' },
    body: (_widgets, nonce) => `<script src="/dom.js"${nonce ? ` nonce="${nonce}"` : ''}></script>`,
  },
  /** @cwp/vue's <ChatWidget>, mounted by a Vue app per widget. */
  vue: {
    bundles: { '/vue.js': 'e2e/pages/vue-entry.ts' },
    body: (_widgets, nonce) => `<script src="/vue.js"${nonce ? ` nonce="${nonce}"` : ''}></script>`,
  },
  /** @cwp/svelte's <ChatWidget>, mounted with Svelte's mount() per widget. */
  svelte: {
    bundles: { '/svelte.js': 'e2e/pages/svelte-entry.ts' },
    body: (_widgets, nonce) =>
      `<script src="/svelte.js"${nonce ? ` nonce="${nonce}"` : ''}></script>`,
  },
  /** @cwp/solid's <ChatWidget>, rendered with Solid's render() per widget. */
  solid: {
    bundles: { '/solid.js': 'e2e/pages/solid-entry.tsx' },
    body: (_widgets, nonce) =>
      `<script src="/solid.js"${nonce ? ` nonce="${nonce}"` : ''}></script>`,
  },
  /** The embed code: one script tag per widget configured by data-* attributes. */
  embed: {
    bundles: {
      '/embed/cwp-embed.js': 'packages/dom/src/embed/loader.ts',
      '/embed/cwp-widget.js': 'packages/dom/src/embed/runtime.ts',
      ...embedLocaleBundles,
      ...embedFeatureBundles,
    },
    body: (widgets, nonce) =>
      widgets
        .map(({ config, target }) => {
          const { webhookUrl, type, header, locale, ...rest } = config as {
            webhookUrl?: string;
            type?: string;
            header?: { title?: string; avatar?: string };
            locale?: string;
          };
          const attrs = [
            webhookUrl && `data-webhook-url="${attr(webhookUrl)}"`,
            type && `data-type="${attr(type)}"`,
            locale && `data-locale="${attr(locale)}"`,
            header?.title && `data-title="${attr(header.title)}"`,
            header?.avatar && `data-avatar="${attr(header.avatar)}"`,
            target && `data-target="${attr(target)}"`,
            `data-config="${attr(JSON.stringify(rest))}"`,
            nonce && `nonce="${nonce}"`,
          ].filter(Boolean);
          return `<script src="/embed/cwp-embed.js" ${attrs.join(' ')}></script>`;
        })
        .join('\n'),
  },
  /** The <cwp-chat> custom element (defined by the embed script), attributes mirroring data-*. */
  element: {
    bundles: {
      '/embed/cwp-embed.js': 'packages/dom/src/embed/loader.ts',
      '/embed/cwp-widget.js': 'packages/dom/src/embed/runtime.ts',
      ...embedFeatureBundles,
    },
    body: (widgets, nonce) =>
      [
        `<script src="/embed/cwp-embed.js"${nonce ? ` nonce="${nonce}"` : ''}></script>`,
        ...widgets.map(({ config }) => {
          const { webhookUrl, type, header, id, ...rest } = config as {
            webhookUrl?: string;
            type?: string;
            id?: string;
            header?: { title?: string; avatar?: string };
          };
          const attrs = [
            webhookUrl && `webhook-url="${attr(webhookUrl)}"`,
            type && `type="${attr(type)}"`,
            id && `id="${attr(id)}"`,
            header?.title && `title="${attr(header.title)}"`,
            header?.avatar && `avatar="${attr(header.avatar)}"`,
            type === 'inline' && 'class="inline"',
            nonce && `nonce="${nonce}"`,
            `config="${attr(JSON.stringify(rest))}"`,
          ].filter(Boolean);
          return `<cwp-chat ${attrs.join(' ')}></cwp-chat>`;
        }),
      ].join('\n'),
  },
} satisfies Record<string, Renderer>;

export type RendererName = keyof typeof renderers;
