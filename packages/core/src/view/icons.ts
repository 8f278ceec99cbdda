import { bubbleIconTrees, iconTree } from './bubble-icon.js';
import type { RenderElement } from './render-tree.js';

const paths = {
  close:
    'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
  send: 'M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z',
  stop: 'M7 7h10v10H7z',
  refresh: 'M17.7 6.3A8 8 0 1 0 20 12h-2a6 6 0 1 1-1.8-4.2L13 11h7V4z',
  'thumb-up':
    'M2 10h4v11H2zm6 11h9.5a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 19 10h-5l1-5a2 2 0 0 0-3.6-1.2L8 9z',
  'thumb-down':
    'M2 14h4V3H2zm6-11h9.5a2 2 0 0 1 2 1.6l1.4 7A2 2 0 0 1 19 14h-5l1 5a2 2 0 0 1-3.6 1.2L8 15z',
  sound: 'M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z',
  muted: 'M3 9v6h4l5 5V4L7 9zm18.4.4L20 8l-3 3-3-3-1.4 1.4 3 3-3 3L14 17l3-3 3 3 1.4-1.4-3-3z',
  attach:
    'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z',
} as const;

export type IconName = keyof typeof paths | keyof typeof bubbleIconTrees;

const tree = (name: keyof typeof paths) => iconTree(name, paths[name]);

/** The icon set every renderer draws (decorative: hidden from assistive technology). */
export const icons: { readonly [N in IconName]: RenderElement } = {
  chat: bubbleIconTrees.chat,
  close: tree('close'),
  send: tree('send'),
  stop: tree('stop'),
  refresh: tree('refresh'),
  'thumb-up': tree('thumb-up'),
  'thumb-down': tree('thumb-down'),
  help: bubbleIconTrees.help,
  sparkle: bubbleIconTrees.sparkle,
  sound: tree('sound'),
  muted: tree('muted'),
  attach: tree('attach'),
};
