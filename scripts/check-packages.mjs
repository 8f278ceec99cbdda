#!/usr/bin/env node
// Packaging guard for every public package under packages/: builds it (tsup), then runs
// `publint --strict` and `attw --pack` on what `npm pack` would publish.
// A public package whose main export has no `source` file yet is reported and skipped (it is still
// being written).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const problems = [];
const skipped = [];
let checked = 0;

function run(label, cmd, args, cwd) {
  const t0 = Date.now();
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const ms = Date.now() - t0;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  const ok = result.status === 0;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label} (${(ms / 1000).toFixed(1)}s)`);
  if (!ok) {
    console.log(output.replace(/^/gm, '       '));
    problems.push(`${label}: ${result.error?.message ?? `exit ${result.status}`}`);
  }
  return ok;
}

/** Stylesheets in `exports` are files, not modules with types: attw skips them. */
function attwExcludes(pkg, pkgDir) {
  const exclude = new Set();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target === 'string' && target.endsWith('.css')) exclude.add(subpath);
  }
  // attw reads .attw.json itself, but a command-line list would replace its list: merge them.
  const config = join(pkgDir, '.attw.json');
  if (existsSync(config)) {
    for (const entry of JSON.parse(readFileSync(config, 'utf8')).excludeEntrypoints ?? []) {
      exclude.add(entry);
    }
  }
  return exclude.size > 0 ? ['--exclude-entrypoints', ...exclude] : [];
}

for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  const file = join(pkgDir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (pkg.private) continue;
  console.log(`${pkg.name}`);
  const source = pkg.exports?.['.']?.source;
  if (typeof source !== 'string' || !existsSync(join(pkgDir, source))) {
    console.log('  skipped: no source entry yet');
    skipped.push(pkg.name);
    continue;
  }
  checked++;
  if (!pkg.scripts?.build) {
    problems.push(`${pkg.name}: no "build" script`);
    console.log('  FAIL no "build" script');
    continue;
  }
  if (!run(`${pkg.name} build`, 'pnpm', ['run', '--silent', 'build'], pkgDir)) continue;
  run(`${pkg.name} publint --strict`, bin('publint'), ['--strict'], pkgDir);
  run(
    `${pkg.name} attw --pack`,
    bin('attw'),
    ['--pack', '.', '--format', 'table-flipped', ...attwExcludes(pkg, pkgDir)],
    pkgDir,
  );
}

console.log(
  `\n${checked} package(s) checked${skipped.length ? `, skipped (no entry yet): ${skipped.join(', ')}` : ''}`,
);
if (problems.length > 0) {
  console.error(`packaging problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
