// Test page entry for the Vue renderer: one Vue app with a <ChatWidget> per widget in #cwp-config.
import type { ChatWidgetConfig } from '@cwp/core';
import { ChatWidget } from '@cwp/vue';
import { createApp, h } from 'vue';

const configs = JSON.parse(document.getElementById('cwp-config')?.textContent ?? '[]') as {
  config: ChatWidgetConfig;
  target?: string;
  shadow?: boolean;
}[];

/** The app's own element, kept out of layout whatever the page's CSS says (like the widget host). */
function appElement(): HTMLElement {
  const element = document.body.appendChild(document.createElement('div'));
  element.style.setProperty('display', 'contents', 'important');
  return element;
}

for (const { config, target, shadow = true } of configs) {
  const container = (target ? document.querySelector(target) : null) ?? appElement();
  // Light DOM: a host element like shadow mode's, so axe can scope to the widget.
  const host = { 'data-cwp-host': '', style: { display: 'contents !important' } };
  const widget = () => h(ChatWidget, { config, shadow });
  createApp({ render: () => (shadow ? widget() : h('div', host, [widget()])) }).mount(container);
}
