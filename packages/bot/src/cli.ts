#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { startBot } from './bot.js';

const usage = `Usage: cwp-bot [--port 5678] [--host 127.0.0.1] [--mode whole|stream] [--chunk N] [--delay MS]

Starts a local bot speaking the n8n Chat Trigger protocol.
  --port   port to listen on (default 5678, 0 = any free port)
  --host   address to listen on (default 127.0.0.1)
  --mode   reply mode when a request does not pick one with ?stream=1 (default whole)
  --chunk  characters per streamed item (default 4)
  --delay  pause between streamed items in ms (default 15)`;

function fail(message: string): never {
  console.error(`cwp-bot: ${message}\n\n${usage}`);
  process.exit(2);
}

function integer(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > max) {
    fail(`--${flag} must be a whole number from 0 to ${max}, got "${value}"`);
  }
  return parsed;
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      mode: { type: 'string' },
      chunk: { type: 'string' },
      delay: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const str = (name: string) => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
const mode = str('mode') ?? 'whole';
if (mode !== 'whole' && mode !== 'stream') fail(`--mode must be whole or stream, got "${mode}"`);
const chunk = integer('chunk', str('chunk'), 4, 100_000);
if (chunk < 1) fail('--chunk must be at least 1');

try {
  const bot = await startBot({
    port: integer('port', str('port'), 5678, 65_535),
    host: str('host') ?? '127.0.0.1',
    mode,
    chunkSize: chunk,
    delayMs: integer('delay', str('delay'), 15, 600_000),
  });
  console.log(`Local bot listening on ${bot.webhookUrl}`);
  console.log(`Faults: ${bot.url}/webhook/fault/<name>; requests log: ${bot.url}/requests`);
  const stop = () => {
    bot.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`cwp-bot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
