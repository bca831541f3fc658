/**
 * The benchmark's synthetic survival data (statistics-reference.md §11): group ~ Bernoulli(0.5),
 * exponential event times with rate 0.07 (group 1) or 0.10 (group 0), exponential censoring with
 * rate 0.035, times rounded up to 0.01. A seeded xoshiro128** stream of our own, not R's Mersenne
 * Twister: both sides read the same CSV, so only the recipe, not the draws, has to match R's.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const benchmarkSeed = 20240601;

/** Uniform doubles in [0, 1) with 53 random bits, from xoshiro128** seeded by splitmix32. */
export function createUniformSource(seed: number): () => number {
  let state = seed >>> 0;
  const splitmix32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  const next = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

export interface SyntheticSurvivalData {
  readonly time: Float64Array;
  readonly status: Float64Array;
  readonly group: Float64Array;
}

/** n subjects by the §11 recipe; the same seed and n give the same data. */
export function generateSurvivalData(n: number, seed = benchmarkSeed): SyntheticSurvivalData {
  const uniform = createUniformSource(seed);
  const time = new Float64Array(n);
  const status = new Float64Array(n);
  const group = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const isGroupOne = uniform() < 0.5;
    // Inversion: −log(1 − U)/rate, with 1 − U in (0, 1].
    const eventTime = -Math.log1p(-uniform()) / (isGroupOne ? 0.07 : 0.1);
    const censorTime = -Math.log1p(-uniform()) / 0.035;
    group[i] = isGroupOne ? 1 : 0;
    time[i] = Math.ceil(Math.min(eventTime, censorTime) * 100) / 100;
    status[i] = eventTime <= censorTime ? 1 : 0;
  }
  return { time, status, group };
}

/** Writes `time,status,group` rows (shortest round-trip decimals, so R reads the same doubles). */
export function writeSurvivalCsv(path: string, data: SyntheticSurvivalData): void {
  const file = openSync(path, 'w');
  try {
    writeSync(file, 'time,status,group\n');
    const block = 100_000;
    for (let start = 0; start < data.time.length; start += block) {
      const end = Math.min(start + block, data.time.length);
      const lines = new Array<string>(end - start);
      for (let i = start; i < end; i += 1) lines[i - start] = `${data.time[i]},${data.status[i]},${data.group[i]}`;
      writeSync(file, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(file);
  }
}
