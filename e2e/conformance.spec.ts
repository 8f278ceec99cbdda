/**
 * Cross-renderer conformance: in each state below, every renderer draws the same anatomy as the
 * DOM renderer — same parts, tags, attributes and text. The DOM renderer's trees are the goldens
 * (`goldens/<type>-<state>.json`, written with UPDATE_GOLDENS=1); README.md says when to rewrite them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { WidgetModel } from './page-model.js';
import { type Row, rows, type WidgetType } from './rows.js';
import type { FixtureServer } from './support/fixture-server.js';
import { expect, test } from './support/fixtures.js';
import { goldenPath, readGolden, updatingGoldens, writeGolden } from './support/goldens.js';
import { type PartNode, partTree } from './support/part-tree.js';
import { describeDifferences } from './support/part-tree-diff.js';
import { type RendererName, renderers } from './support/renderers.js';

interface State {
  name: string;
  /** Widget types the state exists for (a tooltip and an unread badge need a bubble). */
  types: readonly WidgetType[];
  config?(server: FixtureServer): Record<string, unknown>;
  /** Drives the widget into the state through the page and the fixture server's hook. */
  reach(w: WidgetModel, server: FixtureServer): Promise<void>;
}

const allTypes: readonly WidgetType[] = ['floating', 'inline', 'fullscreen'];

/** Fixed ids (not derived from the webhook URL, whose port changes), and every optional part on. */
const baseConfig = (server: FixtureServer) => ({
  id: 'conformance',
  header: {
    title: 'Support',
    subtitle: 'We answer in minutes',
    avatar: `${server.url}/avatar.png`,
    showStatus: true,
  },
  footer: {
    text: 'Powered by ChatWidgetPro',
    links: [{ label: 'Privacy', href: 'https://example.com/privacy' }],
  },
});

const states: State[] = [
  {
    name: 'welcome',
    types: allTypes,
    config: () => ({ initialMessages: ['Hello! I am the **support** bot.', 'Ask me anything.'] }),
    async reach(w) {
      await w.open();
      await expect(w.botMessages).toHaveCount(2);
    },
  },
  {
    name: 'whole-reply',
    types: allTypes,
    // Markup in text stays text: a renderer that wrote HTML would draw a <b> here.
    async reach(w) {
      await w.open();
      await w.send('hello <b>there</b> & you');
      await w.expectBotReply('You said: hello <b>there</b> & you');
    },
  },
  {
    name: 'streaming',
    types: allTypes,
    // The stream stops sending but stays open: long timeouts keep the reply streaming meanwhile.
    config: () => ({ timeouts: { request: 30_000, idle: 30_000 } }),
    async reach(w, server) {
      await w.open();
      server.setHook('never-ends');
      await w.send('tell me a story');
      await expect(w.botMessages.last()).toHaveAttribute('data-status', 'streaming');
      await expect(w.botMessages.last()).toContainText('Never ending');
    },
  },
  {
    name: 'failed',
    types: allTypes,
    async reach(w, server) {
      await w.open();
      server.setHook('status-500-json');
      await w.send('will this arrive');
      await expect(w.userMessages.last()).toHaveAttribute('data-status', 'failed');
      await expect(w.part('retry-button')).toBeVisible();
      await expect(w.error).toBeVisible();
    },
  },
  {
    name: 'incomplete',
    types: allTypes,
    // The stream reports an error after some text. (A stall or a dropped connection cuts at a
    // point that varies on a busy machine: Chromium discards what the page had not read yet.)
    async reach(w, server) {
      await w.open();
      server.setHook('error-line');
      await w.send('tell me more');
      await expect(w.botMessages.last()).toHaveAttribute('data-status', 'incomplete');
      await expect(w.botMessages.last()).toContainText('Partial answer');
    },
  },
  {
    name: 'markdown',
    types: allTypes,
    async reach(w) {
      await w.open();
      await w.send('/markdown');
      await w.expectBotReply('A markdown reply');
    },
  },
  {
    name: 'tooltip',
    types: ['floating'],
    config: () => ({ tooltip: { text: 'Need help?', delay: 0 } }),
    async reach(w) {
      await expect(w.part('tooltip')).toBeVisible();
    },
  },
  {
    name: 'unread-badge',
    types: ['floating'],
    // The request is held in the browser until the window is closed, so the reply always
    // arrives while it is (a slow bot would race a busy machine's click).
    async reach(w) {
      await w.open();
      let release = () => {};
      const closed = new Promise<void>((resolve) => {
        release = resolve;
      });
      await w.page.route('**/hook', async (route) => {
        await closed;
        await route.continue();
      });
      await w.send('answer while closed');
      await w.part('close-button').click();
      await expect(w.window).toBeHidden();
      release();
      await expect(w.part('unread-badge')).toBeVisible();
    },
  },
  {
    // Managed mode whose config request the fixture server answers 404: the widget-level error.
    name: 'error-banner',
    types: allTypes,
    config: (server) => ({ webhookUrl: undefined, server: server.url, widgetId: 'missing' }),
    async reach(w) {
      await w.open();
      await expect(w.error).toBeVisible();
      await expect(w.root).toHaveAttribute('data-status', 'error');
    },
  },
];

const repoRoot = join(import.meta.dirname, '..');
const conformanceRenderers: RendererName[] = ['dom', 'vue', 'svelte', 'solid'];

/** A renderer takes part once its page entry exists; rows.ts names its rows when it lists them. */
function conformanceRows(): Row[] {
  return (
    conformanceRenderers
      // Writing goldens, only the DOM renderer runs: the goldens are its drawing.
      .filter((renderer) => renderer === 'dom' || !updatingGoldens)
      .filter((renderer) =>
        Object.values(renderers[renderer].bundles).every((entry) =>
          existsSync(join(repoRoot, entry)),
        ),
      )
      .flatMap((renderer) =>
        allTypes.map(
          (type) =>
            rows.find((row) => row.renderer === renderer && row.type === type) ?? {
              name: `${renderer}-${type}`,
              renderer,
              type,
              faults: false,
            },
        ),
      )
  );
}

/** Adds what the page threw to a failure: a renderer that throws rarely gets far. */
async function withPageErrors<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const errors: string[] = [];
  const record = (error: Error) => errors.push(error.message);
  page.on('pageerror', record);
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && errors.length > 0)
      error.message += `\n\nThrown in the page:\n  ${errors.join('\n  ')}`;
    throw error;
  } finally {
    page.off('pageerror', record);
  }
}

for (const row of conformanceRows()) {
  test.describe(`conformance ${row.name}`, () => {
    for (const state of states.filter((s) => s.types.includes(row.type))) {
      test(state.name, async ({ openWidget, server, page }) => {
        const w = await withPageErrors(page, async () => {
          const model = await openWidget(row, {
            config: { ...baseConfig(server), ...state.config?.(server) },
          });
          await state.reach(model, server);
          return model;
        });
        const tree = await partTree(w.root, { origins: { [server.url]: 'http://fixture.test' } });
        const golden = `${row.type}-${state.name}`;
        if (updatingGoldens) {
          writeGolden(golden, tree);
          return;
        }
        const expected = readGolden(golden) as PartNode | undefined;
        if (expected === undefined)
          throw new Error(
            `${goldenPath(golden)} is missing: write it from the DOM renderer with UPDATE_GOLDENS=1`,
          );
        const differences = describeDifferences(tree, expected);
        expect(
          tree,
          `${row.name} draws "${state.name}" unlike the DOM renderer's goldens/${golden}.json:\n  ${differences.join('\n  ')}\n`,
        ).toEqual(expected);
      });
    }
  });
}
