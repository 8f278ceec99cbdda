import type { ChatWidgetView, FooterLink } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { h, setText } from '../element.js';

/** Powered-by text and the configured links. */
export function createFooter(doc: Document) {
  const footer = h(doc, 'div');
  const text = h(doc, 'span');
  footer.append(text);
  let links: readonly FooterLink[] = [];
  let anchors: HTMLAnchorElement[] = [];

  return {
    element: footer,
    update(view: ChatWidgetView): void {
      applyProps(footer, view.getFooterProps());
      applyProps(text, view.getFooterTextProps());
      setText(text, view.footerText);
      if (view.footerLinks === links) return;
      links = view.footerLinks;
      for (const anchor of anchors) anchor.remove();
      anchors = links.map((link) => {
        const anchor = applyProps(h(doc, 'a'), view.getFooterLinkProps(link));
        setText(anchor, link.label);
        footer.append(anchor);
        return anchor;
      });
    },
  };
}
