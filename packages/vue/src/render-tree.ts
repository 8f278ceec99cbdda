import type { PartProps, RenderNode } from '@cwp/core';
import { h, type VNode } from 'vue';

/** Core's render tree (message content, icons) as vnodes: elements and text, never HTML. */
export function drawTree(node: RenderNode): VNode | string {
  return typeof node === 'string' ? node : h(node.tag, node.attrs, node.children.map(drawTree));
}

/** The textarea's value as a property only (Vue's `value` prop also writes an attribute). */
const setValue = (value: unknown) => (vnode: VNode) => {
  const field = vnode.el as HTMLTextAreaElement;
  if (field.value !== value) field.value = value as string;
};

/**
 * A part's props for Vue. Vue hyphenates a handler's name after `on` (`onKeyDown` would listen
 * for `key-down`), so the event name is lower-cased: `onKeyDown` → `onKeydown`.
 */
export function vueProps(props: PartProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'value') out.onVnodeMounted = out.onVnodeUpdated = setValue(value);
    else out[/^on[A-Z]/.test(key) ? `on${key[2]}${key.slice(3).toLowerCase()}` : key] = value;
  }
  return out;
}
