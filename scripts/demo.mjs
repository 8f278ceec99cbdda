#!/usr/bin/env node
// The README's demo command (`npm run demo`): installs what is missing, then runs every demo process
// with prefixed output and prints their URLs. Ctrl-C stops them all. `--no-install` skips the install.
// Plain Node with no dependencies: it runs before `pnpm install`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensurePnpm, pnpmEnv, pnpmInstall, step } from './lib/bootstrap.mjs';

const BOT_PORT = process.env.BOT_PORT ?? '5678';
const BOT_URL = `http://127.0.0.1:${BOT_PORT}`;

/**
 * One entry per process. `args` run as `pnpm <args>` from the repo root; the first capture group of
 * `ready` is the URL printed when it is up. Start order is list order; each waits for the previous.
 */
const processes = [
  {
    name: 'bot',
    args: ['exec', 'tsx', 'packages/bot/src/cli.ts', '--port', BOT_PORT],
    ready: /listening on (\S+)/,
  },
  {
    name: 'headless',
    args: ['exec', 'tsx', 'examples/headless/serve.ts'],
    env: { BOT_URL, PORT: process.env.PORT ?? '5173' },
    ready: /Headless example: (\S+)/,
  },
];

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
      env: pnpmEnv({ FORCE_COLOR: process.stdout.isTTY ? '1' : '0', ...spec.env }),
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
  await step('start', async () => {
    for (const [index, spec] of processes.entries())
      urls.push([spec.name, await start(pnpm, spec, index)]);
  });
  const width = Math.max(...urls.map(([name]) => name.length));
  process.stdout.write('\n==> demo running (Ctrl-C stops everything)\n');
  for (const [name, url] of urls) process.stdout.write(`    ${name.padEnd(width)}  ${url}\n`);
  process.stdout.write('\n');
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write(
    'demo: a port in use? BOT_PORT=… PORT=… npm run demo moves the bot and page\n',
  );
  stop(1);
}
