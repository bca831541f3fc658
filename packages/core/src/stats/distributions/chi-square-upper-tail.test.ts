import { expectClose, type GoldenValue, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail } from './chi-square-upper-tail.ts';

const golden = readGolden<{ chisq_upper: { x: number[]; df: number[]; upper: number[] } }>(
  'distributions.json',
).chisq_upper;

interface ChiSquareCase {
  readonly where: string;
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/** Every {chisq|stat, df, p} triple in a golden file: log-rank tests and Cox LR/Wald/score tests. */
function collectChiSquareCases(value: GoldenValue, where: string, into: ChiSquareCase[]): ChiSquareCase[] {
  if (Array.isArray(value)) {
    value.forEach((inner, i) => {
      collectChiSquareCases(inner, `${where}[${i}]`, into);
    });
  } else if (value !== null && typeof value === 'object') {
    const statistic = value['chisq'] ?? value['stat'];
    const df = value['df'];
    const p = value['p'];
    if (typeof statistic === 'number' && typeof df === 'number' && typeof p === 'number') {
      into.push({ where, statistic, df, p });
    }
    for (const [key, inner] of Object.entries(value)) collectChiSquareCases(inner, `${where}.${key}`, into);
  }
  return into;
}

describe('chiSquareUpperTail', () => {
  it('gives the Musto 2007 PFS log-rank p when chisq is 3.261756955919789 on 1 df', () => {
    expectClose(chiSquareUpperTail(3.261756955919789, 1), 0.07091310902110001, { rel: 1e-14, label: 'p' });
  });

  it('matches every log-rank and Cox test p in the survival goldens to 1e-13 relative', () => {
    const files = ['aml.json', 'lung.json', 'veteran.json', 'ovarian.json', 'edge_cases.json', 'musto2007.json'];
    const cases = files.flatMap((file) => collectChiSquareCases(readGolden(file), file, []));
    expect(cases.length).toBeGreaterThan(40);
    expect(cases.some((c) => c.df === 3)).toBe(true);
    for (const c of cases) {
      expectClose(chiSquareUpperTail(c.statistic, c.df), c.p, { rel: 1e-13, label: `${c.where} (df ${c.df})` });
    }
  });

  it('matches R pchisq(lower.tail = FALSE) to 1e-13 relative on the distributions.json grid', () => {
    golden.x.forEach((x, i) => {
      const df = golden.df[i] ?? Number.NaN;
      expectClose(chiSquareUpperTail(x, df), golden.upper[i], { rel: 1e-13, label: `pchisq(${x}, ${df})` });
    });
  });

  it('keeps 1e-14 relative accuracy when p is about 1e-10', () => {
    const i = golden.x.findIndex((x, j) => x === 41.82 && golden.df[j] === 1);
    expect(golden.upper[i]).toBeLessThan(1e-9);
    expectClose(chiSquareUpperTail(41.82, 1), golden.upper[i], { rel: 1e-14, label: 'pchisq(41.82, 1)' });
  });

  it('returns 1 when x is not positive and NaN when df is not positive', () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(-2, 1)).toBe(1);
    expect(chiSquareUpperTail(Number.POSITIVE_INFINITY, 2)).toBe(0);
    expect(chiSquareUpperTail(1, 0)).toBeNaN();
    expect(chiSquareUpperTail(Number.NaN, 1)).toBeNaN();
  });
});
