#!/usr/bin/env node
// The README's test command (`npm test`) and CI's (`.ci/run`): provisions what a fresh machine lacks
// (pnpm, dependencies, Chromium, PostgreSQL, Redis), runs every check and test suite, and ends with one line
// `N passed, N failed`. `npm test -- --quick` skips install, lint, typecheck, packaging and size.
// Every step has a time limit and the whole run stops after CWP_TEST_TIME_LIMIT_MIN (default 30).
// Real n8n for the conformance suite installs in the background from the first second (cached outside
// the clone); its suite runs after vitest when the install is done by then, else after the browser suite.
// Plain Node with no dependencies: it runs before `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  elapsed,
  ensurePnpm,
  hasFile,
  isRoot,
  mustRun,
  pnpmInstall,
  pnpmRun,
  repoRoot,
  StepError,
  step,
  stopCurrent,
  timingSummary,
} from './lib/bootstrap.mjs';

const quick = process.argv.includes('--quick');
const CHROMIUM = '/usr/bin/chromium';
const PG_ROOT = '/usr/lib/postgresql';
const REDIS_SERVER = '/usr/bin/redis-server';
const out = mkdtempSync(join(tmpdir(), 'cwp-test-'));

const counts = { passed: 0, failed: 0 };
const failedSteps = [];
let finished = false;

function hasPostgres() {
  return (
    existsSync(PG_ROOT) &&
    readdirSync(PG_ROOT).some((v) => existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
  );
}

async function installSystemPackages() {
  const wantChromium = !existsSync(CHROMIUM);
  const wantPostgres = hasFile('scripts/pg.mjs') && !hasPostgres();
  const wantRedis = hasFile('scripts/redis.mjs') && !existsSync(REDIS_SERVER);
  if (!wantChromium && !wantPostgres && !wantRedis) {
    console.log(`${CHROMIUM}, PostgreSQL and Redis present`);
    return;
  }
  const missing = [
    wantChromium && 'chromium fonts-dejavu-core',
    wantPostgres && 'postgresql',
    wantRedis && 'redis-server',
  ]
    .filter(Boolean)
    .join(' ');
  if (!isRoot) {
    throw new StepError(
      `missing system packages; install them first, e.g. sudo apt-get install -y ${missing}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await mustRun('apt-get', ['update', '-q'], { env });
  if (wantChromium) {
    await mustRun('apt-get', ['install', '-y', '-q', 'chromium', 'fonts-dejavu-core'], { env });
  }
  if (wantPostgres) {
    await mustRun('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'postgresql'], {
      env,
    });
  }
  if (wantRedis) {
    await mustRun('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'redis-server'], {
      env,
    });
  }
  if (!existsSync(CHROMIUM)) throw new StepError(`apt-get finished but ${CHROMIUM} is missing`);
}

/** Servers this run started (scripts/pg.mjs, scripts/redis.mjs), stopped when it ends. */
const startedServices = new Set();

/**
 * Starts a throwaway server with `scripts/<script> start` and returns the URL it prints as
 * `<VAR>=url`. One someone else started (fixed port and directory) is used, not stopped.
 */
function startService(script, variable) {
  const before = spawnSync(process.execPath, [`scripts/${script}`, 'status'], {
    cwd: repoRoot,
    stdio: 'ignore',
  });
  const result = spawnSync(process.execPath, [`scripts/${script}`, 'start'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new RegExp(`^${variable}=(\\S+)$`, 'm').exec(result.stdout ?? '')?.[1];
  if (result.status !== 0 || !url) throw new StepError(`node scripts/${script} start failed`);
  if (before.status !== 0) startedServices.add(script);
  console.log(`TEST_${variable}=${url}`);
  return url;
}

function stopServices() {
  for (const script of startedServices) {
    spawnSync(process.execPath, [`scripts/${script}`, 'stop'], { cwd: repoRoot, stdio: 'inherit' });
  }
  startedServices.clear();
}

/**
 * Real n8n for the conformance suite (conformance/n8n) installs in the background from the very start
 * of the run (npm, into a cache folder outside the clone; a few minutes cold, nothing when cached), so
 * it costs no wall time before the suite needs it. Resolves to `{ code, ms, log }`.
 */
let n8nInstall = null;
let n8nInstallChild = null;
let n8nInstallFinished = false;
let n8nSuiteRan = false;
const N8N_INSTALL_LIMIT_MS = 20 * 60_000;

function startN8nInstall() {
  const log = join(out, 'n8n-install.log');
  const fd = openSync(log, 'w');
  const t0 = Date.now();
  // Its npm install runs niced, its short compile not (a niced compile starves behind vitest and playwright).
  const child = spawn(process.execPath, ['conformance/n8n/harness/install.mjs'], {
    cwd: repoRoot,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  n8nInstallChild = child;
  const timer = setTimeout(() => stopN8nInstall(), N8N_INSTALL_LIMIT_MS);
  n8nInstall = new Promise((resolve) => {
    child.on('error', () => resolve({ code: 127, ms: Date.now() - t0, log }));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      n8nInstallChild = null;
      n8nInstallFinished = true;
      resolve({ code: code ?? (signal ? 128 : 1), ms: Date.now() - t0, log });
    });
  });
}

function stopN8nInstall() {
  if (!n8nInstallChild) return;
  try {
    process.kill(-n8nInstallChild.pid, 'SIGTERM');
  } catch {
    n8nInstallChild.kill('SIGTERM');
  }
}

/** A check that does not stop the run: its failure is recorded and the next step runs. */
async function check(name, fn) {
  try {
    await step(name, fn);
  } catch (error) {
    failedSteps.push(name);
    if (!(error instanceof StepError)) console.error(error);
    else console.error(error.message);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Adds a suite's counts; a suite that failed without a failing test (it crashed) counts as one. */
function tally(name, code, passed, failed) {
  counts.passed += passed;
  counts.failed += failed;
  if (code !== 0 && failed === 0) counts.failed += 1;
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  if (code !== 0) throw new StepError(`${name} exited with ${code}`);
}

function finish(code) {
  if (finished) return;
  finished = true;
  stopN8nInstall();
  stopServices();
  rmSync(out, { recursive: true, force: true });
  // Checks that are not tests (lint, types, packaging, size) also make the run red.
  counts.failed += failedSteps.filter((s) => !['vitest', 'n8n', 'playwright'].includes(s)).length;
  console.log(`\n==> total ${elapsed()}: ${timingSummary()}`);
  if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code !== 0 || failedSteps.length > 0 ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopCurrent();
    failedSteps.push(`interrupted (${signal})`);
    finish(130);
  });
}

// A fresh CI machine takes ~16 minutes; whatever hangs, the run ends well inside CI's limit.
const limitMinutes = Number(process.env.CWP_TEST_TIME_LIMIT_MIN ?? 30);
setTimeout(() => {
  console.error(`\nnpm test: time limit of ${limitMinutes} min reached; stopping`);
  stopCurrent();
  failedSteps.push('time limit');
  finish(1);
}, limitMinutes * 60_000).unref();

/** The n8n conformance suite (conformance/n8n) once its background install has finished. */
async function n8nSuite(pnpm, env) {
  n8nSuiteRan = true;
  await check('n8n', async () => {
    const install = await n8nInstall;
    const log = readFileSync(install.log, 'utf8').trim();
    console.log(`n8n install (background, ${(install.ms / 1000).toFixed(1)}s):\n${log}`);
    if (install.code !== 0) {
      counts.failed += 1;
      throw new StepError(
        `n8n install failed (exit ${install.code}); the conformance suite cannot run`,
      );
    }
    const file = join(out, 'n8n.json');
    const code = await pnpmRun(
      pnpm,
      [
        'exec',
        'vitest',
        'run',
        '--project=n8n',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${file}`,
      ],
      { env, group: true, timeoutMs: 6 * 60_000 },
    );
    const report = readJson(file);
    tally('n8n', code, report?.numPassedTests ?? 0, report?.numFailedTests ?? 0);
  });
}

