// The playground page: mounts the chosen widget type against the local bot (direct) and, when a
// server URL is given, the same type through @cwp/server (managed), side by side.
import type { ChatWidgetConfig } from '@cwp/core';
import { type MountedWidget, mountWidget } from '@cwp/dom';

interface Settings {
  botUrl: string;
  serverUrl?: string;
  widgetId?: string;
}

const settings = JSON.parse(
  document.getElementById('playground-settings')?.textContent ?? '{}',
) as Settings;
const form = document.getElementById('controls') as HTMLFormElement;
let mounted: MountedWidget[] = [];

function value(name: string): string {
  return (form.elements.namedItem(name) as RadioNodeList).value;
}

function render(): void {
  for (const m of mounted) m.unmount();
  mounted = [];
  const type = value('type') as 'floating' | 'inline' | 'fullscreen';
  const stream = value('reply') === 'stream';
  const colorScheme = value('theme') as 'auto' | 'light' | 'dark';
  document.body.classList.toggle('fullscreen', type === 'fullscreen');
  const common: Partial<ChatWidgetConfig> = {
    type,
    theme: { colorScheme },
    tooltip: { text: 'Hi! Ask me anything.', delay: 1500 },
    initialMessages: ['Hello! I am the local demo bot. Type /help to see what I can do.'],
  };
  const direct: ChatWidgetConfig = {
    ...common,
    id: `playground-direct-${type}`,
    webhookUrl: `${settings.botUrl}/webhook${stream ? '?stream=1' : ''}`,
    header: { title: 'Direct', subtitle: stream ? 'Streamed replies' : 'Whole replies' },
  };
  const slot = (id: string) => document.getElementById(id) ?? undefined;
  mounted.push(mountWidget(direct, type === 'inline' ? { target: slot('direct')! } : {}));
  if (settings.serverUrl && settings.widgetId) {
    const managed: ChatWidgetConfig = {
      ...common,
      id: `playground-managed-${type}`,
      server: settings.serverUrl,
      widgetId: settings.widgetId,
      header: { title: 'Managed' },
      ...(type === 'floating' ? { bubble: { position: 'bottom-left' } } : {}),
    };
    mounted.push(mountWidget(managed, type === 'inline' ? { target: slot('managed')! } : {}));
  }
}

if (settings.serverUrl && settings.widgetId) {
  (document.getElementById('managed-section') as HTMLElement).hidden = false;
}
form.addEventListener('change', render);
render();
