import { parseArgs } from 'node:util';
import { parseDayRange } from '../routes/admin-routes.js';
import { newIdentitySecret } from '../security/identity-token.js';
import { startServer } from '../server.js';
import { openStore } from '../store/index.js';
import type { IdentitySettings, Store, WidgetReport } from '../store/types.js';
import { parseNewWidget, parseWidgetPatch } from '../widget-input.js';
import { plainText, table } from './terminal-text.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the process should stop (SIGINT/SIGTERM) for `start`. */
  readonly untilStopped?: () => Promise<void>;
}

export const usage = `cwp-server — ChatWidgetPro managed mode

Usage:
  cwp-server start [--port 8787] [--host 127.0.0.1] [--db ./cwp.db] [--allow-private-webhooks]
                   [--trust-proxy IP|CIDR …]
  cwp-server widgets create --name NAME --webhook-url URL --origin ORIGIN… [--transcripts] [--config JSON]
  cwp-server widgets list
  cwp-server widgets update ID [--name NAME] [--webhook-url URL] [--origin ORIGIN…] [--add-origin ORIGIN…]
                   [--disable | --enable]
                   [--require-identity | --allow-anonymous] [--identity-claim NAME…]
  (create and update)  [--uploads | --no-uploads] [--upload-types LIST] [--max-file-size BYTES]
                   [--max-files N]   file uploads: LIST like image/*,application/pdf,.csv
  cwp-server widgets identity-secret ID   (a new identity secret, printed once; old tokens stop working)
  cwp-server widgets delete ID
  cwp-server report [ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]

Every command takes --db FILE; DATABASE_URL (postgres://… or a SQLite path) wins over it.
Environment: CWP_ADMIN_TOKEN enables the admin API; CWP_ALLOW_PRIVATE_WEBHOOKS=1 equals
--allow-private-webhooks (webhooks on loopback and private addresses). REDIS_URL (redis://…) shares
rate limits and stream caps between instances.
`;

class UsageError extends Error {}

const common = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'allow-private-webhooks': { type: 'boolean' },
} as const;

function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function allowPrivate(flag: boolean | undefined, env: CliIo['env']): boolean {
  return (
    flag === true ||
    env.CWP_ALLOW_PRIVATE_WEBHOOKS === '1' ||
    env.CWP_ALLOW_PRIVATE_WEBHOOKS === 'true'
  );
}

async function withStore<T>(
  db: string | undefined,
  env: CliIo['env'],
  run: (store: Store) => Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = await openStore({
      ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
      ...(db ? { file: db } : {}),
    });
  } catch (error) {
    throw new UsageError(
      `cannot open the database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function port(value: string | undefined): number {
  if (value === undefined) return 8787;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(value)}`);
  return number;
}

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

async function start(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      options: {
        ...common,
        port: { type: 'string' },
        host: { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`start takes no arguments, got ${JSON.stringify(positionals[0])}`);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port: port(values.port),
      host: values.host ?? '127.0.0.1',
      databaseUrl: io.env.DATABASE_URL || undefined,
      dbFile: values.db,
      adminToken: io.env.CWP_ADMIN_TOKEN || undefined,
      allowPrivateWebhooks: allowPrivate(values['allow-private-webhooks'], io.env),
      trustedProxies: values['trust-proxy'] ?? [],
      redisUrl: io.env.REDIS_URL || undefined,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`the port is in use: ${message}`);
    throw new UsageError(`cannot start: ${message}`);
  }
  io.stdout(
    `cwp-server listening on ${server.url}${io.env.CWP_ADMIN_TOKEN ? '' : ' (admin API off: set CWP_ADMIN_TOKEN)'}\n`,
  );
  await (io.untilStopped ?? untilSignal)();
  await server.close();
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function parseConfigFlag(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  throw new UsageError('--config must be a JSON object');
}

