export { type ContinuousSummary, summariseContinuous } from './continuous-summary.ts';
export { sampleMean } from './sample-mean.ts';
export { sampleMedian } from './sample-median.ts';
