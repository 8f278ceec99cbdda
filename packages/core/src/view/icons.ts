import { partAttributes } from './anatomy.js';
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
};
