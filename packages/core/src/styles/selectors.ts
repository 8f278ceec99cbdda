import { partSelector, scope } from '../view/anatomy.js';
import type { IconName } from '../view/icons.js';

/** Every selector starts from the scope attribute, so the stylesheet styles nothing else. */
export const s = `[data-scope="${scope}"]`;
export const p = partSelector;
export const root = p('root');
export const icon = (name: IconName) => `${p('icon')}[data-icon="${name}"]`;
