import type { PartProps } from '@cwp/core';

/** A part's props as Svelte 5 takes them: handler names lower-cased (`onClick` → `onclick`). */
export type SvelteProps = { readonly [K in keyof PartProps as Lowercase<K>]: PartProps[K] };

/** Lower-cases every key (attribute names already are). */
export function svelteProps(props: PartProps): SvelteProps {
  const result: Record<string, unknown> = {};
  for (const key in props) result[key.toLowerCase()] = props[key as keyof PartProps];
  return result as SvelteProps;
}
