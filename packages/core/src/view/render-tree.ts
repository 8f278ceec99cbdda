/**
 * What a renderer draws for message content and icons: elements (tag, attributes, children) and
 * text. Every attribute is final (safety attributes included), so a renderer maps it generically:
 * `createElement` (`createElementNS` when `xmlns` is set), Vue `h()`, `<svelte:element>`, Solid
 * `<Dynamic>`. Text is always text, never HTML.
 */
export type RenderNode = RenderElement | string;

export interface RenderElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly RenderNode[];
}

export function element(
  tag: string,
  children: readonly RenderNode[] = [],
  attrs: Readonly<Record<string, string>> = noAttrs,
): RenderElement {
  return { tag, attrs, children };
}

const noAttrs: Readonly<Record<string, string>> = Object.freeze({});
