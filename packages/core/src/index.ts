export * from './analyses/index.ts';
export * from './domain/index.ts';
export * from './rules/index.ts';
export * from './stats/index.ts';
