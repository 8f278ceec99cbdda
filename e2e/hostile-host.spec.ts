import { fileURLToPath } from 'node:url';
import { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, sendRequests, test } from './support/fixtures.js';

/**
 * Old or intrusive scripts that real host pages run before the embed: each row installs one
 * (pages/hostile/<script>.js, before any page script) and drives the inline embed through a
 * conversation that must survive a reload.
 */
const hostileScripts = [
  { name: 'an enumerable Array.prototype method (MooTools)', script: 'mootools-array' },
  { name: 'an AMD define.amd (RequireJS)', script: 'amd-define' },
  { name: 'a monitoring wrapper around fetch', script: 'fetch-wrapper' },
  { name: 'a Promise subclass as the global Promise (zone.js)', script: 'zone-promise' },
  { name: 'an existing cwp-chat element', script: 'existing-cwp-chat' },
  { name: 'an enumerable Object.prototype property (pollution)', script: 'object-prototype' },
  {
    name: 'an Array.prototype.toJSON that returns a string (Prototype.js)',
    script: 'array-tojson',
  },
] as const;

const row = rows.find((r) => r.name === 'embed-inline');
if (!row) throw new Error('rows.ts has no embed-inline row');

for (const { name, script } of hostileScripts) {
  test(`hostile host: the inline embed survives ${name}`, async ({ openWidget, page, server }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      // The widget reports what it could not do as console warnings and errors starting "[cwp]".
      if (m.text().startsWith('[cwp]')) errors.push(m.text());
    });
    await page.addInitScript({
      path: fileURLToPath(new URL(`./pages/hostile/${script}.js`, import.meta.url)),
    });

    const w = await openWidget(row);
    await w.open();
    await w.send('hello from a hostile page');
    await w.expectBotReply('You said: hello from a hostile page');
    await page.waitForTimeout(400); // the message log is saved with a short throttle

    await page.reload();
    const after = new WidgetModel(page, row.type);
    await after.open();
    await expect(after.userMessages).toHaveCount(1);
    await expect(after.userMessages.first()).toContainText('hello from a hostile page');
    await expect(after.userMessages.first()).toHaveAttribute('data-status', 'done');
    await expect(after.botMessages.last()).toContainText('You said: hello from a hostile page');
    await after.send('and after the reload');
    await after.expectBotReply('You said: and after the reload');

    const sent = sendRequests(server);
    expect(sent.map((r) => r.body?.chatInput)).toEqual([
      'hello from a hostile page',
      'and after the reload',
    ]);
    expect(new Set(sent.map((r) => r.body?.sessionId)).size).toBe(1);
    expect(errors).toEqual([]);
    if (script === 'object-prototype') {
      // Props and attributes are read as own keys: nothing inherited lands on the widget's DOM.
      const inherited = await page.evaluate(() => {
        let count = 0;
        const visit = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.hasAttribute('polluted')) count += 1;
            if (el.shadowRoot) visit(el.shadowRoot);
          }
        };
        visit(document);
        return count;
      });
      expect(inherited).toBe(0);
    }
    if (script === 'fetch-wrapper') {
      // The widget went through the page's fetch, as any other script's requests do.
      expect(
        await page.evaluate(() => (window as { __monitoredFetches?: number }).__monitoredFetches),
      ).toBeGreaterThan(0);
    }
  });
}
