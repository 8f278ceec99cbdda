#!/usr/bin/env node
// Throwaway loopback Redis for tests and CI: `node scripts/redis.mjs start|stop|status`.
// One server on 127.0.0.1:63799 with its files in <tmp>/cwp-redis, nothing saved to disk
// (`--save '' --appendonly no`). Prints REDIS_URL=… on stdout; everything else goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = join(tmpdir(), 'cwp-redis');
const PORT = 63799;
const URL = `redis://127.0.0.1:${PORT}`;
const PIDFILE = join(DIR, 'redis.pid');
const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

function log(line) {
  process.stderr.write(`redis: ${line}\n`);
}

function fail(line) {
  log(line);
  process.exit(1);
}

const TO_STDERR = ['ignore', 2, 2];
const isRoot = process.getuid?.() === 0;

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: TO_STDERR, ...options });
  if (result.error) fail(`${cmd} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

function findBin() {
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

function install() {
  log('redis-server missing; installing Debian redis-server (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (...args) =>
    isRoot
      ? run('apt-get', args, { env })
      : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env });
  if (aptGet('update', '-q') !== 0) fail('apt-get update failed (installing needs root or sudo).');
  if (aptGet('install', '-y', '-q', '--no-install-recommends', 'redis-server') !== 0)
    fail('apt-get install redis-server failed.');
}

/** Resolves true when something on the port answers PING with +PONG. */
function answers() {
  return new Promise((resolve) => {
    const socket = connect(PORT, '127.0.0.1');
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function start() {
  let bin = findBin();
  if (!bin) {
    install();
    bin = findBin();
    if (!bin) fail('no redis-server binary after installing.');
  }
  if (await answers()) {
    log(`already running (port ${PORT}).`);
  } else {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const code = run(bin, [
      '--bind',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      DIR,
      '--daemonize',
      'yes',
      '--pidfile',
      PIDFILE,
      '--logfile',
      join(DIR, 'log'),
    ]);
    if (code !== 0) fail(`redis-server did not start; see ${join(DIR, 'log')}`);
    for (let i = 0; i < 50 && !(await answers()); i++) await sleep(100);
    if (!(await answers())) fail(`redis-server does not answer; see ${join(DIR, 'log')}`);
    log(`started (${DIR}, port ${PORT}).`);
  }
  process.stdout.write(`REDIS_URL=${URL}\n`);
}

async function stop() {
  if (!(await answers())) {
    log('not running.');
    return;
  }
  let pid = Number.NaN;
  try {
    pid = Number(readFileSync(PIDFILE, 'utf8').trim());
  } catch {}
  if (!Number.isInteger(pid) || pid <= 0) fail(`running, but not started here (no ${PIDFILE}).`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && (await answers()); i++) await sleep(100);
  if (await answers()) fail(`redis-server (pid ${pid}) did not stop.`);
  log('stopped.');
}

async function status() {
  if (await answers()) {
    log(`running (port ${PORT}).`);
    process.stdout.write(`REDIS_URL=${URL}\n`);
  } else {
    log('not running.');
    process.exitCode = 1;
  }
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'stop') await stop();
else if (command === 'status') await status();
else fail('usage: node scripts/redis.mjs start|stop|status');
