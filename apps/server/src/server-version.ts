/** The server package's version, for the `software` block of results and reports (read once). */
import { readFileSync } from 'node:fs';

let version: string | null = null;

export function serverVersion(): string {
  if (version === null) {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    version =
      typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string'
        ? parsed.version
        : 'unknown';
  }
  return version;
}
