/** The markdown token tree every renderer draws with its own element factory (never as HTML). */

export type InlineToken =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'break' }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'strong'; readonly children: readonly InlineToken[] }
  | { readonly type: 'em'; readonly children: readonly InlineToken[] }
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
    }
  | { readonly type: 'blockquote'; readonly children: readonly BlockToken[] }
  | { readonly type: 'rule' };

export interface MarkdownOptions {
  /** Origins (`https://cdn.example.com`) images may load from; others become their alt text. */
  readonly allowImagesFrom?: readonly string[];
}
