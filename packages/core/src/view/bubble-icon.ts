/**
 * What the bubble draws: its built-in icons, or an image. Apart from the other icons (icons.ts) so
 * the embed loader, which draws only the bubble, carries only these.
 */
import { partAttributes } from './anatomy.js';
import { bubbleIcons } from './bubble-icons.js';
import type { RenderElement } from './render-tree.js';

const svgNs = 'http://www.w3.org/2000/svg';

/** An icon as a render tree (decorative: hidden from assistive technology). */
export function iconTree(name: string, d: string): RenderElement {
  return {
    tag: 'svg',
    attrs: {
      ...partAttributes('icon'),
      'data-icon': name,
      xmlns: svgNs,
      viewBox: '0 0 24 24',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    children: [{ tag: 'path', attrs: { xmlns: svgNs, d }, children: [] }],
  };
}

/** The icons `bubble.icon` may name. */
export const bubbleIconTrees: { readonly [N in (typeof bubbleIcons)[number]]: RenderElement } = {
  chat: iconTree(
    'chat',
    'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  ),
  help: iconTree(
    'help',
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 16h-2v-2h2zm2.1-7.7-.9.9C13.4 12 13 12.5 13 14h-2v-.5a4 4 0 0 1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 8H8a4 4 0 1 1 7.1 2.3z',
  ),
  sparkle: iconTree('sparkle', 'M12 2l2.4 7.6L22 12l-7.6 2.4L12 22l-2.4-7.6L2 12l7.6-2.4z'),
};

/** What the bubble shows while closed: a built-in icon, or the configured image (decorative). */
export function bubbleIcon(icon: string): RenderElement {
  if ((bubbleIcons as readonly string[]).includes(icon))
    return bubbleIconTrees[icon as (typeof bubbleIcons)[number]];
  return {
    tag: 'img',
    attrs: {
      ...partAttributes('icon'),
      'data-icon': 'image',
      src: /^https?:/i.test(icon) ? icon : '',
      alt: '',
      referrerpolicy: 'no-referrer',
      decoding: 'async',
    },
    children: [],
  };
}
