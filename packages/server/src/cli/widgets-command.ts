import { parseArgs } from 'node:util';
import { newIdentitySecret } from '../security/identity-token.js';
import { parseNewWidget, parseWidgetPatch } from '../widget-input.js';
import {
  allowPrivateWebhooks,
  type CliIo,
  commonOptions,
  noSuchWidget,
  withStore,
} from './command-context.js';
import { plainText, table } from './terminal-text.js';
import { parseCommandLine, UsageError, usage } from './usage.js';
import {
  hasUploadFlags,
  identityPatch,
  originsPatch,
  parseConfigFlag,
  withUploadFlags,
} from './widget-flags.js';

/** `cwp-server widgets create|list|update|identity-secret|delete`. */
export async function widgets(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseCommandLine(() =>
    parseArgs({
      args: rest,
      options: {
        ...commonOptions,
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
  const privateOk = allowPrivateWebhooks(values['allow-private-webhooks'], io.env);
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
      if (!deleted) throw noSuchWidget(id);
      io.stdout(`deleted ${plainText(id)}\n`);
      return 0;
    }
    if (action === 'identity-secret') {
      const secret = newIdentitySecret();
      const saved = await withStore(values.db, io.env, (store) =>
        store.setIdentitySecret(id, secret),
      );
      if (!saved) throw noSuchWidget(id);
      io.stdout(`${secret}\n`);
      return 0;
    }
    if (values['require-identity'] && values['allow-anonymous'])
      throw new UsageError('--require-identity and --allow-anonymous cannot be used together');
    if (values.disable && values.enable)
      throw new UsageError('--disable and --enable cannot be used together');
    return withStore(values.db, io.env, async (store) => {
      const current = await store.getWidget(id);
      if (!current) throw noSuchWidget(id);
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
