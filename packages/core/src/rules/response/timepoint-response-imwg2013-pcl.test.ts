import { describe, expect, it } from 'vitest';
import { deriveResponse } from './derive-response.ts';
import type { ResponseOptions } from './response-settings.ts';
import { labsOf, type SeriesRow, therapyLines } from './test-support.ts';

function derive(series: Readonly<Record<string, SeriesRow>>, options: ResponseOptions = {}) {
  return deriveResponse(
    { labs: labsOf(series), therapyLines: therapyLines('2006-01-10') },
    { criteria: 'imwg2013-pcl', ...options },
  );
}

const baseline: SeriesRow = { serum: 3, blood: 40, wbc: 20, marrow: 60 };

function firstResponse(assessment: SeriesRow, options: ResponseOptions = {}) {
  return derive({ '2006-01-05': baseline, '2006-02-07': assessment }, options).timepoints[0]?.response;
}

describe('IMWG 2013 PCL blood plasma cell criteria (clinical-spec.md §5.1)', () => {
  it.each([
    [5, 'PR', 'blood 5 % is within PR (1–5 %)'],
    [5.1, 'SD', 'blood 5.1 % is above the PR limit'],
    [0.5, 'PR', 'any detectable blood plasma cells rule out VGPR'],
    [0, 'VGPR', 'blood 0 % by morphology with marrow < 5 % and serum −90 %'],
  ])('grades blood plasma cells %s with serum −90 per cent and marrow 4 as %s when %s (§5.1)', (blood, category) => {
    expect(firstResponse({ serum: 0.3, blood, marrow: 4 })).toBe(category);
  });

  it.each([
    [25, 'PR', 'marrow exactly 25 % is within PR (5–25 %)'],
    [25.1, 'SD', 'marrow above 25 %'],
  ])('grades marrow plasma cells %s with serum −60 per cent and blood 3 as %s when %s (§5.1)', (marrow, category) => {
    expect(firstResponse({ serum: 1.2, blood: 3, marrow })).toBe(category);
  });

  it('downgrades to SD when blood plasma cells were not counted that day (§5.1, §1.2 missing data)', () => {
    expect(firstResponse({ serum: 1.2, marrow: 10 })).toBe('SD');
  });

  it.each([
    [7, 'SD', 'blood 2 → 7 %: +5 points is not > 5 (and 7 % is above the PR limit)'],
    [7.1, 'PD', 'blood 2 → 7.1 %: +5.1 points'],
  ])('calls a blood plasma cell rise to %s as %s when %s (§5.1)', (blood, category) => {
    const result = derive({
      '2006-01-05': { ...baseline, blood: 2 },
      '2006-02-07': { serum: 0.2, blood, marrow: 3 },
    });
    expect(result.timepoints[0]?.response).toBe(category);
  });

  it.each([
    ['and', 'SD', 'as printed, urine must be ≥ 90 % down and < 200 mg/24h'],
    ['or', 'PR', 'the MM "or" accepts < 200 mg/24h alone'],
  ] as const)(
    'grades urine 1000 → 150 mg/24h with pclPartialResponseUrine=%s as %s when %s (§5.1 [P])',
    (rule, category, _why) => {
      const result = derive(
        { '2006-01-05': { ...baseline, urine: 1000 }, '2006-02-07': { serum: 1.2, urine: 150, blood: 3, marrow: 10 } },
        { pclPartialResponseUrine: rule },
      );
      expect(result.timepoints[0]?.response).toBe(category);
    },
  );

  it.each([
    ['either', 'PD', 'as printed, marrow 4 → 6 % (+50 %) is PD on the relative clause alone'],
    ['both', 'PR', 'requiring +10 points as well'],
  ] as const)(
    'reads marrow 4 → 6 per cent with pclMarrowProgression=%s as %s when %s (§5.1 [P])',
    (rule, category, _why) => {
      const result = derive(
        {
          '2006-01-05': baseline,
          '2006-02-07': { serum: 1.2, blood: 3, marrow: 4 },
          '2006-03-07': { serum: 1.2, blood: 3, marrow: 6 },
        },
        { pclMarrowProgression: rule },
      );
      expect(result.timepoints[1]?.response).toBe(category);
    },
  );
});

describe('IMWG 2013 PCL worked patient series (clinical-spec.md §5.1)', () => {
  const result = derive({
    '2006-01-03': { marrow: 60 },
    '2006-01-05': { serum: 3.0, urine: 100, blood: 40, wbc: 20 },
    '2006-02-07': { serum: 1.2, urine: 80, blood: 4, marrow: 20 },
    '2006-03-21': { serum: 1.0, urine: 60, blood: 2 },
    '2006-05-02': { serum: 0.2, urine: 50, blood: 0, marrow: 3 },
    '2006-06-13': { serum: 0.25, urine: 40, blood: 0 },
    '2006-07-25': { serum: 0.3, urine: 40, blood: 6 },
    '2006-08-22': { serum: 0.4, urine: 40, blood: 9 },
  });

  it('explains every time point of a PR → VGPR course ending in leukaemic PD', () => {
    expect(result.timepoints.map((timepoint) => timepoint.explanation.text)).toEqual([
      'PR on 2006-02-07, confirmed sustained to 2006-03-21 (day +42 ≥ 42) — serum M-protein 3 → 1.2 g/dL (−60%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%); bone marrow plasma cells 20% on 2006-02-07: PR level (5–25%; VGPR needs < 5%); blood plasma cells 4%: PR level (1–5%; VGPR and CR need 0%).',
      'PR on 2006-03-21, confirmed sustained to 2006-05-02 (day +42 ≥ 42) — serum M-protein 3 → 1 g/dL (−66.7%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%); bone marrow plasma cells 20% on 2006-02-07: PR level (5–25%; VGPR needs < 5%); blood plasma cells 2%: PR level (1–5%; VGPR and CR need 0%).',
      'VGPR on 2006-05-02, confirmed sustained to 2006-06-13 (day +42 ≥ 42) — serum M-protein 3 → 0.2 g/dL (−93.3%): VGPR level (reduction ≥ 90%); bone marrow plasma cells 3% on 2006-05-02: < 5%; blood plasma cells 0%: negative by morphology.',
      'VGPR on 2006-06-13, not confirmed: PD at the assessment of 2006-07-25; counts as SD — serum M-protein 3 → 0.25 g/dL (−91.7%): VGPR level (reduction ≥ 90%); bone marrow plasma cells 3% on 2006-05-02: < 5%; blood plasma cells 0%: negative by morphology.',
      'PD on 2006-07-25, confirmed by the next assessment (2006-08-22, PD) — blood plasma cells 6%, +6 points from nadir 0% (2006-05-02): absolute increase > 5 points.',
      'PD on 2006-08-22, not confirmed: no later assessment before new therapy — blood plasma cells 9%, +9 points from nadir 0% (2006-05-02): absolute increase > 5 points.',
    ]);
  });

  it('reports VGPR as best response and PD on the first of the two blood counts (§5.1, §1.6)', () => {
    expect(result.bestResponse?.explanation.text).toBe(
      'Best response VGPR, first documented on 2006-05-02 (confirmed on 2006-06-13), among 4 assessment(s) before confirmed PD on 2006-07-25.',
    );
    expect(result.progression?.date).toBe('2006-07-25');
    expect(result.progression?.findings.map((finding) => finding.parameter)).toEqual(['blood']);
  });
});
