/** The markdown token tree every renderer draws with its own element factory (never as HTML). */

export type InlineToken =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'break' }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'strong'; readonly children: readonly InlineToken[] }
  | { readonly type: 'em'; readonly children: readonly InlineToken[] }
  | { readonly type: 'del'; readonly children: readonly InlineToken[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly InlineToken[] }
  | { readonly type: 'image'; readonly src: string; readonly alt: string };

export type BlockToken =
  | { readonly type: 'paragraph'; readonly children: readonly InlineToken[] }
  | {
      readonly type: 'heading';
      readonly level: 1 | 2 | 3 | 4 | 5 | 6;
      readonly children: readonly InlineToken[];
    }
  | { readonly type: 'code_block'; readonly lang: string; readonly text: string }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      /** First number of an ordered list. */
      readonly start: number;
      readonly items: readonly (readonly BlockToken[])[];
      /** Only when an item starts with `[ ]` or `[x]`: per item, checked, unchecked or not a task. */
      readonly tasks?: readonly (boolean | undefined)[];
    }
  | {
      readonly type: 'table';
      readonly align: readonly TableAlign[];
      readonly head: readonly (readonly InlineToken[])[];
      /** Every row has one cell per column. */
      readonly rows: readonly (readonly (readonly InlineToken[])[])[];
    }
  | { readonly type: 'blockquote'; readonly children: readonly BlockToken[] }
  | { readonly type: 'rule' };

export type TableAlign = 'left' | 'center' | 'right' | undefined;

export interface MarkdownOptions {
  /** Origins (`https://cdn.example.com`) images may load from; others become their alt text. */
  readonly allowImagesFrom?: readonly string[];
}
