// Runs the installed n8n offline on loopback (environment from ../shared/n8n.md): imports credentials
// and workflows with its CLI, activates them, starts it and waits until every Chat Trigger answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain .mjs without types (it runs before `pnpm install` in npm test)
import { n8nBin } from './install.mjs';

export interface RunningN8n {
  /** e.g. http://127.0.0.1:5678 */
  readonly origin: string;
  /** Chat Trigger URL for a webhook id. */
  chatUrl(webhookId: string): string;
  /** What n8n printed so far (for failure messages). */
  log(): string;
  /** Seconds each phase took: import, activate, start → every webhook answers. */
  readonly timings: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

export interface StartN8nOptions {
  readonly dir?: string;
  readonly workflows: readonly object[];
  readonly credentials?: readonly object[];
  /** Chat Trigger webhook ids to probe until they answer. */
  readonly webhookIds: readonly string[];
  readonly readyTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function n8nEnv(port: number, userFolder: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: userFolder,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'cwp-conformance-not-a-secret',
    N8N_EXPRESSION_ENGINE: 'legacy',
    N8N_RUNNERS_ENABLED: 'false',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PORT: String(port),
    N8N_PROTOCOL: 'http',
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_AI_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
    N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
    N8N_PUBLIC_API_DISABLED: 'true',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_LOG_LEVEL: 'warn',
    DB_SQLITE_POOL_SIZE: '2',
  };
}

function cli(bin: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  return new Promise<void>((resolve, reject) => {
    const out: Buffer[] = [];
    const child = spawn(process.execPath, [bin, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => out.push(d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      writeFileSync(logFile, `$ n8n ${args.join(' ')}\n${text}\n`, { flag: 'a' });
      if (code === 0) resolve();
      else reject(new Error(`n8n ${args.join(' ')} exited with ${code}:\n${text.slice(-3000)}`));
    });
  });
}

async function waitReady(
  chatUrls: string[],
  child: ChildProcess,
  timeoutMs: number,
  log: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(chatUrls);
  while (pending.size > 0) {
    if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}:\n${log()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `n8n webhooks not ready after ${timeoutMs} ms: ${[...pending].join(', ')}\n${log()}`,
      );
    }
    for (const url of [...pending]) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'loadPreviousSession', sessionId: 'ready-probe' }),
        });
        await res.arrayBuffer();
        if (res.status === 200) pending.delete(url);
      } catch {
        // not listening yet
      }
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
  const bin = n8nBin(options.dir);
  const userFolder = mkdtempSync(join(tmpdir(), 'cwp-n8n-user-'));
  const logFile = join(userFolder, 'cwp-n8n.log');
  const port = await freePort();
  const env = n8nEnv(port, userFolder);
  const origin = `http://127.0.0.1:${port}`;
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (name: string) => {
    timings[name] = Math.round((Date.now() - mark) / 100) / 10;
    mark = Date.now();
  };
  if (options.credentials && options.credentials.length > 0) {
    const file = join(userFolder, 'credentials.json');
    writeFileSync(file, JSON.stringify(options.credentials));
    await cli(bin, ['import:credentials', `--input=${file}`], env, logFile);
  }
  const workflows = join(userFolder, 'workflows.json');
  writeFileSync(workflows, JSON.stringify(options.workflows));
  await cli(bin, ['import:workflow', `--input=${workflows}`], env, logFile);
  lap('import');
  await cli(bin, ['update:workflow', '--all', '--active=true'], env, logFile);
  lap('activate');

  const logStream = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [bin, 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    logStream.end();
    rmSync(userFolder, { recursive: true, force: true });
  };
  const chatUrl = (id: string) => `${origin}/webhook/${id}/chat`;
  try {
    await waitReady(options.webhookIds.map(chatUrl), child, options.readyTimeoutMs ?? 180_000, log);
    lap('ready');
  } catch (error) {
    await close();
    throw error;
  }
  return { origin, chatUrl, log, timings, close };
}
