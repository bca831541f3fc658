/** Statistics: numbers in, numbers out. Knows nothing of patients (house-style.md). */
export * from './descriptive/index.ts';
export * from './distributions/index.ts';
export * from './meta-analysis/index.ts';
export * from './proportions/index.ts';
export * from './survival/index.ts';
