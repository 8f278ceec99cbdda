import { html, type SafeHtml } from './html.js';

/** Where the one-script embed is loaded from unless the owner hosts it (see @cwp/dom's README). */
export const defaultEmbedScriptUrl =
  'https://cdn.jsdelivr.net/npm/@cwp/dom/dist/embed/cwp-embed.js';

export interface Snippet {
  readonly id: string;
  readonly label: string;
  readonly code: string;
}

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const js = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The embed code for a managed widget: the page knows the server and the widget id only. */
export function embedSnippets(
  server: string,
  widgetId: string,
  scriptUrl = defaultEmbedScriptUrl,
): Snippet[] {
  const config = `{ server: ${js(server)}, widgetId: ${js(widgetId)} }`;
  return [
    {
      id: 'script',
      label: 'Script tag (any page)',
      code: `<script src="${attr(scriptUrl)}"\n        data-server="${attr(server)}" data-widget-id="${attr(widgetId)}" async></script>`,
    },
    {
      id: 'element',
      label: '<cwp-chat> element (load the script above once, without data-server)',
      code: `<cwp-chat server="${attr(server)}" widget-id="${attr(widgetId)}"></cwp-chat>`,
    },
    {
      id: 'vue',
      label: 'Vue (@cwp/vue)',
      code: `<script setup lang="ts">\nimport { ChatWidget } from '@cwp/vue';\n</script>\n\n<template>\n  <ChatWidget :config="${attr(config)}" />\n</template>`,
    },
    {
      id: 'svelte',
      label: 'Svelte (@cwp/svelte)',
      code: `<script lang="ts">\n  import { ChatWidget, createChatWidget } from '@cwp/svelte';\n\n  const support = createChatWidget(${config});\n</script>\n\n<ChatWidget widget={support} />`,
    },
    {
      id: 'solid',
      label: 'Solid (@cwp/solid)',
      code: `import { ChatWidget } from '@cwp/solid';\n\nexport function Chat() {\n  return <ChatWidget config={${config}} />;\n}`,
    },
  ];
}

/** Each snippet in a selectable block; the copy button appears only when console.js runs. */
export function renderSnippets(snippets: readonly Snippet[]): SafeHtml {
  return html`${snippets.map(
    (
      s,
    ) => html`<div class="snippet"><div class="actions"><h3 id="snippet-${s.id}-label">${s.label}</h3><button type="button" class="secondary" data-copy="snippet-${s.id}" aria-describedby="snippet-${s.id}-label" hidden>Copy</button></div>
<pre id="snippet-${s.id}" tabindex="0" aria-labelledby="snippet-${s.id}-label">${s.code}</pre></div>`,
  )}`;
}
