/** How often a proactive open may happen: once per visitor, once per browser session, every page. */
export const autoOpenOnce = ['visitor', 'session', 'always'] as const;
export type AutoOpenOnce = (typeof autoOpenOnce)[number];

/** `autoOpen`, resolved: the floating window opens by itself after `delay` ms. */
export interface AutoOpenConfig {
  readonly delay: number;
  readonly once: AutoOpenOnce;
  /** Also on a narrow (phone) viewport, where the open window covers the page. */
  readonly onMobile: boolean;
}

export interface AutoOpenInput {
  readonly delay?: number | undefined;
  readonly once?: AutoOpenOnce | undefined;
  readonly onMobile?: boolean | undefined;
}

export function resolveAutoOpen(
  input: AutoOpenInput | boolean | undefined,
): AutoOpenConfig | false {
  if (input === undefined || input === false) return false;
  const options = input === true ? {} : input;
  return {
    delay: options.delay ?? 5000,
    once: options.once ?? 'session',
    onMobile: options.onMobile ?? false,
  };
}
