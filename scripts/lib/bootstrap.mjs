// Shared by scripts/test.mjs and scripts/demo.mjs. Plain Node, no dependencies: it runs before
// `pnpm install` on a machine that has only Node 20 and npm.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PNPM_VERSION = '12.4.2';
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const isCI = Boolean(process.env.CI) && process.env.CI !== 'false';
export const isRoot = process.getuid?.() === 0;

/** The environment every pnpm call gets. */
export function pnpmEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  // better-sqlite3 builds from source; node-gyp cannot download headers here, Node ships them.
  if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

const started = Date.now();

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Every finished step: `{ name, ok, ms }`, in order. */
export const timings = [];

/** Prints `==> name`, runs `fn`, prints how long it took. Rethrows failures. */
export async function step(name, fn) {
  const t0 = Date.now();
  process.stdout.write(`\n==> ${name}\n`);
  try {
    const value = await fn();
    timings.push({ name, ok: true, ms: Date.now() - t0 });
    process.stdout.write(`==> ${name}: ok (${seconds(Date.now() - t0)})\n`);
    return value;
  } catch (error) {
    timings.push({ name, ok: false, ms: Date.now() - t0 });
    process.stdout.write(`==> ${name}: FAILED (${seconds(Date.now() - t0)})\n`);
    throw error;
  }
}

/** One line: `pnpm 0.1s, install 2.0s, lint FAILED 1.5s, …`. */
export function timingSummary() {
  return timings.map((t) => `${t.name} ${t.ok ? '' : 'FAILED '}${seconds(t.ms)}`).join(', ');
}

export function elapsed() {
  return seconds(Date.now() - started);
}

export class StepError extends Error {}

let current = null;

function killGroup(child, signal) {
  try {
    // Negative pid: the child's whole process group (pnpm, vitest and its workers, …).
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Runs a command with inherited stdio; resolves to its exit code (124 after `timeoutMs`).
 * `group: true` starts it as its own process group so a timeout or Ctrl-C ends all it started.
 */
export function run(cmd, args, options = {}) {
  const { timeoutMs, group = false, ...spawnOptions } = options;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: 'inherit',
      cwd: repoRoot,
      detached: group,
      ...spawnOptions,
    });
    current = { child, group };
    let timedOut = false;
    let killer;
    const timer =
      timeoutMs &&
      setTimeout(() => {
        timedOut = true;
        process.stderr.write(
          `\n${cmd} ${args.join(' ')}: still running after ${timeoutMs / 1000}s; stopping it\n`,
        );
        stopCurrent();
        killer = setTimeout(() => stopCurrent('SIGKILL'), 5000);
      }, timeoutMs);
    child.on('error', (error) => {
      process.stderr.write(`could not run ${cmd}: ${error.message}\n`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      if (current?.child === child) current = null;
      resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1)));
    });
  });
}

/** Like run() but throws a StepError on a non-zero exit. */
export async function mustRun(cmd, args, options = {}) {
  const code = await run(cmd, args, options);
  if (code !== 0) throw new StepError(`${cmd} ${args.join(' ')} exited with ${code}`);
}

/** Ends the command run() is running, with everything it started when it runs as a group. */
export function stopCurrent(signal = 'SIGTERM') {
  if (!current) return;
  if (current.group) killGroup(current.child, signal);
  else current.child.kill(signal);
}

function versionOf(cmd, args) {
  const result = spawnSync(cmd, [...args, '--version'], { encoding: 'utf8', env: pnpmEnv() });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * Finds pnpm PNPM_VERSION: a global pnpm of that version, else installs it globally with npm,
 * else runs it through npx. Returns the command and leading args to call pnpm with.
 */
export async function ensurePnpm() {
  if (versionOf('pnpm', []) === PNPM_VERSION) return { cmd: 'pnpm', pre: [] };
  process.stdout.write(`pnpm ${PNPM_VERSION} not found; installing it with npm -g\n`);
  const code = await run('npm', [
    'install',
    '-g',
    `pnpm@${PNPM_VERSION}`,
    '--no-fund',
    '--no-audit',
  ]);
  if (code === 0 && versionOf('pnpm', []) === PNPM_VERSION) return { cmd: 'pnpm', pre: [] };
  process.stdout.write('npm -g did not give a usable pnpm; using npx instead\n');
  const npx = ['-y', `pnpm@${PNPM_VERSION}`];
  if (versionOf('npx', npx) === PNPM_VERSION) return { cmd: 'npx', pre: npx };
  throw new StepError(`could not get pnpm ${PNPM_VERSION} (tried a global pnpm, npm -g and npx)`);
}

/** `pnpm install`; frozen lockfile in CI so CI tests exactly what is committed. */
export async function pnpmInstall(pnpm) {
  const args = ['install', ...(isCI ? ['--frozen-lockfile'] : [])];
  await mustRun(pnpm.cmd, [...pnpm.pre, ...args], {
    env: pnpmEnv(),
    group: true,
    timeoutMs: 10 * 60_000,
  });
}

/** Runs `pnpm <args>`; resolves to the exit code. */
export function pnpmRun(pnpm, args, options = {}) {
  return run(pnpm.cmd, [...pnpm.pre, ...args], { ...options, env: pnpmEnv(options.env) });
}

export function hasFile(path) {
  return existsSync(join(repoRoot, path));
}
