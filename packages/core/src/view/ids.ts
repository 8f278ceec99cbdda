/** Element ids, unique per widget (`config.id`), so two widgets on one page never clash. */
export interface WidgetIds {
  readonly root: string;
  readonly bubble: string;
  readonly unreadBadge: string;
  readonly tooltip: string;
  readonly window: string;
  readonly title: string;
  readonly subtitle: string;
  readonly status: string;
  readonly messages: string;
  readonly typing: string;
  readonly error: string;
  readonly composer: string;
  readonly input: string;
  readonly fileInput: string;
}

const cache = new Map<string, WidgetIds>();

/** The ids of one widget's elements (`cwp-<widgetId>-window`, …); cached, so cheap per render. */
export function getIds(widgetId: string): WidgetIds {
  let ids = cache.get(widgetId);
  if (ids === undefined) {
    const base = `cwp-${widgetId}`;
    ids = {
      root: base,
      bubble: `${base}-bubble`,
      unreadBadge: `${base}-unread`,
      tooltip: `${base}-tooltip`,
      window: `${base}-window`,
      title: `${base}-title`,
      subtitle: `${base}-subtitle`,
      status: `${base}-status`,
      messages: `${base}-messages`,
      typing: `${base}-typing`,
      error: `${base}-error`,
      composer: `${base}-composer`,
      input: `${base}-input`,
      fileInput: `${base}-files`,
    };
    cache.set(widgetId, ids);
  }
  return ids;
}

/**
 * `cwp-<widgetId>-msg-<messageId>`. Message ids come from storage and the bot, so anything
 * outside `[A-Za-z0-9_-]` is replaced: a space would split an `aria-*` id list.
 */
export function getMessageId(widgetId: string, messageId: string): string {
  return `cwp-${widgetId}-msg-${messageId.replace(/[^\w-]/g, '_')}`;
}
