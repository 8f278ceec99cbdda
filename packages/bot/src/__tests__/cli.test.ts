import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startBot } from '../index.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finished(child: ChildProcess) {
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString('utf8');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString('utf8');
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

describe('cwp-bot command', () => {
  it('starts, prints the webhook URL, answers, and exits cleanly on SIGTERM', async () => {
    const child = runCli(['--port', '0', '--mode', 'stream', '--chunk', '50', '--delay', '0']);
    const exit = finished(child);
    const line = await firstLine(child);
    const match = /^Local bot listening on (http:\/\/127\.0\.0\.1:\d+\/webhook)$/.exec(line);
    expect(match).not.toBeNull();
    const response = await fetch(match![1]!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'sendMessage', sessionId: 's', chatInput: 'cli' }),
    });
    expect(await response.text()).toContain('"content":"You said: cli"');
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  it('explains a bad flag', async () => {
    const { code, stderr } = await finished(runCli(['--mode', 'fast']));
    expect(code).toBe(2);
    expect(stderr).toContain('--mode must be whole or stream, got "fast"');
  });

  it('explains a busy port', async () => {
    const busy = await startBot();
    try {
      const port = new URL(busy.url).port;
      const { code, stderr } = await finished(runCli(['--port', port]));
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await busy.close();
    }
  });
});
