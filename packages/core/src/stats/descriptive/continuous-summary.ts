/**
 * Summary of a continuous variable as a clinical Table 1 prints it: n, median (range) and mean.
 * Missing values are excluded and counted.
 */
import { sampleMean } from './sample-mean.ts';
import { sampleMedian } from './sample-median.ts';

export interface ContinuousSummary {
  readonly n: number;
  readonly missing: number;
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

export function summariseContinuous(values: ReadonlyArray<number | null>): ContinuousSummary {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return {
    n: present.length,
    missing: values.length - present.length,
    median: sampleMedian(present),
    min: present.length > 0 ? Math.min(...present) : null,
    max: present.length > 0 ? Math.max(...present) : null,
    mean: sampleMean(present),
  };
}
