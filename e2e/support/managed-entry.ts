// Managed-mode test page entry: mountWidget with only the server and the widget id (#cwp-managed).
import type { ChatWidgetConfig } from '@cwp/core';
import { mountWidget } from '@cwp/dom';

const { server, widgetId, type, target } = JSON.parse(
  document.getElementById('cwp-managed')?.textContent ?? '{}',
) as { server: string; widgetId: string; type?: ChatWidgetConfig['type']; target?: string };

const element = target ? document.querySelector(target) : null;
mountWidget({ server, widgetId, ...(type ? { type } : {}) }, element ? { target: element } : {});
