import type { PartProps, RenderNode } from '@cwp/core';
import { defineComponent, h, type PropType, type VNode } from 'vue';

/** Core's render tree (message content, icons) as vnodes: elements and text, never HTML. */
export function drawTree(node: RenderNode): VNode | string {
  return typeof node === 'string' ? node : h(node.tag, node.attrs, node.children.map(drawTree));
}

/**
 * One top-level node of message content. A component, so Vue skips it while core hands over the
 * same node: a streamed reply's finished blocks are not drawn again on each chunk.
 */
export const ContentNode = defineComponent({
  name: 'CwpContentNode',
  props: { node: { type: [Object, String] as PropType<RenderNode>, required: true } },
  setup: (props) => () => drawTree(props.node),
});

/** The textarea's value as a property only (Vue's `value` prop also writes an attribute). */
const setValue = (value: unknown) => (vnode: VNode) => {
  const field = vnode.el as HTMLTextAreaElement;
  if (field.value !== value) field.value = value as string;
};

/** A part's props for Vue, as they are but the textarea's value, which goes in as a property only. */
export function vueProps(props: PartProps): Record<string, unknown> {
  if (props.value === undefined) return { ...props };
  const { value, ...rest } = props;
  return { ...rest, onVnodeMounted: setValue(value), onVnodeUpdated: setValue(value) };
}
