/**
 * Cross-renderer conformance: in each state below, every renderer draws the same anatomy as the
 * DOM renderer — same parts, tags, attributes and text. The DOM renderer's trees are the goldens
 * (`goldens/<type>-<state>.json`, written with UPDATE_GOLDENS=1); README.md says when to rewrite them.
 *
 * One test per row: each walk opens one fresh widget and drives it through its states in order,
 * comparing the tree with the golden at each checkpoint (so later states carry earlier messages).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { partSelector, WidgetModel } from './page-model.js';
import { type Row, rows, type WidgetType } from './rows.js';
import type { FixtureServer } from './support/fixture-server.js';
import { expect, pageSpec, test } from './support/fixtures.js';
import { goldenPath, readGolden, updatingGoldens, writeGolden } from './support/goldens.js';
import { type PartNode, partTree } from './support/part-tree.js';
import { describeDifferences } from './support/part-tree-diff.js';
import { type RendererName, renderers } from './support/renderers.js';

/** A checkpoint: the state the widget is driven into, named as its golden. */
interface State {
  name: string;
  /** Widget types the state exists for (a tooltip and an unread badge need a bubble). */
  types?: readonly WidgetType[];
  /** Drives the widget from the previous checkpoint of its walk into the state. */
  reach(w: WidgetModel, server: FixtureServer): Promise<void>;
}

