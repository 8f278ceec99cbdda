/** How fast a reply reveals (see `view/typewriter.ts`). */
export interface TypewriterPace {
  /** The slowest pace; a long reply goes faster so it still ends within `maxDurationMs`. */
  readonly charsPerSecond: number;
  /** A whole reply is fully shown this long after it arrived, however long it is. */
  readonly maxDurationMs: number;
}

/**
 * On by default: the product's replies are "displayed with typing animation effects". Fast enough
 * to never hold a reader back: a 300-character reply takes half a second, none takes over 1.5 s.
 */
export const defaultPace: TypewriterPace = { charsPerSecond: 600, maxDurationMs: 1500 };

export function resolveTypewriter(
  option: boolean | { charsPerSecond?: number; maxDurationMs?: number } | undefined,
): TypewriterPace | false {
  if (option === false) return false;
  if (option === undefined || option === true) return defaultPace;
  return {
    charsPerSecond: option.charsPerSecond ?? defaultPace.charsPerSecond,
    maxDurationMs: option.maxDurationMs ?? defaultPace.maxDurationMs,
  };
}
