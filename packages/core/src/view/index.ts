export { type PartName, partSelector, parts, scope } from './anatomy.js';
export { type ChatWidgetView, connect, getFocusTarget } from './connect.js';
export { getIds, getMessageId, type WidgetIds } from './ids.js';
export type {
  FooterLink,
  MessageFormat,
  MessageView,
  PartProps,
  PartPropValue,
} from './types.js';
