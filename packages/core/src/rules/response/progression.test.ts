import { describe, expect, it } from 'vitest';
import { deriveResponse } from './derive-response.ts';
import type { ResponseOptions } from './response-settings.ts';
import { labsOf, type SeriesRow, therapyLines } from './test-support.ts';

const dates = ['2006-02-07', '2006-03-07', '2006-04-04', '2006-05-02'];

/** The time points after a baseline on 2006-01-05 (index 2006-01-10), one per row. */
function timepointsOf(baseline: SeriesRow, rows: readonly SeriesRow[], options: ResponseOptions = {}) {
  const series: Record<string, SeriesRow> = { '2006-01-05': baseline };
  rows.forEach((row, index) => {
    series[dates[index] as string] = row;
  });
  return deriveResponse({ labs: labsOf(series), therapyLines: therapyLines('2006-01-10') }, options);
}

function lastResponse(baseline: SeriesRow, rows: readonly SeriesRow[], options: ResponseOptions = {}) {
  const { timepoints } = timepointsOf(baseline, rows, options);
  return timepoints[timepoints.length - 1]?.response;
}

describe('serum M-protein progression (clinical-spec.md §1.4)', () => {
  it.each([
    [2.0, 2.5, 'PD', 'exactly +25 % and +0.5 g/dL'],
    [2.0, 2.49, 'SD', '+24.5 % and +0.49 g/dL'],
    [2.4, 2.99, 'SD', '+0.59 g/dL but only +24.6 %'],
    [1.0, 1.49, 'SD', '+49 % but only +0.49 g/dL'],
  ])('calls a rise from nadir %s to %s g/dL %s when %s (§1.4)', (nadir, value, category) => {
    expect(lastResponse({ serum: nadir }, [{ serum: value }])).toBe(category);
  });

  it.each([
    [5.0, 6.0, 'PD', 'nadir exactly 5 g/dL: +1 g/dL (+20 %) suffices'],
    [5.0, 5.99, 'SD', 'nadir 5 g/dL: +0.99 g/dL does not'],
    [4.9, 5.9, 'SD', 'nadir 4.9 g/dL: +1 g/dL is only +20.4 %, the 25 % clause applies'],
  ])('applies the ≥ 5 g/dL nadir rule from %s to %s g/dL: %s when %s (§1.4)', (nadir, value, category) => {
    expect(lastResponse({ serum: nadir }, [{ serum: value }])).toBe(category);
  });

  it('explains PD at exactly 25 % and 0.5 g/dL with the nadir and both clauses (§1.4)', () => {
    const [timepoint] = timepointsOf({ serum: 2 }, [{ serum: 2.5 }]).timepoints;
    expect(timepoint?.because).toBe(
      'serum M-protein 2.5 g/dL, +0.5 g/dL (+25%) from nadir 2 g/dL (2006-01-05): ≥ 25% and ≥ 0.5 g/dL',
    );
    expect(timepoint?.explanation.checks.map((check) => [check.value, check.threshold, check.isMet])).toEqual([
      [25, 25, true],
      [0.5, 0.5, true],
    ]);
  });

  it('explains the ≥ 5 g/dL nadir rule when it decides (§1.4)', () => {
    const [timepoint] = timepointsOf({ serum: 5 }, [{ serum: 6 }]).timepoints;
    expect(timepoint?.because).toBe(
      'serum M-protein 6 g/dL, +1 g/dL from nadir 5 g/dL (2006-01-05): nadir ≥ 5 g/dL, so an increase ≥ 1 g/dL suffices',
    );
  });

  it.each([
    [0.49, 'PR', '+0.49 g/dL from an IFE-negative nadir of 0 (still −83.7 % from baseline)'],
    [0.5, 'PD', '+0.5 g/dL from 0: the absolute rise decides'],
  ])('needs the absolute rise from a nadir of 0: %s g/dL is %s when %s (§1.4)', (value, category) => {
    expect(lastResponse({ serum: 3 }, [{ serum: 0, serumIfe: 'negative' }, { serum: value }])).toBe(category);
  });

  it('measures from the running nadir, not from baseline, in IMWG 2006 (§1.4)', () => {
    // Baseline 4, nadir 1.0: 1.6 is +60 % and +0.6 g/dL from the nadir although far below baseline.
    expect(lastResponse({ serum: 4 }, [{ serum: 1 }, { serum: 1.6 }])).toBe('PD');
  });
});

