export {
  type PartAttributes,
  type PartName,
  partAttributes,
  partSelector,
  parts,
  scope,
} from './anatomy.js';
export { bubbleIcon } from './bubble-icon.js';
export { connect } from './connect.js';
export { type IconName, icons } from './icons.js';
export { getIds, getMessageId, type WidgetIds } from './ids.js';
export { markdownTree } from './markdown-tree.js';
export type { RenderElement, RenderNode } from './render-tree.js';
export { syncOpen } from './sync-open.js';
export type {
  ChatWidgetView,
  FooterLink,
  MessageView,
  PartProps,
  PartPropValue,
} from './types.js';
export type { FileView } from './upload-parts.js';
