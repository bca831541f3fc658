import { expectClose, readGolden, readGoldenText } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CoxConcordance, coxConcordance } from './cox-concordance.ts';

interface GoldenCox {
  readonly terms: readonly string[];
  readonly coef: readonly number[];
  readonly concordance: { readonly C: number; readonly se: number };
}

function parseCsv(name: string): ReadonlyArray<Readonly<Record<string, string>>> {
  const [header, ...lines] = readGoldenText(name).trim().split('\n');
  const columns = (header ?? '').split(',').map((cell) => cell.replace(/"/g, ''));
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/"/g, ''));
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? 'NA']));
  });
}

/** O(n²) definition of survival's concordancefit(reverse = TRUE), for checking the Fenwick version. */
function bruteForceConcordance(
  time: readonly number[],
  event: readonly number[],
  risk: readonly number[],
  weights: readonly number[],
): CoxConcordance {
  const n = time.length;
  const difference = new Array<number>(n).fill(0);
  const comparable = new Array<number>(n).fill(0);
  let larger = 0;
  let smaller = 0;
  let tiedRisk = 0;
  let tiedTime = 0;
  let tiedBoth = 0;
  for (let i = 0; i < n; i += 1) {
    if (event[i] !== 1) continue;
    for (let j = 0; j < n; j += 1) {
      if (j === i) continue;
      const ti = time[i] as number;
      const tj = time[j] as number;
      const wi = weights[i] as number;
      const wj = weights[j] as number;
      if (tj === ti && event[j] === 1) {
        if (j > i) {
          if (risk[j] === risk[i]) tiedBoth += wi * wj;
          else tiedTime += wi * wj;
        }
        continue;
      }
      if (!(tj > ti || (tj === ti && event[j] === 0))) continue;
      const sign = Math.sign((risk[j] as number) - (risk[i] as number));
      if (sign > 0) larger += wi * wj;
      else if (sign < 0) smaller += wi * wj;
      else tiedRisk += wi * wj;
      difference[i] = (difference[i] as number) + sign * wj;
      difference[j] = (difference[j] as number) + sign * wi;
      comparable[i] = (comparable[i] as number) + wj;
      comparable[j] = (comparable[j] as number) + wi;
    }
  }
  const counts = {
    concordant: smaller,
    discordant: larger,
    tiedOnRisk: tiedRisk,
    tiedOnTime: tiedTime,
    tiedOnTimeAndRisk: tiedBoth,
  };
  const pairs = larger + smaller + tiedRisk;
  if (pairs === 0) return { c: null, se: null, counts };
  const somers = (larger - smaller) / pairs;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    const dfbeta =
      (weights[i] as number) * ((difference[i] as number) / pairs - (somers / pairs) * (comparable[i] as number));
    sum += dfbeta * dfbeta;
  }
  return { c: 1 - (somers + 1) / 2, se: Math.sqrt(sum / 4), counts };
}

describe('coxConcordance', () => {
  it("matches R's C and IJ se when the risk score is lung's age + sex linear predictor", () => {
    const lung = parseCsv('lung.csv');
    const [golden] = readGolden<{ cox: GoldenCox[] }>('lung.json').cox;
    if (golden === undefined) throw new Error('lung.json has no cox entry');
    const [ageCoef, sexCoef] = golden.coef as [number, number];
    const result = coxConcordance({
      time: lung.map((row) => Number(row['time'])),
      event: lung.map((row) => Number(row['status'])),
      riskScore: lung.map((row) => Number(row['age']) * ageCoef + Number(row['sex']) * sexCoef),
    });
    expectClose(result.c, golden.concordance.C, { rel: 1e-12, label: 'C' });
    expectClose(result.se, golden.concordance.se, { rel: 1e-12, label: 'se' });
  });

  it("matches R's C and IJ se when the score is Musto's type (tied scores, monotone-likelihood fit)", () => {
    const musto = readGolden<{
      cohort: { os_months: number[]; os_event: number[]; type: string[] };
      os: { cox_type_efron: GoldenCox };
    }>('musto2007.json');
    const result = coxConcordance({
      time: musto.cohort.os_months,
      event: musto.cohort.os_event,
      riskScore: musto.cohort.type.map((type) => (type === 'S' ? 1 : 0)),
    });
    expectClose(result.c, musto.os.cox_type_efron.concordance.C, { rel: 1e-12, label: 'C' });
    expectClose(result.se, musto.os.cox_type_efron.concordance.se, { rel: 1e-12, label: 'se' });
    expect(result.counts).toEqual({
      concordant: 17,
      discordant: 0,
      tiedOnRisk: 6,
      tiedOnTime: 0,
      tiedOnTimeAndRisk: 0,
    });
  });

  it('gives c = 1 when the higher score always fails first', () => {
    expect(coxConcordance({ time: [1, 2, 3], event: [1, 1, 0], riskScore: [3, 2, 1] }).c).toBe(1);
  });

  it('counts a subject censored at an event time as still at risk', () => {
    // The censored subject at t = 2 is comparable with the death at t = 2; tied deaths are not.
    const result = coxConcordance({ time: [2, 2, 2], event: [1, 0, 1], riskScore: [2, 1, 3] });
    expect(result.counts).toEqual({
      concordant: 2,
      discordant: 0,
      tiedOnRisk: 0,
      tiedOnTime: 1,
      tiedOnTimeAndRisk: 0,
    });
  });

  it('merges near-tied times when timefix is on and keeps them apart when it is off', () => {
    const data = { time: [1, 1 + 1e-12, 3], event: [1, 1, 0], riskScore: [1, 2, 0] };
    expect(coxConcordance(data).counts.tiedOnTime).toBe(1);
    expect(coxConcordance(data, { timefix: false }).counts.tiedOnTime).toBe(0);
  });

  it('returns null C and se when no pair is comparable', () => {
    const result = coxConcordance({ time: [1, 2], event: [0, 0], riskScore: [1, 2] });
    expect([result.c, result.se]).toEqual([null, null]);
  });

  it('agrees with the O(n²) definition when times, scores and weights are random with ties', () => {
    const sample = fc.integer({ min: 2, max: 40 }).chain((n) =>
      fc.record({
        time: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: n, maxLength: n }),
        event: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
        risk: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
        weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(sample, ({ time, event, risk, weights }) => {
        const fast = coxConcordance({ time, event, riskScore: risk }, { weights });
        const slow = bruteForceConcordance(time, event, risk, weights);
        expect(fast.counts).toEqual(slow.counts);
        expectClose(fast.c, slow.c, { rel: 1e-13, label: 'C' });
        expectClose(fast.se, slow.se, { rel: 1e-12, label: 'se' });
      }),
      { seed: 20240601, numRuns: 100 },
    );
  });
});
