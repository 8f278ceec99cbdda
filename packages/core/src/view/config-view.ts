import type { ResolvedConfig } from '../config/schema.js';
import type { ChatMessage } from '../types.js';
import { partAttributes } from './anatomy.js';
import { bubbleIcon } from './bubble-icon.js';
import { cached } from './cached.js';
import { getIds, type WidgetIds } from './ids.js';
import { element, type RenderElement } from './render-tree.js';
import type { FooterLink, MessageView } from './types.js';

const noLinks: readonly FooterLink[] = [];
export const safeHref = /^(https?:|mailto:|tel:)/i;
const tokenName = /^[a-z][a-z0-9-]*$/;
const unsafeCssValue = /[;{}<>\\]/;

/** What depends only on the (stable) resolved config, computed once per config. */
export interface ConfigView {
  readonly ids: WidgetIds;
  /** Theme tokens as `--cwp-<token>` custom properties. */
  readonly cssVariables: Readonly<Record<string, string>>;
  readonly footerLinks: readonly FooterLink[];
  readonly avatar: string | undefined;
  readonly bubbleIcon: RenderElement;
  /** The avatar a bot message's content starts with, when `header.avatar` is set. */
  readonly botAvatar: RenderElement | undefined;
  readonly views: WeakMap<ChatMessage, MessageView>;
  /** The last list mapped: a streamed chunk replaces one message, so compare against it. */
  last: { messages: readonly ChatMessage[]; views: readonly MessageView[] } | undefined;
}

const configViews = new WeakMap<ResolvedConfig, ConfigView>();

export function configView(config: ResolvedConfig): ConfigView {
  return cached(configViews, config, () => {
    const links = config.footer === false ? noLinks : config.footer.links;
    const header = config.header.avatar;
    const avatar = header !== undefined && /^https?:/i.test(header) ? header : undefined;
    return {
      ids: getIds(config.id),
      cssVariables: cssVariablesOf(config),
      footerLinks: links.filter((link) => safeHref.test(link.href)),
      avatar,
      bubbleIcon: bubbleIcon(config.bubble.icon),
      botAvatar:
        avatar === undefined
          ? undefined
          : element('img', [], {
              ...partAttributes('message-avatar'),
              src: avatar,
              alt: '',
              referrerpolicy: 'no-referrer',
            }),
      views: new WeakMap(),
      last: undefined,
    };
  });
}

function cssVariablesOf(config: ResolvedConfig): Readonly<Record<string, string>> {
  const variables: Record<string, string> = {};
  // The schema validates tokens; checked again because these values reach the page's CSS.
  for (const [name, value] of Object.entries(config.theme.tokens))
    if (tokenName.test(name) && !unsafeCssValue.test(value)) variables[`--cwp-${name}`] = value;
  return variables;
}
