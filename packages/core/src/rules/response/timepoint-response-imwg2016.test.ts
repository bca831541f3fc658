import { describe, expect, it } from 'vitest';
import { deriveResponse } from './derive-response.ts';
import type { ResponseOptions } from './response-settings.ts';
import { labsOf, type SeriesRow, therapyLines } from './test-support.ts';

function derive(series: Readonly<Record<string, SeriesRow>>, options: ResponseOptions = { criteria: 'imwg2016' }) {
  return deriveResponse({ labs: labsOf(series), therapyLines: therapyLines('2006-01-10') }, options);
}

describe('IMWG 2016 nadir = lowest confirmed value (clinical-spec.md §2)', () => {
  const series = {
    '2006-01-05': { serum: 4 },
    '2006-02-07': { serum: 2 },
    '2006-03-07': { serum: 2 },
    '2006-04-04': { serum: 0.8 },
    '2006-05-02': { serum: 1.5 },
    '2006-05-30': { serum: 1.6 },
  };

  it.each([
    ['imwg2006', '2006-05-02', 'a single low value of 0.8 g/dL sets the 2006 nadir, so 1.5 g/dL is PD'],
    ['imwg2016', null, 'the lowest confirmed value is 2.0 then 1.5 g/dL, so neither 1.5 nor 1.6 g/dL is PD'],
  ] as const)('dates progression under %s at %s when %s (§1.4, §2)', (criteria, date, _why) => {
    expect(derive(series, { criteria }).progression?.date ?? null).toBe(date);
  });

  it('measures 2016 PD from the lowest single value when imwg2016Nadir is lowest-value (§2 [IMPL])', () => {
    expect(derive(series, { criteria: 'imwg2016', imwg2016Nadir: 'lowest-value' }).progression?.date).toBe(
      '2006-05-02',
    );
  });

  it('explains 2016 PD from the lowest confirmed value and its date (§2)', () => {
    const result = derive({ ...series, '2006-06-27': { serum: 2.2 }, '2006-07-25': { serum: 2.4 } });
    expect(result.progression?.because).toBe(
      'serum M-protein 2.2 g/dL, +0.7 g/dL (+46.7%) from nadir 1.5 g/dL (2006-05-02): ≥ 25% and ≥ 0.5 g/dL',
    );
  });
});

describe('IMWG 2016 time-point response (clinical-spec.md §2)', () => {
  it.each([
    [1.5, 'MR', '25 % down is MR, part of the 2016 table'],
    [1.51, 'SD', '24.5 % down is SD'],
  ])('grades serum 2.0 → %s g/dL as %s when %s (§2)', (serum, category) => {
    expect(derive({ '2006-01-05': { serum: 2 }, '2006-02-07': { serum } }).timepoints[0]?.response).toBe(category);
  });

  it.each([
    ['imwg2006', 'PD', 'IMWG 2006 judges marrow PD in any patient (new value ≥ 10 %)'],
    ['imwg2016', 'SD', 'IMWG 2016 judges marrow PD only without measurable serum, urine or FLC'],
  ] as const)(
    'treats marrow plasma cells 8 → 12 with measurable serum under %s as %s when %s (§1.4, §2)',
    (criteria, category, _why) => {
      const result = derive(
        { '2006-01-05': { serum: 3, marrow: 8 }, '2006-02-07': { serum: 3, marrow: 12 } },
        { criteria },
      );
      expect(result.timepoints[0]?.response).toBe(category);
    },
  );

  it.each([
    [20, 'PD', 'confirmed nadir 10 → 20 %: +10 points and +100 %'],
    [19.9, 'PR', 'confirmed nadir 10 → 19.9 %: +9.9 points, still ≥ 50 % below baseline 40 %'],
  ])('calls marrow-only disease at %s plasma cells %s when %s (§2)', (marrow, category) => {
    const result = derive({
      '2006-01-05': { marrow: 40 },
      '2006-02-07': { marrow: 10 },
      '2006-03-07': { marrow: 10 },
      '2006-04-04': { marrow },
    });
    expect(result.timepoints[2]?.response).toBe(category);
  });

  it.each([
    [30, 'PD', 'circulating plasma cells 400 → 600 cells/µL: +50 % and +200'],
    [29.9, 'SD', '400 → 598 cells/µL: +49.5 %'],
  ])('calls circulating plasma cells at %s per cent of WBC 2 × 10⁹/L %s when %s (§2)', (blood, category) => {
    const result = derive({
      '2006-01-05': { marrow: 40, blood: 20, wbc: 2 },
      '2006-02-07': { marrow: 40, blood, wbc: 2 },
    });
    expect(result.timepoints[0]?.response).toBe(category);
  });
});

describe('IMWG 2016 worked patient series (clinical-spec.md §2, §1.6)', () => {
  const result = derive({
    '2006-01-05': { serum: 2.4, urine: 120, calcium: 10 },
    '2006-02-07': { serum: 1.6, urine: 90 },
    '2006-03-07': { serum: 1.1, urine: 60 },
    '2006-04-04': { serum: 1.0, urine: 50, calcium: 12 },
    '2006-05-02': { serum: 1.0, urine: 40 },
    '2006-05-30': { serum: 1.5, urine: 40 },
    '2006-06-27': { serum: 1.7, urine: 45 },
  });

  it('explains every time point of an MR → PR course ending in PD from the confirmed nadir', () => {
    expect(result.timepoints.map((timepoint) => timepoint.explanation.text)).toEqual([
      'MR on 2006-02-07, confirmed by the next assessment (2006-03-07, PR) — serum M-protein 2.4 → 1.6 g/dL (−33.3%): MR level (reduction ≥ 25%; PR needs ≥ 50%).',
      'PR on 2006-03-07, confirmed by the next assessment (2006-04-04, PR) — serum M-protein 2.4 → 1.1 g/dL (−54.2%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%).',
      'PR on 2006-04-04, confirmed by the next assessment (2006-05-02, PR) — serum M-protein 2.4 → 1 g/dL (−58.3%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%).',
      'PR on 2006-05-02, not confirmed: PD at the assessment of 2006-05-30; counts as SD — serum M-protein 2.4 → 1 g/dL (−58.3%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%).',
      'PD on 2006-05-30, confirmed by the next assessment (2006-06-27, PD) — serum M-protein 1.5 g/dL, +0.5 g/dL (+50%) from nadir 1 g/dL (2006-04-04): ≥ 25% and ≥ 0.5 g/dL.',
      'PD on 2006-06-27, not confirmed: no later assessment before new therapy — serum M-protein 1.7 g/dL, +0.7 g/dL (+70%) from nadir 1 g/dL (2006-04-04): ≥ 25% and ≥ 0.5 g/dL.',
    ]);
  });

  it('ignores the calcium of 12 mg/dL (clinical relapse in 2016) and reports PR as best response (§2)', () => {
    expect(result.bestResponse?.explanation.text).toBe(
      'Best response PR, first documented on 2006-03-07 (confirmed on 2006-04-04), among 4 assessment(s) before confirmed PD on 2006-05-30.',
    );
    expect(result.progression?.date).toBe('2006-05-30');
    expect(result.criteriaRule.id).toBe('response-imwg-2016');
  });
});
