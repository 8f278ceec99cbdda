import type { ResolvedConfig } from '../config/schema.js';
import type { ChatMessage } from '../types.js';
import { getIds, type WidgetIds } from './ids.js';
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
  readonly views: WeakMap<ChatMessage, MessageView>;
  /** The last list mapped: a streamed chunk replaces one message, so compare against it. */
  last: { messages: readonly ChatMessage[]; views: readonly MessageView[] } | undefined;
}

const configViews = new WeakMap<ResolvedConfig, ConfigView>();

export function configView(config: ResolvedConfig): ConfigView {
  let cached = configViews.get(config);
  if (cached === undefined) {
    const links = config.footer === false ? noLinks : config.footer.links;
    const avatar = config.header.avatar;
    cached = {
      ids: getIds(config.id),
      cssVariables: cssVariablesOf(config),
      footerLinks: links.filter((link) => safeHref.test(link.href)),
      avatar: avatar !== undefined && /^https?:/i.test(avatar) ? avatar : undefined,
      views: new WeakMap(),
      last: undefined,
    };
    configViews.set(config, cached);
  }
  return cached;
}

function cssVariablesOf(config: ResolvedConfig): Readonly<Record<string, string>> {
  const variables: Record<string, string> = {};
  // The schema validates tokens; checked again because these values reach the page's CSS.
  for (const [name, value] of Object.entries(config.theme.tokens))
    if (tokenName.test(name) && !unsafeCssValue.test(value)) variables[`--cwp-${name}`] = value;
  return variables;
}
