#!/usr/bin/env node
// The README's demo command (`npm run demo`): installs what is missing, then runs every demo process
// with prefixed output and prints their URLs. Ctrl-C stops them all. `--no-install` skips the install.
// Plain Node with no dependencies: it runs before `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensurePnpm, pnpmEnv, pnpmInstall, repoRoot, step } from './lib/bootstrap.mjs';

const BOT_PORT = process.env.BOT_PORT ?? '5678';
const BOT_URL = `http://127.0.0.1:${BOT_PORT}`;
const SERVER_PORT = process.env.SERVER_PORT ?? '8787';
const PLAYGROUND_PORT = process.env.PLAYGROUND_PORT ?? '5174';
// The managed-mode server's embedded SQLite file, made afresh each run (.cwp/ is git-ignored).
const DEMO_DB = '.cwp/demo.db';
// The cwp-server bin (by path: a node_modules/.bin link made before it changed may be stale), which
// in a checkout runs the server's TypeScript source.
const server = (...args) => [
  'exec',
  'node',
  'packages/server/bin/cwp-server.js',
  ...args,
  '--db',
  DEMO_DB,
];
// A fresh admin token per run turns on the admin API and the dashboard; printed with its login link.
const ADMIN_TOKEN = randomBytes(24).toString('hex');
const managed = {
  CWP_SERVER_URL: `http://127.0.0.1:${SERVER_PORT}`,
  CWP_WIDGET_ID: '',
  CWP_STREAM_WIDGET_ID: '',
};
// The framework examples' Vite dev servers (examples/vue, svelte, solid), allowed by the managed widgets.
const EXAMPLE_PORTS = { vue: 5175, svelte: 5176, solid: 5177 };

/**
 * One entry per process. `args` run as `pnpm <args>` from the repo root; the first capture group of
 * `ready` is the URL printed when it is up. Start order is list order; each waits for the previous.
 * `env` may be a function, read when the process starts.
 */
const processes = [
  {
    name: 'bot',
    args: ['exec', 'tsx', 'packages/bot/src/cli.ts', '--port', BOT_PORT],
    ready: /listening on (\S+)/,
  },
  {
    name: 'server',
    args: server('start', '--port', SERVER_PORT, '--allow-private-webhooks'),
    env: { CWP_ADMIN_TOKEN: ADMIN_TOKEN },
    ready: /listening on (\S+)/,
  },
  {
    name: 'headless',
    args: ['exec', 'tsx', 'examples/headless/serve.ts'],
    env: { BOT_URL, PORT: process.env.PORT ?? '5173' },
    ready: /Headless example: (\S+)/,
  },
  {
    name: 'playground',
    args: ['exec', 'tsx', 'examples/playground/serve.ts'],
    env: () => ({ BOT_URL, PORT: PLAYGROUND_PORT, ...managed }),
    ready: /Playground: (\S+)/,
  },
];

/** Origins of the pages that use the managed widgets: the playground and the framework examples. */
const pageOrigins = [PLAYGROUND_PORT, ...Object.values(EXAMPLE_PORTS)].flatMap((port) => [
  `http://127.0.0.1:${port}`,
  `http://localhost:${port}`,
]);

