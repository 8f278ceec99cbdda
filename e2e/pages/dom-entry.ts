// Test page entry for the DOM renderer: mounts every widget described in #cwp-config.
import type { ChatWidgetConfig } from '@cwp/core';
import { mountWidget } from '@cwp/dom';

const configs = JSON.parse(document.getElementById('cwp-config')?.textContent ?? '[]') as {
  config: ChatWidgetConfig;
  target?: string;
  shadow?: boolean;
}[];

for (const { config, target, shadow } of configs) {
  const element = target ? document.querySelector(target) : null;
  mountWidget(config, { ...(element ? { target: element } : {}), shadow: shadow ?? true });
}
