/**
 * A page the server refuses (its origin not allowed, or a widget id that does not exist) gets the
 * widget's error state and a console warning that says what to do, not an opaque CORS failure.
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { WidgetModel } from './page-model.js';
import { expect, test } from './support/managed-fixtures.js';
import type { ManagedEmbedding } from './support/managed-pages.js';

function consoleLines(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message: ConsoleMessage) =>
    lines.push(`${message.type()}: ${message.text()}`),
  );
  return lines;
}

const loadError = 'The chat could not be loaded. Please try again later.';
const embeddings: ManagedEmbedding[] = ['embed', 'mountWidget'];

for (const embedding of embeddings) {
  test.describe(`refusals, ${embedding}`, () => {
    test('a page on a refused origin shows the error and a warning naming the origin and the command', async ({
      page,
      bot,
      pages,
      cwp,
      managedWidget,
    }) => {
      const widget = await managedWidget({ webhookUrl: bot.webhookUrl });
      const lines = consoleLines(page);
      await page.goto(widget.url(embedding, { type: 'inline', origin: pages.otherOrigin }));
      const w = new WidgetModel(page, 'inline');
      await expect(w.error).toHaveText(loadError);
      await expect
        .poll(() => lines.filter((line) => line.includes('--add-origin')))
        .toEqual([
          expect.stringContaining(
            `warning: [cwp] load (HTTP 403): @cwp/server at ${cwp.url} refused origin ${pages.otherOrigin}; ` +
              `to allow it: cwp-server widgets update ${widget.id} --add-origin ${pages.otherOrigin}`,
          ),
        ]);
      // The refusal was readable: no CORS failure in the console.
      expect(lines.join('\n')).not.toMatch(/CORS policy/);
      expect(bot.requests).toEqual([]);
    });

    test('a page with an unknown widget id shows the error and a warning naming the id', async ({
      page,
      pages,
      cwp,
    }) => {
      const lines = consoleLines(page);
      await page.goto(
        pages.page({ embedding, server: cwp.url, widgetId: 'no-such-widget', type: 'inline' }),
      );
      const w = new WidgetModel(page, 'inline');
      await expect(w.error).toHaveText(loadError);
      await expect
        .poll(() => lines.filter((line) => line.includes('[cwp] load')))
        .toEqual([
          expect.stringContaining(
            `warning: [cwp] load (HTTP 404): @cwp/server at ${cwp.url} has no enabled widget with id "no-such-widget" (cwp-server widgets list)`,
          ),
        ]);
      expect(lines.join('\n')).not.toMatch(/CORS policy/);
    });
  });
}
