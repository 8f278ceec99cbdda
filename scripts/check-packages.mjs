#!/usr/bin/env node
// Packaging guard for every public package under packages/: builds it (tsup), then runs
// `publint --strict` and `attw --pack` on what `npm pack` would publish.
// A public package whose main export has no `source` file yet is reported and skipped (it is still
// being written).
// Builds run one after another (a package builds against the ones before it); each package's
// publint and attw run beside the next builds, and the report is printed in package order.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const problems = [];
const skipped = [];
let checked = 0;

/** Runs a command; resolves to its report line (and its output when it failed). */
function run(label, cmd, args, cwd) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const finish = (ok, why) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      let report = `  ${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds}s)`;
      if (!ok) {
        report += `\n${output.trim().replace(/^/gm, '       ')}`;
        problems.push(`${label}: ${why}`);
      }
      resolve({ ok, report });
    };
    child.on('error', (error) => finish(false, error.message));
    child.on('close', (code) => finish(code === 0, `exit ${code}`));
  });
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

const reports = [];
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  const file = join(pkgDir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (pkg.private) continue;
  const lines = [pkg.name];
  reports.push(lines);
  const source = pkg.exports?.['.']?.source;
  if (typeof source !== 'string' || !existsSync(join(pkgDir, source))) {
    lines.push('  skipped: no source entry yet');
    skipped.push(pkg.name);
    continue;
  }
  checked++;
  if (!pkg.scripts?.build) {
    problems.push(`${pkg.name}: no "build" script`);
    lines.push('  FAIL no "build" script');
    continue;
  }
  const build = await run(`${pkg.name} build`, 'pnpm', ['run', '--silent', 'build'], pkgDir);
  lines.push(build.report);
  if (!build.ok) continue;
  const checks = Promise.all([
    run(`${pkg.name} publint --strict`, bin('publint'), ['--strict'], pkgDir),
    run(
      `${pkg.name} attw --pack`,
      bin('attw'),
      ['--pack', '.', '--format', 'table-flipped', ...attwExcludes(pkg, pkgDir)],
      pkgDir,
    ),
  ]);
  lines.push(checks.then((results) => results.map((r) => r.report)));
}
for (const lines of reports) {
  for (const line of lines) for (const text of [await line].flat()) console.log(text);
}

console.log(
  `\n${checked} package(s) checked${skipped.length ? `, skipped (no entry yet): ${skipped.join(', ')}` : ''}`,
);
if (problems.length > 0) {
  console.error(`packaging problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