describe('urine, FLC and marrow progression (clinical-spec.md §1.4)', () => {
  it.each([
    [600, 'PD', '+200 mg/24h (+50 %) from a nadir of 400'],
    [599, 'SD', '+199 mg/24h'],
  ])('calls measurable urine 400 → %s mg/24h %s when %s (§1.4)', (urine, category) => {
    expect(lastResponse({ urine: 1000 }, [{ urine: 400 }, { urine }])).toBe(category);
  });

  it('ignores a rise in urine that was not measurable at baseline unless progressionScope widens it (§1.4 [IMPL])', () => {
    const rows = [
      { serum: 2, urine: 100 },
      { serum: 2, urine: 500 },
    ];
    expect(lastResponse({ serum: 2, urine: 150 }, rows)).toBe('SD');
    expect(lastResponse({ serum: 2, urine: 150 }, rows, { progressionScope: 'any-measured-compartment' })).toBe('PD');
  });

  it.each([
    [31, 'SD', 'dFLC 20 → 30 mg/dL: +10 is not > 10'],
    [31.01, 'PD', 'dFLC 20 → 30.01 mg/dL: > 10 and +50 %'],
  ])('calls FLC-only disease at κ %s mg/dL %s when %s (§1.4)', (kappa, category) => {
    expect(
      lastResponse({ kappa: 51, lambda: 1 }, [
        { kappa: 21, lambda: 1 },
        { kappa, lambda: 1 },
      ]),
    ).toBe(category);
  });

  it.each([
    ['value-at-least-10', 'PD', 'the 2006 reading: new value 10 % (≥ 10) and +25 %'],
    ['increase-at-least-10', 'SD', 'the 2016 reading: +2 points is not ≥ 10'],
  ] as const)('reads marrow plasma cells 8 → 10 with %s as %s when %s (§1.4 ambiguity)', (reading, category, _why) => {
    const options: ResponseOptions = { imwgMarrowProgressionReading: reading };
    expect(lastResponse({ serum: 3, marrow: 8 }, [{ serum: 3, marrow: 10 }], options)).toBe(category);
  });
});

describe('imaging and calcium progression (clinical-spec.md §1.4)', () => {
  it('confirms PD from a new bone lesion without a second assessment (§1.2 imaging)', () => {
    const result = timepointsOf({ serum: 3 }, [{ serum: 2, newBoneLesion: 'yes' }, { serum: 1.5 }]);
    expect(result.timepoints[0]?.response).toBe('PD');
    expect(result.timepoints[0]?.confirmed).toBe(true);
    expect(result.progression?.date).toBe('2006-02-07');
    expect(result.progression?.because).toBe('new bone lesion on imaging');
  });

  it.each([
    [9, 'PD', 'SPD 6 → 9 cm2: +50 %'],
    [8.9, 'SD', 'SPD 6 → 8.9 cm2: +48.3 %'],
  ])('calls a plasmacytoma growing to %s cm2 %s when %s (§1.4, §2 quantification)', (spd, category) => {
    expect(
      lastResponse({ serum: 3, spd: 12 }, [
        { serum: 3, spd: 6 },
        { serum: 3, spd },
      ]),
    ).toBe(category);
  });

  it('calls a new plasmacytoma PD when none was seen at baseline (§1.4)', () => {
    expect(lastResponse({ serum: 3, spd: 0 }, [{ serum: 3, spd: 2 }])).toBe('PD');
  });

  it.each([
    [11.6, undefined, 'PD', 'uncorrected 11.6 mg/dL > 11.5 without albumin'],
    [11.5, undefined, 'SD', 'exactly 11.5 mg/dL is not > 11.5'],
    [11.0, 3.0, 'PD', 'corrected 11.0 + 0.8 × (4.0 − 3.0) = 11.8 mg/dL'],
    [11.8, 4.5, 'SD', 'corrected 11.8 + 0.8 × (4.0 − 4.5) = 11.4 mg/dL'],
  ])('calls calcium %s with albumin %s %s when %s (§1.4)', (calcium, albumin, category, _why) => {
    const row: SeriesRow = albumin === undefined ? { serum: 3, calcium } : { serum: 3, calcium, albumin };
    expect(lastResponse({ serum: 3 }, [row])).toBe(category);
  });

  it('states the corrected-calcium formula in the explanation (§1.4, §4.1)', () => {
    const [timepoint] = timepointsOf({ serum: 3 }, [{ serum: 3, calcium: 11, albumin: 3 }]).timepoints;
    expect(timepoint?.because).toBe(
      "corrected calcium 11.8 mg/dL (measured 11 mg/dL, albumin 3 g/dL; Ca + 0.8 × (4 − albumin)) > 11.5 mg/dL (hypercalcaemia; attribution to myeloma is the clinician's call)",
    );
  });

  it('does not count hypercalcaemia as PD under IMWG 2016, where it is clinical relapse (§2)', () => {
    expect(lastResponse({ serum: 3 }, [{ serum: 3, calcium: 12 }], { criteria: 'imwg2016' })).toBe('SD');
  });
});
