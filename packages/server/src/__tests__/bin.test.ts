import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'cwp-server.js');
const dir = mkdtempSync(join(tmpdir(), 'cwp-bin-'));
const db = join(dir, 'cwp.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (...args: string[]) =>
  (await promisify(execFile)(process.execPath, [bin, ...args, '--db', db], { env: process.env }))
    .stdout;

describe('the cwp-server command in a checkout', () => {
  it('runs the TypeScript source, so it works without (or with a stale) build', async () => {
    const id = (
      await run(
        'widgets',
        'create',
        '--name',
        'Support',
        '--webhook-url',
        'https://n8n.example.com/webhook/abc123/chat',
        '--origin',
        'https://www.example.com',
      )
    ).trim();
    expect(id).toMatch(/^[A-Za-z0-9_-]{10,}$/);
    // --add-origin exists only in the source of this change: a build from before would refuse it.
    expect(await run('widgets', 'update', id, '--add-origin', 'https://blog.example')).toBe(
      `updated ${id}\n`,
    );
    expect(await run('widgets', 'list')).toContain('https://www.example.com https://blog.example');
  }, 60_000);
});
