import { describe, expect, it } from 'vitest';
import { groupLabsByDate } from './assessment-values.ts';
import { selectBaselineValues } from './baseline-values.ts';
import { determineMeasurableDisease } from './measurable-disease.ts';
import { day, labsOf, type SeriesRow } from './test-support.ts';

function measurableAt(row: SeriesRow, options: { comparator?: '>=' | '>'; usesFreeLightChains?: boolean } = {}) {
  const { rows } = groupLabsByDate(labsOf({ '2006-01-05': row }), {
    firstDay: 0,
    bloodPlasmaCellsAreDiseaseMeasure: false,
  });
  const baseline = selectBaselineValues(rows, 30, day('2006-01-10'));
  return determineMeasurableDisease(baseline, {
    flcMeasurableComparator: options.comparator ?? '>=',
    usesFreeLightChains: options.usesFreeLightChains ?? true,
  });
}

describe('determineMeasurableDisease (clinical-spec.md §1.1)', () => {
  it.each([
    [1.0, true, 'exactly 1.0 g/dL is measurable'],
    [0.99, false, 'just below 1.0 g/dL is not'],
  ])('decides serum M-protein %s g/dL is measurable=%s when %s (§1.1)', (serum, isMeasurable) => {
    expect(measurableAt({ serum }).serum).toBe(isMeasurable);
  });

  it.each([
    [200, true, 'exactly 200 mg/24h is measurable'],
    [199.9, false, 'just below 200 mg/24h is not'],
  ])('decides urine M-protein %s mg/24h is measurable=%s when %s (§1.1)', (urine, isMeasurable) => {
    expect(measurableAt({ urine }).urine).toBe(isMeasurable);
  });

  it.each([
    // [κ, λ, comparator, FLC drives response, why]
    [10, 1, '>=', true, 'involved κ exactly 10 mg/dL with ratio 10 meets "≥ 10"'],
    [10, 1, '>', false, 'involved κ exactly 10 mg/dL fails the CIBMTR "> 10" reading'],
    [9.99, 1, '>=', false, 'involved κ just below 10 mg/dL'],
    [1, 12, '>=', true, 'involved λ 12 mg/dL, ratio 0.083'],
    [15, 10, '>=', false, 'κ 15 mg/dL with a normal ratio 1.5 is not FLC disease'],
  ] as const)(
    'uses FLC κ %s, λ %s with comparator %s: drives=%s when %s (§1.1)',
    (kappa, lambda, comparator, drives, _why) => {
      expect(measurableAt({ kappa, lambda }, { comparator }).flc).toBe(drives);
    },
  );

  it('does not use a measurable FLC when serum M-protein is measurable (§1.1)', () => {
    const measurable = measurableAt({ serum: 1.2, kappa: 50, lambda: 1 });
    expect(measurable.flc).toBe(false);
    const flc = measurable.compartments.find((compartment) => compartment.compartment === 'flc');
    expect(flc?.meetsThreshold).toBe(true);
    expect(flc?.explanation.text).toBe(
      'serum FLC: baseline involved FLC (κ, 2006-01-05) 50 mg/dL ≥ 10 mg/dL: κ/λ ratio 50 abnormal; meets the FLC threshold; not used: serum or urine M-protein is measurable (§1.1).',
    );
  });

  it('never uses FLC under EBMT 1998 when FLC would otherwise drive response (§3)', () => {
    expect(measurableAt({ kappa: 50, lambda: 1 }, { usesFreeLightChains: false }).flc).toBe(false);
  });

  it.each([
    [30, true, 'exactly 30 % with nothing else measurable'],
    [29.9, false, 'just below 30 %'],
  ])('uses marrow plasma cells %s as the compartment=%s when %s (§1.1)', (marrow, drives) => {
    expect(measurableAt({ serum: 0.5, marrow }).marrow).toBe(drives);
  });

  it('keeps marrow out when serum is measurable even at 60 % plasma cells (§1.1)', () => {
    expect(measurableAt({ serum: 2, marrow: 60 }).marrow).toBe(false);
  });

  it('explains a measurable serum compartment with its value, date and threshold (§1.1)', () => {
    const [serum] = measurableAt({ serum: 3.4 }).compartments;
    expect(serum?.drivesResponse).toBe(true);
    expect(serum?.explanation.ruleId).toBe('response-measurable-disease');
    expect(serum?.explanation.text).toBe(
      'serum M-protein: baseline serum M-protein (2006-01-05) 3.4 g/dL ≥ 1 g/dL: measurable (§1.1).',
    );
  });

  it('marks a plasmacytoma present at baseline when its SPD is above 0 (§1.2)', () => {
    expect(measurableAt({ serum: 2, spd: 4 }).hasPlasmacytoma).toBe(true);
    expect(measurableAt({ serum: 2, spd: 0 }).hasPlasmacytoma).toBe(false);
  });
});