async function main() {
  if (hasFile('conformance/n8n/harness/install.mjs')) startN8nInstall();
  const pnpm = await step('pnpm', ensurePnpm);
  if (!quick) await step('install', () => pnpmInstall(pnpm));
  await step('system packages', installSystemPackages);
  const env = { CHROMIUM_PATH: CHROMIUM };
  if (hasFile('scripts/pg.mjs')) {
    env.TEST_DATABASE_URL = await step('postgres', () => startService('pg.mjs', 'DATABASE_URL'));
  }
  if (hasFile('scripts/redis.mjs')) {
    env.TEST_REDIS_URL = await step('redis', () => startService('redis.mjs', 'REDIS_URL'));
  }

  const pnpmCheck = async (args, minutes) => {
    const code = await pnpmRun(pnpm, args, { env, group: true, timeoutMs: minutes * 60_000 });
    if (code !== 0) throw new StepError(`pnpm ${args.join(' ')} exited with ${code}`);
  };
  if (!quick) {
    await check('lint', () => pnpmCheck(['lint'], 3));
    await check('typecheck', () => pnpmCheck(['typecheck'], 5));
    await check('packages', () => pnpmCheck(['check:packages'], 6));
    await check('size', () => pnpmCheck(['exec', 'tsx', 'scripts/check-size.mjs'], 3));
  }

  await check('vitest', async () => {
    const file = join(out, 'vitest.json');
    const code = await pnpmRun(
      pnpm,
      [
        'exec',
        'vitest',
        'run',
        '--project=!n8n',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${file}`,
      ],
      { env, group: true, timeoutMs: 10 * 60_000 },
    );
    const report = readJson(file);
    // A test file that fails to load has no failed test in it; count it as one failure.
    const brokenFiles = (report?.testResults ?? []).filter(
      (r) => r.status === 'failed' && !r.assertionResults?.some((a) => a.status === 'failed'),
    ).length;
    tally('vitest', code, report?.numPassedTests ?? 0, (report?.numFailedTests ?? 0) + brokenFiles);
  });

  // Right after vitest when n8n is already installed; else after the browser suite, so the run never
  // waits on the install.
  if (n8nInstall && n8nInstallFinished) await n8nSuite(pnpm, env);

  if (hasFile('playwright.config.ts')) {
    await check('playwright', async () => {
      const file = join(out, 'playwright.json');
      const code = await pnpmRun(pnpm, ['exec', 'playwright', 'test', '--reporter=list,json'], {
        env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file, PLAYWRIGHT_JSON_OUTPUT_FILE: file },
        group: true,
        timeoutMs: 14 * 60_000,
      });
      const stats = readJson(file)?.stats ?? {};
      tally('playwright', code, (stats.expected ?? 0) + (stats.flaky ?? 0), stats.unexpected ?? 0);
    });
  }
  if (n8nInstall && !n8nSuiteRan) await n8nSuite(pnpm, env);
}

main().then(
  () => finish(0),
  (error) => {
    if (!(error instanceof StepError)) console.error(error);
    else console.error(error.message);
    failedSteps.push('setup');
    finish(1);
  },
);
