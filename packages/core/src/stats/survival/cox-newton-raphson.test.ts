import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { fitCoxNewtonRaphson } from './cox-newton-raphson.ts';
import { coxTimeGroups } from './cox-time-groups.ts';

const control = { epsilon: 1e-9, cholTolerance: 2 ** (-52 * 0.75), maxIterations: 20 } as const;

/** Sorts one-covariate data by time, censored before events, as `coxTimeGroups` does. */
function sortedData(time: readonly number[], event: readonly number[], x: readonly number[]) {
  const groups = coxTimeGroups(time, Uint8Array.from(event), true);
  const covariates = new Float64Array(x.length);
  x.forEach((value, i) => {
    covariates[groups.position[i] as number] = value;
  });
  return {
    groupStart: groups.groupStart,
    eventStart: groups.eventStart,
    weights: null,
    covariates,
    variableCount: 1,
    isCentered: [!x.every((value) => value === 0 || value === 1 || value === -1)],
  };
}

describe('fitCoxNewtonRaphson', () => {
  it("retraces R's step-halving path to the same diverged β when the likelihood is monotone (musto2007 OS)", () => {
    // Not a result to report (coxRegression nulls it): the bit-level agreement pins the iteration port.
    const musto = readGolden<{
      cohort: { os_months: number[]; os_event: number[]; type: string[] };
      os: { cox_type_efron: { coef: number[]; var: number[][]; iter: number; loglik: number } };
    }>('musto2007.json');
    const golden = musto.os.cox_type_efron;
    const fit = fitCoxNewtonRaphson(
      sortedData(
        musto.cohort.os_months,
        musto.cohort.os_event,
        musto.cohort.type.map((type) => (type === 'S' ? 1 : 0)),
      ),
      { ties: 'efron', ...control },
    );
    expect(fit.iterations).toBe(golden.iter);
    expect(fit.flag).not.toBe(1000);
    expectClose(fit.coefficients[0], golden.coef[0], { rel: 1e-12, label: 'diverged coef' });
    expectClose(fit.variance[0], golden.var[0]?.[0], { rel: 1e-12, label: 'diverged var' });
    expectClose(fit.loglikFinal, golden.loglik, { rel: 1e-14, label: 'loglik' });
  });

  it('gives identical Efron and Breslow fits when no event times are tied', () => {
    const data = sortedData(
      [1, 2, 3, 4, 5, 6, 7, 8],
      [1, 0, 1, 1, 0, 1, 1, 0],
      [0.3, 1.2, 0.8, 2.2, 0.1, 1.7, 0.5, 1.1],
    );
    const efron = fitCoxNewtonRaphson(data, { ties: 'efron', ...control });
    const breslow = fitCoxNewtonRaphson(data, { ties: 'breslow', ...control });
    expect(efron.coefficients[0]).toBe(breslow.coefficients[0]);
    expect(efron.loglikFinal).toBe(breslow.loglikFinal);
  });

  it('returns the null-model values and no iterations when maxIterations is 0', () => {
    const data = sortedData([1, 2, 3, 4], [1, 1, 0, 1], [0, 1, 0, 1]);
    const fit = fitCoxNewtonRaphson(data, { ties: 'efron', ...control, maxIterations: 0 });
    expect(fit.iterations).toBe(0);
    expect(fit.coefficients[0]).toBe(0);
    expect(fit.loglikFinal).toBe(fit.loglikNull);
  });
});