/** Creates one widget forwarding to `webhookUrl` in the demo database; returns its id. */
function createWidget(pnpm, name, webhookUrl) {
  const result = spawnSync(
    pnpm.cmd,
    [
      ...pnpm.pre,
      ...server('widgets', 'create', '--name', name, '--webhook-url', webhookUrl),
      ...pageOrigins.flatMap((origin) => ['--origin', origin]),
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: pnpmEnv({ CWP_ALLOW_PRIVATE_WEBHOOKS: '1' }),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const id = result.stdout?.trim().split('\n').at(-1);
  if (result.status !== 0 || !id) throw new Error('cwp-server widgets create failed');
  console.log(`managed widget ${id} → ${webhookUrl} (${DEMO_DB})`);
  return id;
}

/** A fresh SQLite database holding two widgets forwarding to the local bot: whole and streamed replies. */
function createManagedWidgets(pnpm) {
  rmSync(join(repoRoot, '.cwp'), { recursive: true, force: true });
  mkdirSync(join(repoRoot, '.cwp'));
  managed.CWP_WIDGET_ID = createWidget(pnpm, 'Demo', `${BOT_URL}/webhook`);
  managed.CWP_STREAM_WIDGET_ID = createWidget(
    pnpm,
    'Demo (streamed)',
    `${BOT_URL}/webhook?stream=1`,
  );
}

const colors = [36, 35, 33, 32, 34, 31];
const running = [];
let stopping = false;

function prefix(name, index) {
  const width = Math.max(...processes.map((p) => p.name.length));
  const label = name.padEnd(width);
  return process.stdout.isTTY
    ? `\x1b[${colors[index % colors.length]}m${label}\x1b[0m │ `
    : `${label} │ `;
}

function start(pnpm, spec, index) {
  return new Promise((resolve, reject) => {
    const child = spawn(pnpm.cmd, [...pnpm.pre, ...spec.args], {
      cwd: repoRoot,
      env: pnpmEnv({
        FORCE_COLOR: process.stdout.isTTY ? '1' : '0',
        ...(typeof spec.env === 'function' ? spec.env() : spec.env),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so stopping kills pnpm, tsx and node underneath together.
      detached: true,
    });
    running.push(child);
    const tag = prefix(spec.name, index);
    let ready = false;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        process.stdout.write(`${tag}${line}\n`);
        const match = !ready && spec.ready.exec(line);
        if (match) {
          ready = true;
          resolve(match[1]);
        }
      });
    }
    child.on('exit', (code, signal) => {
      if (!ready) reject(new Error(`${spec.name} exited before it was ready (${signal ?? code})`));
      else if (!stopping) {
        process.stdout.write(`${tag}exited (${signal ?? code}); stopping the demo\n`);
        stop(1);
      }
    });
  });
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\n==> stopping the demo\n');
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
  Promise.all(
    running.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? null
        : new Promise((resolve) => child.once('exit', resolve)),
    ),
  ).then(() => process.exit(code));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  const pnpm = await step('pnpm', ensurePnpm);
  if (!process.argv.includes('--no-install')) await step('install', () => pnpmInstall(pnpm));
  const urls = [];
  await step('managed widgets', () => createManagedWidgets(pnpm));
  await step('start', async () => {
    for (const [index, spec] of processes.entries())
      urls.push([spec.name, await start(pnpm, spec, index)]);
  });
  const width = Math.max(...urls.map(([name]) => name.length));
  process.stdout.write('\n==> demo running (Ctrl-C stops everything)\n');
  for (const [name, url] of urls) process.stdout.write(`    ${name.padEnd(width)}  ${url}\n`);
  process.stdout.write(
    `\n    framework examples: VITE_CWP_WIDGET_ID=${managed.CWP_WIDGET_ID} pnpm --filter @cwp/example-vue dev (or -svelte, -solid)\n`,
  );
  // Last and on their own: the page to open first, then the dashboard.
  const playground = urls.find(([name]) => name === 'playground')?.[1];
  const serverUrl = urls.find(([name]) => name === 'server')?.[1];
  const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
  process.stdout.write(
    `\n==> 1. open this first, the playground: ${bold(playground)}\n` +
      `==> 2. then the server's dashboard (analytics of the demo widgets): ${bold(
        `${serverUrl}/v1/admin/dashboard?token=${ADMIN_TOKEN}`,
      )}\n` +
      `       admin API: Authorization: Bearer ${ADMIN_TOKEN} (a new token every run)\n\n`,
  );
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  if (String(error?.message).includes('before it was ready')) {
    process.stderr.write(
      'demo: a port in use? BOT_PORT, SERVER_PORT, PORT and PLAYGROUND_PORT move them\n',
    );
  }
  stop(1);
}
