// Test page entry for the Solid renderer: one <ChatWidget> per widget described in #cwp-config.
import type { ChatWidgetConfig } from '@cwp/core';
import { ChatWidget } from '@cwp/solid';
import { render } from 'solid-js/web';

const configs = JSON.parse(document.getElementById('cwp-config')?.textContent ?? '[]') as {
  config: ChatWidgetConfig;
  target?: string;
  shadow?: boolean;
}[];

for (const { config, target, shadow = true } of configs) {
  let container = target ? document.querySelector(target) : null;
  if (container === null) {
    const page = document.createElement('div');
    // Like the DOM renderer's host: out of layout whatever the page's CSS says.
    page.style.setProperty('display', 'contents', 'important');
    container = document.body.appendChild(page);
  }
  render(
    () =>
      shadow ? (
        <ChatWidget config={config} shadow />
      ) : (
        <div data-cwp-host="">
          <ChatWidget config={config} />
        </div>
      ),
    container,
  );
}
