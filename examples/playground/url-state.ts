/**
 * The playground's URL contract: everything the page shows comes from its query string, so any
 * state can be linked. Unknown or missing values fall back to the defaults.
 *
 *   ?renderer=dom|vue|svelte|solid&type=floating|inline|fullscreen&mode=direct|managed
 *    &reply=whole|streamed&theme=auto|light|dark
 */
export const choices = {
  renderer: ['dom', 'vue', 'svelte', 'solid'],
  type: ['floating', 'inline', 'fullscreen'],
  mode: ['direct', 'managed'],
  reply: ['whole', 'streamed'],
  theme: ['auto', 'light', 'dark'],
} as const;

export type PlaygroundState = { [K in keyof typeof choices]: (typeof choices)[K][number] };

export type RendererName = PlaygroundState['renderer'];

/** The first choice of each is its default. */
export const defaults = Object.fromEntries(
  Object.entries(choices).map(([key, values]) => [key, values[0]]),
) as PlaygroundState;

export function parseState(search: string): PlaygroundState {
  const query = new URLSearchParams(search);
  const state = { ...defaults } as Record<string, string>;
  for (const [key, values] of Object.entries(choices)) {
    const value = query.get(key);
    if (value && (values as readonly string[]).includes(value)) state[key] = value;
  }
  return state as PlaygroundState;
}

/** The query string of a state, every key spelled out so a copied link says what it shows. */
export function stateQuery(state: PlaygroundState): string {
  return `?${new URLSearchParams(state).toString()}`;
}
