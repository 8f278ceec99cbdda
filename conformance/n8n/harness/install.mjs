#!/usr/bin/env node
// Installs real n8n (N8N_VERSION) into a cache folder outside the clone, as ../shared/n8n.md says works
// offline on Node 20: its own package.json with `overrides` xlsx 0.18.5 (n8n's xlsx comes from a CDN this
// network cannot reach), `--ignore-scripts` (isolated-vm does not build here), then only sqlite3 rebuilt
// against Node's own headers. A marker file written last makes the next run reuse the folder.
// Plain Node, no dependencies: scripts/test.mjs starts it in the background before `pnpm install`.
// Usage: node conformance/n8n/harness/install.mjs   (prints the folder; exit 1 on any failure)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '1.123.81';

export function n8nDir() {
  if (process.env.CWP_N8N_DIR) return process.env.CWP_N8N_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, `cwp-n8n-${N8N_VERSION}`);
}

export const markerName = '.cwp-installed';

/** The n8n CLI entry inside an installed folder. */
export function n8nBin(dir = n8nDir()) {
  return join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

export function isInstalled(dir = n8nDir()) {
  const marker = join(dir, markerName);
  if (!existsSync(marker) || !existsSync(n8nBin(dir))) return false;
  return readFileSync(marker, 'utf8').trim() === N8N_VERSION;
}

function run(cmd, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

export async function install(dir = n8nDir()) {
  if (isInstalled(dir)) return { dir, cached: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: 'cwp-n8n-conformance',
    private: true,
    dependencies: { n8n: N8N_VERSION },
    overrides: { xlsx: '0.18.5' },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const env = { ...process.env, npm_config_nodedir: '/usr', npm_config_update_notifier: 'false' };
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  // Niced where nice exists: fetching and unpacking 1,919 packages should not slow the checks that
  // run beside it (npm test starts this first); the short compile below is not niced, or it would starve.
  const npm = existsSync('/usr/bin/nice') ? ['/usr/bin/nice', ['-n', '10', 'npm']] : ['npm', []];
  await run(npm[0], [...npm[1], 'install', '--ignore-scripts', ...quiet], dir, env);
  // Unoptimised: 45 s of CPU instead of 2 minutes on a fresh machine, and n8n's own database is
  // never the slow part of a test.
  await run('npm', ['rebuild', 'sqlite3', ...quiet], dir, {
    ...env,
    CFLAGS: '-O0',
    CXXFLAGS: '-O0',
  });
  if (!existsSync(n8nBin(dir))) throw new Error(`npm finished but ${n8nBin(dir)} is missing`);
  writeFileSync(join(dir, markerName), `${N8N_VERSION}\n`);
  return { dir, cached: false };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  install().then(
    ({ dir, cached }) => {
      const s = ((Date.now() - t0) / 1000).toFixed(1);
      console.log(
        `n8n ${N8N_VERSION} ${cached ? 'already installed' : `installed in ${s}s`}: ${dir}`,
      );
    },
    (error) => {
      console.error(`n8n ${N8N_VERSION} install FAILED: ${error.message}`);
      process.exit(1);
    },
  );
}
