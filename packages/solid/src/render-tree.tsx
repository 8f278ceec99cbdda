import type { PartProps, RenderNode } from '@cwp/core';
import { For, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';

/** Core's render tree (message content, icons) as elements and text, never as HTML. */
export function RenderTree(props: { node: RenderNode }): JSX.Element {
  // Render-tree nodes are immutable: a node is drawn once.
  const node = props.node;
  if (typeof node === 'string') return node;
  return (
    <Dynamic component={node.tag} {...node.attrs}>
      <For each={node.children}>{(child) => <RenderTree node={child} />}</For>
    </Dynamic>
  );
}

/** A button whose content is one of core's icons. */
export const IconButton = (p: { props: PartProps; icon: RenderNode }) => (
  <button {...p.props}>
    <RenderTree node={p.icon} />
  </button>
);
