/**
 * File writing that never leaves half a result: everything is written to a temporary sibling and
 * renamed into place, so a failure midway leaves the previous content untouched.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (apps/cli/src → ../../..), for locating shipped examples from any cwd. */
export const installRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function readPackageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(installRoot, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

/** Writes one file atomically (temporary file in the same directory, then rename). */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, content, mode === undefined ? {} : { mode });
  renameSync(temporary, path);
}

/**
 * Writes a set of files as one directory: built in a temporary sibling directory, then swapped in
 * for `directory` (the old content is removed only after the new one is complete).
 */
export function writeDirectoryAtomic(directory: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const target = resolve(directory);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.staging-`));
  try {
    chmodSync(staging, 0o755);
    for (const [relative, content] of files) {
      const path = join(staging, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    const previous = `${staging}.previous`;
    let hadPrevious = false;
    try {
      renameSync(target, previous);
      hadPrevious = true;
    } catch {
      // no previous output
    }
    renameSync(staging, target);
    if (hadPrevious) rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
