/**
 * File uploads on every way of drawing a message (the `content` rows) and once through
 * @cwp/server: attach by button, drop and paste; chips with remove; a refused file says why; the
 * local bot's echo proves a multipart upload arrived with its names; the visitor's message shows
 * its image while the page lives and its names after a reload.
 */
import type { Locator } from '@playwright/test';
import { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';
import { test as managedTest } from './support/managed-fixtures.js';

const uploads = {
  allowFileUploads: true,
  allowedFilesMimeTypes: 'image/*,text/plain',
  maxFileSize: 4096,
  maxFiles: 3,
};
// A 1×1 PNG.
const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Drops files on the window, or pastes them into the input (what a drag or clipboard carries). */
async function handFiles(
  target: Locator,
  how: 'drop' | 'paste',
  files: [string, string, string][],
) {
  return target.evaluate(
    async (el, [kind, list]) => {
      const data = new DataTransfer();
      for (const [name, type, text] of list) data.items.add(new File([text], name, { type }));
      const init = { bubbles: true, cancelable: true };
      if (kind === 'paste') {
        el.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: data }));
        return null;
      }
      el.dispatchEvent(new DragEvent('dragover', { ...init, dataTransfer: data }));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const shown = el.getAttribute('data-drop');
      el.dispatchEvent(new DragEvent('drop', { ...init, dataTransfer: data }));
      return shown;
    },
    [how, files] as const,
  );
}

for (const row of rows.filter((r) => r.content)) {
  test.describe(`${row.name} uploads`, () => {
    test('attach by button, drop and paste; remove a chip; a refused file says why; the bot gets the files', async ({
      openWidget,
      page,
    }) => {
      const w = await openWidget(row, { config: uploads });
      await w.open();
      const chips = w.part('attachment');
      const chooser = page.waitForEvent('filechooser');
      await w.part('attach-button').click();
      await (await chooser).setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: pngBytes });
      await expect(chips).toHaveCount(1);
      await expect(chips.first().locator('[data-part="attachment-preview"]')).toHaveAttribute(
        'src',
        /^blob:/,
      );

      const dropState = await handFiles(w.window, 'drop', [['notes.txt', 'text/plain', 'hello']]);
      expect(dropState).toBe('active');
      await expect(chips).toHaveCount(2);
      await handFiles(w.input, 'paste', [['extra.txt', 'text/plain', 'x']]);
      await expect(chips).toHaveCount(3);
      await page.getByRole('button', { name: 'Remove extra.txt' }).click();
      await expect(chips).toHaveCount(2);

      await handFiles(w.window, 'drop', [['report.pdf', 'application/pdf', '%PDF']]);
      await expect(w.error).toHaveText('“report.pdf” is not a file type this chat accepts.');
      await handFiles(w.input, 'paste', [['big.txt', 'text/plain', 'x'.repeat(5000)]]);
      await expect(w.error).toHaveText('“big.txt” is larger than 4 KB.');
      await expect(chips).toHaveCount(2);

      await w.send('See attached');
      await w.expectBotReply(
        'Files: dot.png (image/png, 70 bytes), notes.txt (text/plain, 5 bytes)',
      );
      await expect(chips).toHaveCount(0);
      const mine = w.part('message').filter({ hasText: 'See attached' });
      await expect(mine.locator('[data-part="attachment-name"]')).toHaveText([
        'dot.png',
        'notes.txt',
      ]);
      await expect(mine.locator('[data-part="attachment-preview"]')).toHaveAttribute(
        'src',
        /^blob:/,
      );

      await page.reload();
      const again = new WidgetModel(page, row.type);
      await again.open();
      const restored = again.part('message').filter({ hasText: 'See attached' });
      await expect(restored.locator('[data-part="attachment-name"]')).toHaveText([
        'dot.png',
        'notes.txt',
      ]);
      await expect(restored.locator('[data-part="attachment-preview"]')).toHaveCount(0);
    });
  });
}

managedTest(
  'managed: files go through @cwp/server to the webhook, which the page never learns',
  async ({ page, bot, managedWidget }) => {
    const widget = await managedWidget({
      webhookUrl: bot.webhookUrl,
      config: { tooltip: false, ...uploads },
    });
    const hooks: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(bot.url)) hooks.push(request.url());
    });
    const w = await widget.open('embed');
    const chooser = page.waitForEvent('filechooser');
    await w.part('attach-button').click();
    await (await chooser).setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: pngBytes });
    await w.send('Managed upload');
    await w.expectBotReply('Files: dot.png (image/png, 70 bytes)');
    expect(hooks).toEqual([]);
  },
);