/** One fresh widget (page) of a row, walked through its states in order. */
interface Walk {
  types: readonly WidgetType[];
  config?(server: FixtureServer): Record<string, unknown>;
  states: State[];
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

/** What a state waits for, in the widget's root (selectors are relative to it). */
interface Want {
  bots?: number;
  users?: number;
  /** The last bot message's status and some of its text. */
  bot?: { status: string; text?: string };
  user?: { status: string };
  visible?: string[];
  hidden?: string[];
}

/**
 * Waits until the widget shows `want`, checked in the page on every frame: an expect polls at up
 * to 500 ms, a delay each checkpoint would pay. The expects that follow say what went wrong.
 */
async function settle(w: WidgetModel, want: Want): Promise<void> {
  const root = await w.root.elementHandle();
  await w.page
    .waitForFunction(
      ({ root, want }) => {
        if (!root) return false;
        const messages = (role: string) =>
          root.querySelectorAll(`[data-scope="cwp"][data-part="message"][data-role="${role}"]`);
        const bots = messages('bot');
        const users = messages('user');
        const bot = bots[bots.length - 1];
        const user = users[users.length - 1];
        const shown = (selector: string) =>
          [...root.querySelectorAll(selector)].some((el) => el.checkVisibility());
        return (
          (want.bots === undefined || bots.length === want.bots) &&
          (want.users === undefined || users.length === want.users) &&
          (want.bot === undefined ||
            (bot?.getAttribute('data-status') === want.bot.status &&
              (bot.textContent ?? '').includes(want.bot.text ?? ''))) &&
          (want.user === undefined || user?.getAttribute('data-status') === want.user.status) &&
          (want.visible ?? []).every(shown) &&
          !(want.hidden ?? []).some(shown)
        );
      },
      { root, want },
      { polling: 'raf', timeout: 10_000 },
    )
    .catch(() => {});
  await root?.dispose();
}

/** Sends `text` and waits for the bot message it starts (the last bot message may be an older one). */
async function sendForBotMessage(w: WidgetModel, text: string): Promise<void> {
  const before = await w.botMessages.count();
  await w.send(text);
  await settle(w, { bots: before + 1 });
  await expect(w.botMessages).toHaveCount(before + 1);
}

const walks: Walk[] = [
  {
    // The conversation: one widget from its welcome to a reply that never ends.
    types: allTypes,
    config: () => ({
      initialMessages: ['Hello! I am the **support** bot.', 'Ask me anything.'],
      // The last state's stream stops sending but stays open: long timeouts keep it streaming.
      timeouts: { request: 30_000, idle: 30_000 },
    }),
    states: [
      {
        name: 'welcome',
        async reach(w) {
          await w.open();
          await settle(w, { bots: 2 });
          await expect(w.botMessages).toHaveCount(2);
        },
      },
      {
        name: 'whole-reply',
        // Markup in text stays text: a renderer that wrote HTML would draw a <b> here.
        async reach(w) {
          await sendForBotMessage(w, 'hello <b>there</b> & you');
          await settle(w, { bot: { status: 'done', text: 'You said: hello <b>there</b> & you' } });
          await w.expectBotReply('You said: hello <b>there</b> & you');
        },
      },
      {
        name: 'markdown',
        async reach(w) {
          await sendForBotMessage(w, '/markdown');
          await settle(w, { bot: { status: 'done', text: 'A markdown reply' } });
          await w.expectBotReply('A markdown reply');
        },
      },
      {
        // A 500 before any reply: failed message, retry button, error banner.
        name: 'failed',
        async reach(w, server) {
          server.setHook('status-500-json');
          const users = await w.userMessages.count();
          await w.send('will this arrive');
          await settle(w, {
            users: users + 1,
            user: { status: 'failed' },
            visible: [
              partSelector('error'),
              `${partSelector('message')}[data-status="failed"] ${partSelector('retry-button')}`,
            ],
          });
          await expect(w.userMessages).toHaveCount(users + 1);
          await expect(w.userMessages.last()).toHaveAttribute('data-status', 'failed');
          await expect(w.userMessages.last().locator(partSelector('retry-button'))).toBeVisible();
          await expect(w.error).toBeVisible();
        },
      },
      {
        // The stream reports an error after some text. (A stall or a dropped connection cuts at
        // a point that varies on a busy machine: Chromium discards what the page had not read.)
        name: 'incomplete',
        async reach(w, server) {
          server.setHook('error-line');
          await sendForBotMessage(w, 'tell me more');
          await settle(w, { bot: { status: 'incomplete', text: 'Partial answer' } });
          await expect(w.botMessages.last()).toHaveAttribute('data-status', 'incomplete');
          await expect(w.botMessages.last()).toContainText('Partial answer');
        },
      },
      {
        // The request is held in the browser until the window is closed, so the reply always
        // arrives while it is (a slow bot would race a busy machine's click).
        name: 'unread-badge',
        types: ['floating'],
        async reach(w, server) {
          server.setHook('normal');
          let release = () => {};
          const closed = new Promise<void>((resolve) => {
            release = resolve;
          });
          const hold = async (route: Route) => {
            await closed;
            await route.continue();
          };
          await w.page.route('**/hook', hold);
          await w.send('answer while closed');
          await w.part('close-button').click();
          await settle(w, { hidden: [partSelector('window')] });
          await expect(w.window).toBeHidden();
          release();
          await settle(w, { visible: [partSelector('unread-badge')] });
          await expect(w.part('unread-badge')).toBeVisible();
          await w.page.unroute('**/hook', hold);
        },
      },
      {
        // Mid-stream: the `never-ends` fault sends some text, then nothing, never closing.
        name: 'streaming',
        async reach(w, server) {
          // Floating reopens the window the unread badge closed.
          if (!(await w.window.isVisible())) await w.open();
          server.setHook('never-ends');
          await sendForBotMessage(w, 'tell me a story');
          await settle(w, { bot: { status: 'streaming', text: 'Never ending' } });
          await expect(w.botMessages.last()).toHaveAttribute('data-status', 'streaming');
          await expect(w.botMessages.last()).toContainText('Never ending');
        },
      },
    ],
  },
  {
    // Managed mode whose config request the fixture server answers 404: the widget-level error.
    types: allTypes,
    config: (server) => ({ webhookUrl: undefined, server: server.url, widgetId: 'missing' }),
    states: [
      {
        name: 'error-banner',
        async reach(w) {
          await w.open();
          await settle(w, { visible: [partSelector('error')] });
          await expect(w.error).toBeVisible();
          await expect(w.root).toHaveAttribute('data-status', 'error');
        },
      },
    ],
  },
  {
    // Shown before the widget is ever opened, so it needs a widget of its own.
    types: ['floating'],
    config: () => ({ tooltip: { text: 'Need help?', delay: 0 } }),
    states: [
      {
        name: 'tooltip',
        async reach(w) {
          await settle(w, { visible: [partSelector('tooltip')] });
          await expect(w.part('tooltip')).toBeVisible();
        },
      },
    ],
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

/**
 * A fresh widget for each walk after the first, on the same page (a new context costs more than
 * the walk): the widget keeps its session in Web Storage, so the next pages start with it empty.
 */
async function forgetSessions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
}

async function compareWithGolden(row: Row, state: string, tree: PartNode): Promise<void> {
  const golden = `${row.type}-${state}`;
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
  // Soft: a row reports every state it draws differently, not only the first.
  expect
    .soft(
      tree,
      `${row.name} draws "${state}" unlike the DOM renderer's goldens/${golden}.json:\n  ${differences.join('\n  ')}\n`,
    )
    .toEqual(expected);
}

/**
 * A renderer's rows run in order in one worker: the fixture server bundles each renderer once per
 * worker (seconds), so two workers sharing a renderer's rows would both pay for it.
 */
const allRows = conformanceRows();
for (const renderer of new Set(allRows.map((row) => row.renderer))) {
  const rendererRows = allRows.filter((row) => row.renderer === renderer);
  test.describe(`conformance ${renderer}`, () => {
    test.describe.configure({ mode: 'default' });
    for (const row of rendererRows) {
      const rowWalks = walks
        .map((walk) => ({
          ...walk,
          states: walk.states.filter((s) => (s.types ?? walk.types).includes(row.type)),
        }))
        .filter((walk) => walk.types.includes(row.type) && walk.states.length > 0);
      const names = rowWalks.flatMap((walk) => walk.states.map((s) => s.name));

      test(`${row.name} (${names.join(', ')})`, async ({ page, server, bot }) => {
        // Up to three pages and nine checkpoints: more than one page's default 30 s.
        test.setTimeout(90_000);
        for (const [index, walk] of rowWalks.entries()) {
          if (index === 1) await forgetSessions(page);
          server.setHook('normal');
          server.hookRequests.length = 0;
          bot.reset();
          const config = { ...baseConfig(server), ...walk.config?.(server) };
          const w = await withPageErrors(page, async () => {
            await page.goto(server.page(pageSpec(row, server, { config })));
            const model = new WidgetModel(page, row.type);
            if (row.type !== 'floating') await model.window.waitFor();
            else await model.anyBubble.waitFor();
            return model;
          });
          for (const state of walk.states) {
            await test.step(state.name, async () => {
              await withPageErrors(page, () => state.reach(w, server));
              const tree = await partTree(w.root, {
                origins: { [server.url]: 'http://fixture.test' },
              });
              await compareWithGolden(row, state.name, tree);
            });
          }
        }
      });
    }
  });
}
