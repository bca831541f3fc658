import { describe, expect, it } from 'vitest';
import { groupLabsByDate } from './assessment-values.ts';
import { freeLightChainDifference, isFlcRatioNormal, selectBaselineValues } from './baseline-values.ts';
import { deriveResponse } from './derive-response.ts';
import { day, labsOf, therapyLines } from './test-support.ts';

describe('selectBaselineValues (clinical-spec.md §1.6 step 1)', () => {
  it('takes the last value on or before the index date when several are in the window', () => {
    const { rows } = groupLabsByDate(
      labsOf({ '2006-01-01': { serum: 3.0 }, '2006-01-10': { serum: 3.4, urine: 450 } }),
      { firstDay: 0, bloodPlasmaCellsAreDiseaseMeasure: false },
    );
    const baseline = selectBaselineValues(rows, 30, day('2006-01-10'));
    expect(baseline.serumMProtein).toEqual({ value: 3.4, date: '2006-01-10' });
    expect(baseline.explanation.text).toBe(
      'Baseline = last value on or before 2006-01-10 and at most 30 days before it: serum M-protein 3.4 g/dL (2006-01-10); urine M-protein 450 mg/24h (2006-01-10); not measured: serum IFE, urine IFE, FLC κ and λ, bone marrow plasma cells, blood plasma cells, plasmacytoma SPD.',
    );
  });

  it.each([
    ['2005-12-11', true, '30 days before the index date is inside the default window'],
    ['2005-12-10', false, '31 days before is outside'],
  ])('uses a serum value dated %s as baseline=%s when %s (§1.6 [IMPL])', (date, isUsed) => {
    const result = deriveResponse({ labs: labsOf({ [date]: { serum: 3 } }), therapyLines: therapyLines('2006-01-10') });
    expect(result.baseline.serumMProtein !== null).toBe(isUsed);
  });

  it('honours a longer baseline window when the setting asks for one (§1.6 [IMPL])', () => {
    const result = deriveResponse(
      { labs: labsOf({ '2005-12-10': { serum: 3 } }), therapyLines: therapyLines('2006-01-10') },
      { baselineWindowDays: 31 },
    );
    expect(result.baseline.serumMProtein?.value).toBe(3);
  });

  it('takes FLC from the last date with both chains and derives the involved chain and dFLC (§1.1)', () => {
    const { rows } = groupLabsByDate(
      labsOf({ '2006-01-02': { kappa: 1.2, lambda: 80 }, '2006-01-08': { kappa: 1.1 } }),
      { firstDay: 0, bloodPlasmaCellsAreDiseaseMeasure: false },
    );
    const flc = selectBaselineValues(rows, 30, day('2006-01-10')).freeLightChains;
    expect(flc?.date).toBe('2006-01-02');
    expect(flc?.involved).toBe('lambda');
    expect(flc?.isRatioNormal).toBe(false);
    expect(flc?.differenceMgPerDl).toBeCloseTo(78.8, 12);
  });

  it.each([
    [0.26, 1, true],
    [0.259, 1, false],
    [1.65, 1, true],
    [1.651, 1, false],
    [1, 0, false],
  ])('calls κ %s / λ %s normal=%s at the 0.26–1.65 boundaries (§1.1)', (kappa, lambda, isNormal) => {
    expect(isFlcRatioNormal(kappa, lambda)).toBe(isNormal);
  });

  it('subtracts the uninvolved from the involved chain when computing dFLC (§1.1)', () => {
    expect(freeLightChainDifference('kappa', 50, 2)).toBe(48);
    expect(freeLightChainDifference('lambda', 2, 50)).toBe(48);
  });
});
