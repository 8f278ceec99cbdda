import { partAttributes } from './anatomy.js';
import { bubbleIcons } from './bubble-icons.js';
import type { RenderElement } from './render-tree.js';

const svgNs = 'http://www.w3.org/2000/svg';

const paths = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  close:
    'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
  send: 'M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z',
  stop: 'M7 7h10v10H7z',
  refresh: 'M17.7 6.3A8 8 0 1 0 20 12h-2a6 6 0 1 1-1.8-4.2L13 11h7V4z',
  'thumb-up':
    'M2 10h4v11H2zm6 11h9.5a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 19 10h-5l1-5a2 2 0 0 0-3.6-1.2L8 9z',
  'thumb-down':
    'M2 14h4V3H2zm6-11h9.5a2 2 0 0 1 2 1.6l1.4 7A2 2 0 0 1 19 14h-5l1 5a2 2 0 0 1-3.6 1.2L8 15z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 16h-2v-2h2zm2.1-7.7-.9.9C13.4 12 13 12.5 13 14h-2v-.5a4 4 0 0 1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 8H8a4 4 0 1 1 7.1 2.3z',
  sparkle: 'M12 2l2.4 7.6L22 12l-7.6 2.4L12 22l-2.4-7.6L2 12l7.6-2.4z',
  sound: 'M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z',
  muted: 'M3 9v6h4l5 5V4L7 9zm18.4.4L20 8l-3 3-3-3-1.4 1.4 3 3-3 3L14 17l3-3 3 3 1.4-1.4-3-3z',
  attach:
    'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z',
} as const;

export type IconName = keyof typeof paths;

function iconTree(name: IconName): RenderElement {
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
    children: [{ tag: 'path', attrs: { xmlns: svgNs, d: paths[name] }, children: [] }],
  };
}

/** The icon set every renderer draws (decorative: hidden from assistive technology). */
export const icons: { readonly [N in IconName]: RenderElement } = {
  chat: iconTree('chat'),
  close: iconTree('close'),
  send: iconTree('send'),
  stop: iconTree('stop'),
  refresh: iconTree('refresh'),
  'thumb-up': iconTree('thumb-up'),
  'thumb-down': iconTree('thumb-down'),
  help: iconTree('help'),
  sparkle: iconTree('sparkle'),
  sound: iconTree('sound'),
  muted: iconTree('muted'),
  attach: iconTree('attach'),
};

/** What the bubble shows while closed: a built-in icon, or the configured image (decorative). */
export function bubbleIcon(icon: string): RenderElement {
  if ((bubbleIcons as readonly string[]).includes(icon)) return icons[icon as IconName];
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
