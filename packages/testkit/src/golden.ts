/**
 * Loads R's golden outputs (test-data/golden) for tests. R writes non-finite numbers as the strings
 * "NA", "NaN", "Inf" and "-Inf"; they are turned into null, NaN, Infinity and -Infinity here so a
 * test compares numbers with numbers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const goldenDirectory = join(repositoryRoot, 'test-data', 'golden');

const nonFinite: Readonly<Record<string, number | null>> = {
  NA: null,
  NaN: Number.NaN,
  Inf: Number.POSITIVE_INFINITY,
  '-Inf': Number.NEGATIVE_INFINITY,
};

/** Golden JSON value after R's non-finite strings have become numbers (or null for NA). */
export type GoldenValue = number | string | boolean | null | GoldenValue[] | { [key: string]: GoldenValue };

export function reviveRNumbers(value: unknown): GoldenValue {
  if (typeof value === 'string') {
    return value in nonFinite ? (nonFinite[value] ?? null) : value;
  }
  if (Array.isArray(value)) return value.map(reviveRNumbers);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, GoldenValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = reviveRNumbers(inner);
    return out;
  }
  return value as number | boolean | null;
}

/** Reads `test-data/golden/<name>` (a .json file) with R's non-finite strings revived. */
export function readGolden<T = GoldenValue>(name: string): T {
  const text = readFileSync(join(goldenDirectory, name), 'utf8');
  return reviveRNumbers(JSON.parse(text)) as T;
}

/** Reads a golden CSV file as text. */
export function readGoldenText(name: string): string {
  return readFileSync(join(goldenDirectory, name), 'utf8');
}
