#!/usr/bin/env node
// The cwp-server command. Installed from npm it runs the build (dist/cli.js). In a checkout of the
// repository (tsconfig.json is not published) it runs the TypeScript source through tsx, so
// `npx cwp-server …` works on a fresh clone without a build and never runs a stale one.
import { existsSync } from 'node:fs';

const here = (path) => new URL(path, import.meta.url);
const checkout = existsSync(here('../tsconfig.json')) && existsSync(here('../src/cli.ts'));

async function runSource() {
  let api;
  try {
    api = await import('tsx/esm/api');
  } catch {
    return false;
  }
  api.register();
  // The workspace packages (@cwp/core) resolve to their TypeScript source, as with --conditions source.
  const { register } = await import('node:module');
  register(
    'data:text/javascript,export function resolve(s,c,n){return n(s,{...c,conditions:[...c.conditions,"source"]})}',
  );
  await import(here('../src/cli.ts').href);
  return true;
}

if (!(checkout && (await runSource()))) {
  if (!existsSync(here('../dist/cli.js'))) {
    process.stderr.write(
      'cwp-server: dist/cli.js is missing; build it with `pnpm --filter @cwp/server build`\n',
    );
    process.exit(1);
  }
  await import(here('../dist/cli.js').href);
}