async function widgets(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parse(() =>
    parseArgs({
      args: rest,
      options: {
        ...common,
        name: { type: 'string' },
        'webhook-url': { type: 'string' },
        origin: { type: 'string', multiple: true },
        'add-origin': { type: 'string', multiple: true },
        config: { type: 'string' },
        transcripts: { type: 'boolean' },
        disable: { type: 'boolean' },
        enable: { type: 'boolean' },
        'require-identity': { type: 'boolean' },
        'allow-anonymous': { type: 'boolean' },
        'identity-claim': { type: 'string', multiple: true },
        uploads: { type: 'boolean' },
        'no-uploads': { type: 'boolean' },
        'upload-types': { type: 'string' },
        'max-file-size': { type: 'string' },
        'max-files': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  const privateOk = allowPrivate(values['allow-private-webhooks'], io.env);
  const ownConfig = parseConfigFlag(values.config);
  const config = ownConfig ?? (hasUploadFlags(values) ? {} : undefined);
  if (action === 'create') {
    if (positionals.length > 0)
      throw new UsageError(
        `widgets create takes no arguments, got ${JSON.stringify(positionals[0])}`,
      );
    if (!values.name || !values['webhook-url'] || !values.origin?.length) {
      throw new UsageError('widgets create needs --name, --webhook-url and at least one --origin');
    }
    const input = await parseNewWidget(
      {
        name: values.name,
        webhookUrl: values['webhook-url'],
        allowedOrigins: values.origin,
        ...(config ? { config: withUploadFlags(config, values) } : {}),
        ...(values.transcripts ? { transcripts: true } : {}),
      },
      privateOk,
    );
    if (!input.ok) throw new UsageError(input.message);
    const widget = await withStore(values.db, io.env, (store) => store.createWidget(input.value));
    io.stdout(`${widget.id}\n`);
    return 0;
  }
  if (action === 'list') {
    const list = await withStore(values.db, io.env, (store) => store.listWidgets());
    io.stdout(
      `${table(
        ['ID', 'NAME', 'STATE', 'ORIGINS', 'WEBHOOK URL'],
        list.map((w) => [
          w.id,
          w.name,
          w.disabled ? 'disabled' : 'enabled',
          w.allowedOrigins.join(' '),
          w.webhookUrl,
        ]),
      )}\n`,
    );
    return 0;
  }
  if (action === 'update' || action === 'delete' || action === 'identity-secret') {
    const id = positionals[0];
    if (!id || positionals.length > 1)
      throw new UsageError(`widgets ${action} takes exactly one widget id`);
    if (action === 'delete') {
      const deleted = await withStore(values.db, io.env, (store) => store.deleteWidget(id));
      if (!deleted) throw new Error(`no widget with id ${JSON.stringify(plainText(id))}`);
      io.stdout(`deleted ${plainText(id)}\n`);
      return 0;
    }
    if (action === 'identity-secret') {
      const secret = newIdentitySecret();
      const saved = await withStore(values.db, io.env, (store) =>
        store.setIdentitySecret(id, secret),
      );
      if (!saved) throw new Error(`no widget with id ${JSON.stringify(plainText(id))}`);
      io.stdout(`${secret}\n`);
      return 0;
    }
    if (values['require-identity'] && values['allow-anonymous'])
      throw new UsageError('--require-identity and --allow-anonymous cannot be used together');
    if (values.disable && values.enable)
      throw new UsageError('--disable and --enable cannot be used together');
    return withStore(values.db, io.env, async (store) => {
      const current = await store.getWidget(id);
      if (!current) throw new Error(`no widget with id ${JSON.stringify(plainText(id))}`);
      const patch = await parseWidgetPatch(
        {
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values['webhook-url'] !== undefined ? { webhookUrl: values['webhook-url'] } : {}),
          ...originsPatch(values.origin, values['add-origin'], current.allowedOrigins),
          ...(config
            ? { config: withUploadFlags(ownConfig ?? { ...current.config }, values) }
            : {}),
          ...(values.transcripts !== undefined ? { transcripts: values.transcripts } : {}),
          ...(values.disable ? { disabled: true } : values.enable ? { disabled: false } : {}),
          ...identityPatch(values, current.identity),
        },
        privateOk,
        current,
      );
      if (!patch.ok) throw new UsageError(patch.message);
      const updated = await store.updateWidget(id, patch.value);
      io.stdout(
        `updated ${plainText(updated?.id ?? id)}${updated?.disabled ? ' (disabled)' : ''}\n`,
      );
      return 0;
    });
  }
  throw new UsageError(
    action === undefined
      ? 'widgets needs a command: create, list, update, identity-secret or delete'
      : `unknown widgets command ${JSON.stringify(plainText(action))}`,
  );
}

type UploadFlags = {
  uploads?: boolean | undefined;
  'no-uploads'?: boolean | undefined;
  'upload-types'?: string | undefined;
  'max-file-size'?: string | undefined;
  'max-files'?: string | undefined;
};

function hasUploadFlags(values: UploadFlags): boolean {
  return (['uploads', 'no-uploads', 'upload-types', 'max-file-size', 'max-files'] as const).some(
    (flag) => values[flag] !== undefined,
  );
}

/** The upload flags as the widget config's own keys (checked with the rest of the config). */
function withUploadFlags(
  config: Readonly<Record<string, unknown>>,
  values: UploadFlags,
): Record<string, unknown> {
  if (values.uploads && values['no-uploads'])
    throw new UsageError('--uploads and --no-uploads cannot be used together');
  const count = (flag: 'max-file-size' | 'max-files') => {
    const text = values[flag];
    if (text === undefined) return {};
    if (!/^[1-9]\d{0,14}$/.test(text))
      throw new UsageError(`--${flag} must be a positive whole number`);
    return { [flag === 'max-files' ? 'maxFiles' : 'maxFileSize']: Number(text) };
  };
  return {
    ...config,
    ...(values.uploads ? { allowFileUploads: true } : {}),
    ...(values['no-uploads'] ? { allowFileUploads: false } : {}),
    ...(values['upload-types'] !== undefined
      ? { allowedFilesMimeTypes: values['upload-types'] }
      : {}),
    ...count('max-file-size'),
    ...count('max-files'),
  };
}

/** --origin replaces the list; --add-origin appends to it (to the new list when both are given). */
function originsPatch(
  replace: string[] | undefined,
  add: string[] | undefined,
  current: readonly string[],
): { allowedOrigins?: string[] } {
  if (!replace && !add) return {};
  const base = replace ?? [...current];
  return { allowedOrigins: [...base, ...(add ?? []).filter((origin) => !base.includes(origin))] };
}

function identityPatch(
  values: {
    'require-identity'?: boolean | undefined;
    'allow-anonymous'?: boolean | undefined;
    'identity-claim'?: string[] | undefined;
  },
  current: IdentitySettings,
): { identity?: IdentitySettings } {
  const required = values['require-identity']
    ? true
    : values['allow-anonymous']
      ? false
      : undefined;
  const claims = values['identity-claim'];
  if (required === undefined && claims === undefined) return {};
  return { identity: { required: required ?? current.required, claims: claims ?? current.claims } };
}

const fmtMs = (value: number | null) => (value === null ? '-' : `${Math.round(value)}ms`);
const fmtPct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

function reportRows(report: WidgetReport): (string | number)[][] {
  return report.days.map((d) => [
    d.day,
    d.sessions,
    d.messages,
    d.responses,
    d.errors,
    fmtMs(d.latencyP50),
    fmtMs(d.latencyP95),
    fmtPct(d.errorRate),
    fmtPct(d.openRate),
    d.starterPrompts,
    d.buttonsChosen,
    d.feedbackUp,
    d.feedbackDown,
    fmtPct(d.feedbackRate),
  ]);
}

async function report(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      options: { ...common, from: { type: 'string' }, to: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('report takes at most one widget id');
  const range = parseDayRange(values.from, values.to);
  if (!range.ok) throw new UsageError(range.message);
  return withStore(values.db, io.env, async (store) => {
    const id = positionals[0];
    const headers = [
      'DAY',
      'SESSIONS',
      'MESSAGES',
      'RESPONSES',
      'ERRORS',
      'P50',
      'P95',
      'ERROR RATE',
      'OPEN RATE',
      'PROMPTS',
      'BUTTONS',
      'UP',
      'DOWN',
      'UP RATE',
    ];
    if (id) {
      const widget = await store.getWidget(id);
      if (!widget) throw new Error(`no widget with id ${JSON.stringify(plainText(id))}`);
      const result = await store.report(widget.id, range.fromMs, range.toMs);
      const t = result.totals;
      io.stdout(
        `${plainText(widget.name)} (${widget.id}) ${result.from} to ${result.to}\n${table(headers, [
          ...reportRows(result),
          [
            'total',
            t.sessions,
            t.messages,
            t.responses,
            t.errors,
            fmtMs(t.latencyP50),
            fmtMs(t.latencyP95),
            fmtPct(t.errorRate),
            fmtPct(t.openRate),
            t.starterPrompts,
            t.buttonsChosen,
            t.feedbackUp,
            t.feedbackDown,
            fmtPct(t.feedbackRate),
          ],
        ])}\n`,
      );
      return 0;
    }
    const list = await store.listWidgets();
    const rows: (string | number)[][] = [];
    for (const widget of list) {
      const t = (await store.report(widget.id, range.fromMs, range.toMs)).totals;
      rows.push([
        widget.id,
        widget.name,
        t.sessions,
        t.messages,
        t.errors,
        fmtMs(t.latencyP50),
        fmtMs(t.latencyP95),
        fmtPct(t.errorRate),
        fmtPct(t.openRate),
        t.feedbackUp,
        t.feedbackDown,
        fmtPct(t.feedbackRate),
      ]);
    }
    io.stdout(
      `${table(['ID', 'NAME', 'SESSIONS', 'MESSAGES', 'ERRORS', 'P50', 'P95', 'ERROR RATE', 'OPEN RATE', 'UP', 'DOWN', 'UP RATE'], rows)}\n`,
    );
    return 0;
  });
}
