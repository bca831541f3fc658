import { describe, expect, it } from 'vitest';
import { readGolden, reviveRNumbers } from './golden.ts';

describe('reviveRNumbers', () => {
  it('turns R non-finite strings into numbers and NA into null when nested', () => {
    expect(reviveRNumbers({ a: ['NA', 'Inf', '-Inf', 1.5], b: 'type=P' })).toEqual({
      a: [null, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5],
      b: 'type=P',
    });
    expect(Number.isNaN(reviveRNumbers('NaN'))).toBe(true);
  });

  it('reads the Musto golden file with its cohort of 12 when loaded from test-data', () => {
    const golden = readGolden<{ cohort: { patient: number[] } }>('musto2007.json');
    expect(golden.cohort.patient).toHaveLength(12);
  });
});
