import { type ChatWidget, createChatWidget } from '@cwp/core';
import { ChatView } from './chat-view.js';

type ReplyMode = 'whole' | 'stream';

const baseUrl = document.querySelector<HTMLMetaElement>('meta[name="cwp-webhook-url"]')?.content;
if (!baseUrl) throw new Error('index.html has no <meta name="cwp-webhook-url">');

/** The local bot streams when the webhook URL carries ?stream=1; the widget detects it from the body. */
function webhookUrl(mode: ReplyMode): string {
  const url = new URL(baseUrl as string);
  if (mode === 'stream') url.searchParams.set('stream', '1');
  else url.searchParams.delete('stream');
  return url.href;
}

const MODE_KEY = 'headless-example:mode';
const view = new ChatView();
let widget: ChatWidget | undefined;

function start(mode: ReplyMode): void {
  widget?.destroy();
  localStorage.setItem(MODE_KEY, mode);
  widget = createChatWidget({
    // A fixed id keeps one session and message log across both reply modes and reloads.
    id: 'headless-example',
    type: 'inline',
    webhookUrl: webhookUrl(mode),
    initialMessages: ['Hi! I echo what you write. Try /markdown, /long or /help.'],
  });
  view.bind(widget);
}

const radios = document.querySelectorAll<HTMLInputElement>('input[name="mode"]');
const fromQuery = new URLSearchParams(location.search).get('mode');
const initial: ReplyMode =
  (fromQuery ?? localStorage.getItem(MODE_KEY)) === 'stream' ? 'stream' : 'whole';
for (const radio of radios) {
  radio.checked = radio.value === initial;
  radio.addEventListener('change', () => {
    if (radio.checked) start(radio.value === 'stream' ? 'stream' : 'whole');
  });
}
start(initial);
