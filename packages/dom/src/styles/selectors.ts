/** Every selector starts from the scope attribute, so the stylesheet styles nothing else. */
export const s = '[data-scope="cwp"]';
export const p = (part: string) => `${s}[data-part="${part}"]`;
export const root = p('root');
