/**
 * A managed widget whose language is set only in @cwp/server: the script tag names no language,
 * so the embed loads the pack once the server's config arrives.
 */
import { expect, test } from './support/managed-fixtures.js';

test('the embed speaks the language the server config names, loading only that pack', async ({
  page,
  bot,
  managedWidget,
}) => {
  const widget = await managedWidget({
    webhookUrl: bot.webhookUrl,
    config: { locale: 'de', tooltip: false },
  });
  const packs: string[] = [];
  page.on('request', (request) => {
    const code = /\/embed\/locales\/(\w+)\.js$/.exec(request.url())?.[1];
    if (code) packs.push(code);
  });
  const w = await widget.open('embed');
  await expect(w.root).toHaveAttribute('lang', 'de');
  await expect(w.input).toHaveAttribute('placeholder', 'Nachricht eingeben…');
  await expect(w.sendButton).toHaveAccessibleName('Senden');
  expect(packs).toEqual(['de']);
});
