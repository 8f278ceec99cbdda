export { applyProps } from './apply-props.js';
export { drawTree } from './element.js';
export { type MountedWidget, type MountOptions, mountWidget } from './mount-widget.js';
