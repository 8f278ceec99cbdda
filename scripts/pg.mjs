#!/usr/bin/env node
// Throwaway loopback PostgreSQL for tests and CI: `node scripts/pg.mjs start|stop|status`.
// Cluster in /tmp/cwp-pg on 127.0.0.1:54329, trust auth, fsync off. initdb refuses root, so as root
// the server binaries run as the `postgres` user through `su`; any other user (a CI runner) runs them itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const DIR = '/tmp/cwp-pg';
const PORT = 54329;
const URL = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
const PG_ROOT = '/usr/lib/postgresql';
const INIT_LOG = '/tmp/cwp-pg-initdb.log';

function log(line) {
  process.stderr.write(`pg: ${line}\n`);
}

function fail(line) {
  log(line);
  process.exit(1);
}

function findBin() {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(`${PG_ROOT}/${v}/bin/pg_ctl`))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const latest = versions.at(-1);
  return latest ? `${PG_ROOT}/${latest}/bin` : null;
}

// Tool output goes to stderr so stdout carries only the DATABASE_URL line.
const TO_STDERR = ['ignore', 2, 2];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: TO_STDERR, ...options });
  if (result.error) fail(`${cmd} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

const isRoot = process.getuid?.() === 0;

function asPostgres(shellCommand, stdio = TO_STDERR) {
  if (!isRoot) return spawnSync('/bin/sh', ['-c', shellCommand], { stdio });
  return spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', shellCommand], { stdio });
}

function install() {
  log('PostgreSQL server binaries missing; installing Debian postgresql (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Without root, passwordless sudo (as on CI runners) is the only way; -n fails instead of prompting.
  const aptGet = (...args) =>
    isRoot
      ? run('apt-get', args, { env })
      : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env });
  if (aptGet('update', '-q') !== 0) fail('apt-get update failed (installing needs root or sudo).');
  const code = aptGet('install', '-y', '-q', '--no-install-recommends', 'postgresql');
  if (code !== 0) fail('apt-get install postgresql failed.');
}

function isRunning(bin) {
  if (!existsSync(`${DIR}/PG_VERSION`)) return false;
  return asPostgres(`${bin}/pg_ctl -D ${DIR} status`, 'ignore').status === 0;
}

function start() {
  let bin = findBin();
  if (!bin) {
    install();
    bin = findBin();
    if (!bin) fail(`no PostgreSQL binaries under ${PG_ROOT} after installing.`);
  }
  if (isRunning(bin)) {
    log(`already running (${DIR}, port ${PORT}).`);
  } else {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    if (isRoot) execFileSync('chown', ['postgres:postgres', DIR]);
    const init = asPostgres(
      `${bin}/initdb -D ${DIR} -A trust -U postgres --no-sync -E UTF8 >${INIT_LOG} 2>&1`,
    );
    if (init.status !== 0) fail(`initdb failed; see ${INIT_LOG}`);
    const opts = `-c listen_addresses=127.0.0.1 -p ${PORT} -k ${DIR} -c fsync=off`;
    const started = asPostgres(`${bin}/pg_ctl -D ${DIR} -l ${DIR}/log -w -o '${opts}' start`);
    if (started.status !== 0) fail(`pg_ctl start failed; see ${DIR}/log`);
    log(`started (${DIR}, port ${PORT}).`);
  }
  process.stdout.write(`DATABASE_URL=${URL}\n`);
}

function stop() {
  const bin = findBin();
  if (!bin || !isRunning(bin)) {
    log('not running.');
    return;
  }
  const stopped = asPostgres(`${bin}/pg_ctl -D ${DIR} -m fast -w stop`);
  if (stopped.status !== 0) fail('pg_ctl stop failed.');
  log('stopped.');
}

function status() {
  const bin = findBin();
  if (bin && isRunning(bin)) {
    log(`running (${DIR}, port ${PORT}).`);
    process.stdout.write(`DATABASE_URL=${URL}\n`);
  } else {
    log('not running.');
    process.exitCode = 1;
  }
}

const command = process.argv[2];
if (command === 'start') start();
else if (command === 'stop') stop();
else if (command === 'status') status();
else fail('usage: node scripts/pg.mjs start|stop|status');
