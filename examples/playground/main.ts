// The playground page: reads its state from the URL (url-state.ts), mounts ONE widget with the chosen
// renderer, and keeps the URL in step with the controls (history.replaceState) so any state is a link.
import type { ChatWidgetConfig } from '@cwp/core';
import type { RendererModule } from './renderers/renderer-module.js';
import { type PlaygroundState, parseState, stateQuery } from './url-state.js';

interface Settings {
  botUrl: string;
  serverUrl?: string;
  /** Managed widgets on serverUrl, one forwarding to the bot's whole replies, one to its streamed. */
  widgetIds?: { whole?: string; streamed?: string };
}

const settings = JSON.parse(
  document.getElementById('playground-settings')?.textContent ?? '{}',
) as Settings;
const form = document.getElementById('controls') as HTMLFormElement;
const notice = document.getElementById('notice') as HTMLElement;
const slots = {
  inline: document.getElementById('inline-slot') as HTMLElement,
  page: document.getElementById('widget-host') as HTMLElement,
};

function widgetConfig(state: PlaygroundState): ChatWidgetConfig | string {
  const { type, mode, reply, theme, renderer } = state;
  const common = {
    id: `playground-${mode}-${type}`,
    type,
    theme: { colorScheme: theme },
    tooltip: { text: 'Hi! Ask me anything.', delay: 1500 },
    initialMessages: ['Hello! I am the local demo bot. Type /help to see what I can do.'],
  } satisfies ChatWidgetConfig;
  const subtitle = `${renderer} renderer · ${reply} replies`;
  if (mode === 'direct') {
    return {
      ...common,
      webhookUrl: `${settings.botUrl}/webhook${reply === 'streamed' ? '?stream=1' : ''}`,
      header: { title: 'Direct (webhook)', subtitle },
    };
  }
  const widgetId = settings.widgetIds?.[reply];
  if (!settings.serverUrl || !widgetId) {
    return `Managed mode needs @cwp/server and a widget forwarding ${reply} replies: run npm run demo, or start the playground with CWP_SERVER_URL, CWP_WIDGET_ID and CWP_STREAM_WIDGET_ID.`;
  }
  return {
    ...common,
    server: settings.serverUrl,
    widgetId,
    header: { title: 'Managed (@cwp/server)', subtitle },
  };
}

function showControls(state: PlaygroundState): void {
  for (const [name, value] of Object.entries(state)) {
    (form.elements.namedItem(name) as HTMLSelectElement).value = value;
  }
  document.documentElement.dataset.theme = state.theme;
  document.body.dataset.type = state.type;
}

let unmount: (() => void) | undefined;
let generation = 0;

async function render(state: PlaygroundState): Promise<void> {
  const current = ++generation;
  unmount?.();
  unmount = undefined;
  showControls(state);
  const config = widgetConfig(state);
  notice.hidden = typeof config !== 'string';
  notice.textContent = typeof config === 'string' ? config : '';
  if (typeof config === 'string') return;
  const url = new URL(`renderers/${state.renderer}.js`, document.baseURI).href;
  try {
    const renderer = (await import(/* @vite-ignore */ url)) as RendererModule;
    // A later change won while this renderer loaded.
    if (current !== generation) return;
    unmount = renderer.mount(state.type === 'inline' ? slots.inline : slots.page, config);
  } catch (error) {
    notice.hidden = false;
    notice.textContent = `The ${state.renderer} renderer failed: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}

form.addEventListener('change', () => {
  const fields = [...new FormData(form)].map(([name, value]) => [name, String(value)]);
  const state = parseState(new URLSearchParams(fields).toString());
  history.replaceState(null, '', stateQuery(state));
  void render(state);
});
void render(parseState(location.search));
