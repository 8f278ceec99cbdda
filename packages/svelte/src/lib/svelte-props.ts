import type { PartProps } from '@cwp/core';
import type { HTMLAttributes, HTMLFormAttributes } from 'svelte/elements';

/** A part's props as Svelte 5 takes them (typed as Svelte's where core's types are wider). */
export type SvelteProps = Omit<
  { readonly [K in keyof PartProps as Lowercase<K>]: PartProps[K] },
  'enterkeyhint' | 'autocomplete'
> &
  Pick<HTMLAttributes<HTMLElement>, 'enterkeyhint'> &
  Pick<HTMLFormAttributes, 'autocomplete'>;

type Handler = (event: Event) => void;
const wrappers = new WeakMap<Handler, Handler>();

/**
 * Svelte handles most events at its mount target, outside a shadow root, where `event.target` is
 * the host: give handlers the element the event came from (as Solid's delegation does).
 */
function fromOrigin(handler: Handler): Handler {
  let wrapped = wrappers.get(handler);
  if (wrapped === undefined) {
    wrapped = (event) => {
      Object.defineProperty(event, 'target', {
        configurable: true,
        value: event.composedPath()[0],
      });
      handler(event);
    };
    wrappers.set(handler, wrapped);
  }
  return wrapped;
}

/** Lower-cases every key (`onClick` → `onclick`; attribute names already are). */
export function svelteProps(props: PartProps): SvelteProps {
  const result: Record<string, unknown> = {};
  for (const key in props) {
    const value = props[key as keyof PartProps];
    result[key.toLowerCase()] = typeof value === 'function' ? fromOrigin(value as Handler) : value;
  }
  return result as SvelteProps;
}
