import { describe, expect, it } from 'vitest';
import { deriveResponse } from './derive-response.ts';
import { labsOf, type SeriesRow, therapyLines } from './test-support.ts';

function derive(series: Readonly<Record<string, SeriesRow>>) {
  return deriveResponse({ labs: labsOf(series), therapyLines: therapyLines('2006-01-10') }, { criteria: 'ebmt1998' });
}

function firstResponse(baseline: SeriesRow, assessment: SeriesRow) {
  return derive({ '2006-01-05': baseline, '2006-02-07': assessment }).timepoints[0]?.response;
}

describe('EBMT 1998 time-point response (clinical-spec.md §3)', () => {
  it.each([
    [{ serum: 0.2 }, 'PR', '−95 % is PR: EBMT has no VGPR'],
    [{ serum: 2 }, 'PR', 'exactly −50 %'],
    [{ serum: 3 }, 'MR', 'exactly −25 %'],
    [{ serum: 3.01 }, 'SD', '−24.75 % is no change (reported as SD)'],
  ])('grades serum 4 → %j as %s when %s (§3)', (assessment, category) => {
    expect(firstResponse({ serum: 4 }, assessment)).toBe(category);
  });

  it.each([
    [400, 'MR', '−60 % and still > 200 mg/24h'],
    [201, 'MR', '−77.7 % and 201 > 200 mg/24h'],
    [200, 'SD', '−77.8 % but exactly 200 mg/24h: neither PR (< 200) nor MR (> 200)'],
    [199, 'PR', 'below 200 mg/24h'],
  ])('grades urine-only disease 900 → %s mg/24h as %s when %s (§3)', (urine, category) => {
    expect(firstResponse({ serum: 0.4, urine: 900 }, { urine })).toBe(category);
  });

  it.each([
    [2.5, 'MR', 'exactly +25 % is not "> 25 %" (still 44 % below baseline)'],
    [2.51, 'PD', '+25.5 % and +0.51 g/dL'],
  ])('calls a rise from nadir 2.0 to %s g/dL %s when %s (§3)', (serum, category) => {
    const result = derive({ '2006-01-05': { serum: 4.5 }, '2006-02-07': { serum: 2 }, '2006-03-07': { serum } });
    expect(result.timepoints[1]?.response).toBe(category);
  });

  it.each([
    ['2006-03-20', false, 'the second PR is 41 days after the first'],
    ['2006-03-21', true, 'the second PR is 42 days (6 weeks) after the first'],
  ])('confirms a PR when the next PR is on %s: %s when %s (§3)', (secondDate, confirmed) => {
    const result = derive({ '2006-01-05': { serum: 4 }, '2006-02-07': { serum: 1.8 }, [secondDate]: { serum: 1.7 } });
    expect(result.timepoints[0]?.confirmed).toBe(confirmed);
    expect(result.bestResponse?.category).toBe(confirmed ? 'PR' : 'SD');
  });
});

describe('EBMT 1998 worked patient series (clinical-spec.md §3)', () => {
  const result = derive({
    '2006-01-03': { marrow: 50 },
    '2006-01-05': { serum: 4.0, urine: 900 },
    '2006-02-07': { serum: 2.8, urine: 400 },
    '2006-03-07': { serum: 1.8, urine: 150 },
    '2006-04-18': { serum: 1.7, urine: 140 },
    '2006-05-16': { serum: 0.3, urine: 80 },
    '2006-06-13': { serum: 0.5, urine: 70 },
    '2006-07-11': { serum: 0.9, urine: 70 },
    '2006-08-08': { serum: 1.2, urine: 90 },
  });

  it('explains every time point of an MR → PR course with six-week confirmation and PD', () => {
    expect(result.timepoints.map((timepoint) => timepoint.explanation.text)).toEqual([
      'MR on 2006-02-07, confirmed sustained to 2006-04-18 (day +70 ≥ 42) — serum M-protein 4 → 2.8 g/dL (−30%): MR level (reduction ≥ 25%; PR needs ≥ 50%); urine M-protein 900 → 400 mg/24h (−55.6%): MR level (reduction ≥ 50%, still > 200 mg/24h; PR needs reduction ≥ 90% or < 200 mg/24h).',
      'PR on 2006-03-07, confirmed sustained to 2006-04-18 (day +42 ≥ 42) — serum M-protein 4 → 1.8 g/dL (−55%): PR level (reduction ≥ 50%); urine M-protein 900 → 150 mg/24h (−83.3%): PR level (< 200 mg/24h).',
      'PR on 2006-04-18, confirmed sustained to 2006-06-13 (day +56 ≥ 42) — serum M-protein 4 → 1.7 g/dL (−57.5%): PR level (reduction ≥ 50%); urine M-protein 900 → 140 mg/24h (−84.4%): PR level (< 200 mg/24h).',
      'PR on 2006-05-16, not confirmed: PD at the assessment of 2006-07-11; counts as SD — serum M-protein 4 → 0.3 g/dL (−92.5%): PR level (reduction ≥ 50%); urine M-protein 900 → 80 mg/24h (−91.1%): PR level (reduction ≥ 90%).',
      'PR on 2006-06-13, not confirmed: PD at the assessment of 2006-07-11; counts as SD — serum M-protein 4 → 0.5 g/dL (−87.5%): PR level (reduction ≥ 50%); urine M-protein 900 → 70 mg/24h (−92.2%): PR level (reduction ≥ 90%).',
      'PD on 2006-07-11, confirmed by the next assessment (2006-08-08, PD) — serum M-protein 0.9 g/dL, +0.6 g/dL (+200%) from nadir 0.3 g/dL (2006-05-16): > 25% and ≥ 0.5 g/dL.',
      'PD on 2006-08-08, not confirmed: no later assessment before new therapy — serum M-protein 1.2 g/dL, +0.9 g/dL (+300%) from nadir 0.3 g/dL (2006-05-16): > 25% and ≥ 0.5 g/dL.',
    ]);
  });

  it('reports the best sustained response and the PD date of the series (§3, §1.6)', () => {
    expect(result.bestResponse?.explanation.text).toBe(
      'Best response PR, first documented on 2006-03-07 (confirmed on 2006-04-18), among 5 assessment(s) before confirmed PD on 2006-07-11.',
    );
    expect(result.progression?.date).toBe('2006-07-11');
    expect(result.settings.confirmation).toBe('sustained-duration');
  });
});
