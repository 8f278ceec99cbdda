#!/usr/bin/env node
// Bundle-size budgets: bundles each entry of size-budgets.json the way an app would (esbuild,
// minified, browser, ES2022, tree-shaken, every dependency bundled, `source` condition so no build
// is needed), prints raw/gzip/brotli sizes and fails when a brotli size is over its budget. An
// entry's `external` list leaves those packages out (a renderer's own code, without its framework
// and core). An entry with `files` instead of `code` bundles each snippet on its own and sums them:
// scripts shipped separately, like the embed's loader and the rest it loads, whose shared modules
// are downloaded twice unless the file is `{ code, sharedFromLoader: true }` (the embed's rest, which
// reads what the loader publishes; scripts/lib/shared-from-loader.ts). An entry with
// `sharedFromRuntime` is one of the embed's feature scripts, which read what the rest publishes.
// Svelte and Solid components compile with the repo's esbuild plugins, hence tsx.
//   tsx scripts/check-size.mjs            check budgets
//   tsx scripts/check-size.mjs --report   also write bench/results/size.json
//   tsx scripts/check-size.mjs --why      also list the biggest inputs of each bundle
//   tsx scripts/check-size.mjs --libraries   also what each prescribed library costs in the floating
//                                            widget total (the total bundled without it, subtracted)
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';
import { frameworkPlugins } from './lib/framework-plugins.ts';
import { sharedFromLoaderPlugin, sharedFromRuntimePlugin } from './lib/shared-from-loader.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = process.argv.includes('--report');
const why = process.argv.includes('--why');
const libraries = process.argv.includes('--libraries');
const prescribedLibraries = ['xstate', '@xstate/store', 'valibot', 'ky'];

/** A node_modules folder holding every workspace package, so snippets can import `@cwp/*`. */
function workspaceModules() {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-size-'));
  const scope = join(dir, 'node_modules', '@cwp');
  mkdirSync(scope, { recursive: true });
  for (const name of readdirSync(join(root, 'packages'))) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const short = pkg.name?.startsWith('@cwp/') ? pkg.name.slice(5) : null;
    if (short) symlinkSync(join(root, 'packages', name), join(scope, short), 'dir');
  }
  return dir;
}

/** An entry with `files`: each snippet bundled on its own (as separately shipped scripts), summed. */
async function measureFiles(entry, nodePath) {
  const total = { raw: 0, gzip: 0, brotli: 0, inputs: [] };
  for (const file of entry.files) {
    const {
      code,
      sharedFromLoader = false,
      sharedFromRuntime = false,
    } = typeof file === 'string' ? { code: file } : file;
    const sizes = await measure({ ...entry, code, sharedFromLoader, sharedFromRuntime }, nodePath);
    for (const key of ['raw', 'gzip', 'brotli']) total[key] += sizes[key];
    total.inputs.push(...sizes.inputs);
  }
  total.inputs = total.inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 8);
  return total;
}

async function measure(entry, nodePath) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    nodePaths: [nodePath],
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Setting conditions drops esbuild's default 'module'; without it xstate resolves to its CJS build.
    conditions: ['source', 'svelte', 'module'],
    external: entry.external ?? [],
    plugins: [
      ...frameworkPlugins(),
      ...(entry.sharedFromLoader ? [sharedFromLoaderPlugin()] : []),
      ...(entry.sharedFromRuntime ? [sharedFromRuntimePlugin()] : []),
    ],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: why,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const sizes = {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length,
  };
  const inputs = why
    ? Object.entries(
        result.metafile.outputs['<stdout>']?.inputs ??
          Object.values(result.metafile.outputs)[0].inputs,
      )
        .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 8)
    : [];
  return { ...sizes, inputs };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);

async function printLibraryCosts(modules) {
  const entry = budgets.entries.find((e) => e.name.startsWith('dom: floating widget total'));
  const all = await measure(entry, modules);
  console.log(`${entry.name}: ${kb(all.brotli)} brotli; what each library costs in it:`);
  for (const external of [...prescribedLibraries.map((lib) => [lib]), prescribedLibraries]) {
    const without = await measure({ ...entry, external }, modules);
    console.log(`  ${padL(kb(all.brotli - without.brotli), 9)}  ${external.join(' + ')}`);
  }
}

const budgets = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8'));
const nodePath = workspaceModules();
const rows = [];
let failed = 0;
try {
  for (const entry of budgets.entries) {
    try {
      const modules = join(nodePath, 'node_modules');
      const sizes = entry.files
        ? await measureFiles(entry, modules)
        : await measure(entry, modules);
      const ok = sizes.brotli <= entry.budgetBrotli;
      if (!ok) failed++;
      rows.push({ name: entry.name, ...sizes, budgetBrotli: entry.budgetBrotli, ok });
    } catch (error) {
      failed++;
      rows.push({
        name: entry.name,
        error: error.message,
        budgetBrotli: entry.budgetBrotli,
        ok: false,
      });
    }
  }
  if (libraries) await printLibraryCosts(join(nodePath, 'node_modules'));
} finally {
  rmSync(nodePath, { recursive: true, force: true });
}

const width = Math.max(5, ...rows.map((r) => r.name.length));
console.log(
  `${pad('entry', width)}  ${padL('raw', 10)}  ${padL('gzip', 10)}  ${padL('brotli', 10)}  ${padL('budget', 10)}`,
);
for (const r of rows) {
  if (r.error) {
    console.log(`${pad(r.name, width)}  ERROR: ${r.error.split('\n')[0]}`);
    continue;
  }
  console.log(
    `${pad(r.name, width)}  ${padL(kb(r.raw), 10)}  ${padL(kb(r.gzip), 10)}  ${padL(kb(r.brotli), 10)}  ${padL(kb(r.budgetBrotli), 10)}  ${r.ok ? 'ok' : `OVER by ${r.brotli - r.budgetBrotli} B`}`,
  );
  for (const input of r.inputs) console.log(`    ${padL(input.bytes, 8)} B  ${input.path}`);
}

if (report) {
  const file = join(root, 'bench', 'results', 'size.json');
  mkdirSync(dirname(file), { recursive: true });
  const data = {
    date: new Date().toISOString(),
    node: process.version,
    esbuild: esbuildVersion,
    settings:
      "esbuild minify, esm, browser, es2022, tree-shaken, all deps bundled but an entry's external list; gzip -9, brotli q11",
    entries: rows.map(({ inputs, ...r }) => r),
  };
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

if (failed > 0) {
  console.error(`${failed} size budget(s) failed`);
  process.exit(1);
}
