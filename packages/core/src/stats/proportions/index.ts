/** Exact and asymptotic inference for proportions, reproducing R's binom.test, prop.test and fisher.test. */
export type { Alternative } from './alternative.ts';
export {
  type BinomialTestOptions,
  type BinomialTestResult,
  binomialTest,
} from './binomial-test.ts';
export {
  type ClopperPearsonInterval,
  type ClopperPearsonOptions,
  clopperPearsonInterval,
} from './clopper-pearson-interval.ts';
export {
  type FisherExactTestOptions,
  type FisherExactTestResult,
  fisherExactTest,
} from './fisher-exact-test.ts';
export {
  type ProportionTestOptions,
  type ProportionTestResult,
  proportionTest,
} from './proportion-test.ts';
