import type { Browser, Page } from 'playwright-core';

/** A page in a fresh context at the benches' viewport, ready for tsx-compiled evaluate() callbacks. */
export async function benchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  // tsx keeps function names with a `__name` helper, which functions passed to evaluate() call.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  return context.newPage();
}
