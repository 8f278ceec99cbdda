// Test page entry for the Svelte renderer: mounts one <ChatWidget> per widget described in #cwp-config.
import type { ChatWidgetConfig } from '@cwp/core';
import { ChatWidget } from '@cwp/svelte';
import { mount } from 'svelte';

const configs = JSON.parse(document.getElementById('cwp-config')?.textContent ?? '[]') as {
  config: ChatWidgetConfig;
  target?: string;
  shadow?: boolean;
}[];

for (const { config, target, shadow = true } of configs) {
  const place = target ? document.querySelector(target) : null;
  let container = place;
  if (!place || !shadow) {
    // Out of layout whatever the page's CSS says; in light DOM it marks the widget for axe.
    const wrapper = document.createElement('div');
    wrapper.style.setProperty('display', 'contents', 'important');
    if (!shadow) wrapper.setAttribute('data-cwp-host', '');
    container = (place ?? document.body).appendChild(wrapper);
  }
  mount(ChatWidget, { target: container!, props: { config, shadow } });
}
