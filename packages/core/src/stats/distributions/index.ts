/** Distribution functions written from published algorithms and validated against R (no runtime dependencies). */
export { betaCdf } from './beta-cdf.ts';
export { betaQuantile } from './beta-quantile.ts';
export { betaUpperTail } from './beta-upper-tail.ts';
export { binomialCdf } from './binomial-cdf.ts';
export { binomialDensity } from './binomial-density.ts';
export { binomialUpperTail } from './binomial-upper-tail.ts';
export { chiSquareUpperTail } from './chi-square-upper-tail.ts';
export { type HypergeometricUrn, hypergeometricLogDensity } from './hypergeometric-log-density.ts';
export { normalCdf } from './normal-cdf.ts';
export { normalQuantile } from './normal-quantile.ts';
export { normalUpperTail } from './normal-upper-tail.ts';
