/**
 * Committed expectations of the conformance suite: one JSON file per widget type and state in
 * `e2e/goldens/`, written from the DOM renderer with `UPDATE_GOLDENS=1`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const goldensDir = join(import.meta.dirname, '..', 'goldens');

/** Set: the reference rows write their goldens instead of comparing with them. */
export const updatingGoldens = process.env.UPDATE_GOLDENS === '1';

export const goldenPath = (name: string) => join(goldensDir, `${name}.json`);

/** The committed golden, or undefined when there is none yet. */
export function readGolden(name: string): unknown {
  const path = goldenPath(name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

export function writeGolden(name: string, value: unknown): void {
  mkdirSync(goldensDir, { recursive: true });
  writeFileSync(goldenPath(name), `${JSON.stringify(value, null, 2)}\n`);
}
