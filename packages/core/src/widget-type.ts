/** How a widget shows: a bubble that opens a window, a window in the page, or the whole viewport. */
export const widgetTypes = ['floating', 'inline', 'fullscreen'] as const;

export type WidgetType = (typeof widgetTypes)[number];
