import { vi } from 'vitest';

/**
 * Script tags the embed adds to the page: answered with `answer(src)` ('load' or 'error') instead
 * of a network fetch. Gives the list of their `src`s, in order.
 */
export function serveScripts(answer: (src: string) => 'load' | 'error'): string[] {
  const srcs: string[] = [];
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    for (const node of nodes) {
      const tag = node as HTMLScriptElement;
      srcs.push(tag.src);
      queueMicrotask(() => tag.dispatchEvent(new Event(answer(tag.src))));
    }
  });
  return srcs;
}
