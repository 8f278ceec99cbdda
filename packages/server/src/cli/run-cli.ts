import type { CliIo } from './command-context.js';
import { report } from './report-command.js';
import { start } from './start-command.js';
import { plainText } from './terminal-text.js';
import { UsageError, usage } from './usage.js';
import { widgets } from './widgets-command.js';

export type { CliIo } from './command-context.js';
export { usage } from './usage.js';

/** Runs one CLI invocation; resolves with the exit code (0 ok, 1 failed, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(usage);
      return command === undefined ? 2 : 0;
    }
    if (command === 'start') return await start(rest, io);
    if (command === 'widgets') return await widgets(rest, io);
    if (command === 'report') return await report(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(plainText(command))}`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cwp-server: ${error.message}\nRun "cwp-server --help" for usage.\n`);
      return 2;
    }
    io.stderr(`cwp-server: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
