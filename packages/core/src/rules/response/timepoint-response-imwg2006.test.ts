import { describe, expect, it } from 'vitest';
import { groupLabsByDate } from './assessment-values.ts';
import { selectBaselineValues } from './baseline-values.ts';
import { deriveResponse } from './derive-response.ts';
import { determineMeasurableDisease } from './measurable-disease.ts';
import { NadirTracker } from './nadir.ts';
import type { ResponseOptions } from './response-settings.ts';
import { day, labsOf, type SeriesRow, therapyLines } from './test-support.ts';
import { deriveTimepointResponseImwg2006 } from './timepoint-response-imwg2006.ts';

const baselineDate = '2006-01-05';
const firstAssessment = '2006-02-07';

/** The time-point response at the first assessment after `baseline`. */
function responseAt(baseline: SeriesRow, assessment: SeriesRow, options: ResponseOptions = {}) {
  const result = deriveResponse(
    {
      labs: labsOf({ [baselineDate]: baseline, [firstAssessment]: assessment }),
      therapyLines: therapyLines('2006-01-10'),
    },
    options,
  );
  const timepoint = result.timepoints[0];
  if (timepoint === undefined) throw new Error('no time point');
  return timepoint;
}

const cr: SeriesRow = { serum: 0, urine: 0, serumIfe: 'negative', urineIfe: 'negative', marrow: 2 };

describe('IMWG 2006 time-point response (clinical-spec.md §1.2)', () => {
  it.each([
    [1.0, 'PR', 'exactly 50 % reduction meets PR'],
    [1.002, 'SD', '49.9 % reduction does not'],
  ])('calls serum 2.0 → %s g/dL %s when %s (§1.2)', (serum, category) => {
    expect(responseAt({ serum: 2 }, { serum }).response).toBe(category);
  });

  it.each([
    [0.2, 'VGPR', 'exactly 90 % reduction meets VGPR'],
    [0.202, 'PR', '89.9 % reduction stays PR'],
  ])('calls serum 2.0 → %s g/dL %s when %s (§1.2)', (serum, category) => {
    expect(responseAt({ serum: 2 }, { serum }).response).toBe(category);
  });

  it('explains the PR threshold met and the VGPR threshold missed when serum falls 50 % (§1.2)', () => {
    const timepoint = responseAt({ serum: 2 }, { serum: 1 });
    expect(timepoint.because).toBe('serum M-protein 2 → 1 g/dL (−50%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%)');
    expect(timepoint.explanation.checks.map((check) => [check.threshold, check.isMet])).toEqual([
      [50, true],
      [90, false],
    ]);
  });

  it.each([
    [200, 'PR', 'exactly 90 % below 2000 mg/24h (though not < 200)'],
    [201, 'SD', '89.95 % down and not < 200 mg/24h'],
    [199, 'PR', 'below 200 mg/24h'],
    [100, 'PR', 'exactly 100 mg/24h is not < 100'],
    [99, 'VGPR', 'below 100 mg/24h'],
  ])('grades urine-only disease 2000 → %s mg/24h as %s when %s (§1.2)', (urine, category) => {
    expect(responseAt({ serum: 0.5, urine: 2000 }, { urine }).response).toBe(category);
  });

  it('downgrades CR to VGPR when the urine IFE is missing (§1.2 missing data)', () => {
    const { urineIfe: _omitted, ...withoutUrineIfe } = cr;
    const timepoint = responseAt({ serum: 3, urine: 450 }, withoutUrineIfe);
    expect(timepoint.response).toBe('VGPR');
    expect(timepoint.because).toContain('CR not met: urine IFE not done');
  });

  it('downgrades to SD when the measurable urine M-protein is missing (§1.2 missing data)', () => {
    const timepoint = responseAt({ serum: 3, urine: 450 }, { serum: 0.2 });
    expect(timepoint.response).toBe('SD');
    expect(timepoint.because).toBe(
      'serum M-protein 3 → 0.2 g/dL (−93.3%): VGPR level (reduction ≥ 90%); not measured: urine M-protein (measurable at baseline), so the levels that need them are not met',
    );
  });

  it('downgrades CR to VGPR when no marrow result is available (§1.2 missing data)', () => {
    const timepoint = responseAt({ serum: 3 }, { serum: 0, urine: 0, serumIfe: 'negative', urineIfe: 'negative' });
    expect(timepoint.response).toBe('VGPR');
    expect(timepoint.because).toContain('CR not met: no bone marrow result');
  });

  it.each([
    [4.9, 'CR', 'marrow plasma cells 4.9 % are < 5 %'],
    [5, 'VGPR', 'marrow plasma cells exactly 5 % are not'],
  ])('calls IFE-negative disease with marrow plasma cells %s as %s when %s (§1.2)', (marrow, category) => {
    expect(responseAt({ serum: 3 }, { ...cr, marrow }).response).toBe(category);
  });

  it('keeps VGPR when urine is not measurable but still ≥ 100 mg/24h (§1.2 VGPR route b)', () => {
    const timepoint = responseAt({ serum: 3, urine: 150 }, { serum: 0.2, urine: 120 });
    expect(timepoint.response).toBe('PR');
    expect(timepoint.because).toContain(
      'urine M-protein 120 mg/24h: not measurable at baseline; VGPR needs < 100 mg/24h',
    );
  });

  it.each([
    [false, 'SD'],
    [true, 'MR'],
  ])(
    'grades a 30 per cent serum reduction with imwg2006MinimalResponse=%s as %s (§1.2)',
    (minimalResponse, category) => {
      expect(responseAt({ serum: 2 }, { serum: 1.4 }, { imwg2006MinimalResponse: minimalResponse }).response).toBe(
        category,
      );
    },
  );

  it('gives sCR only when the setting accepts a normal FLC ratio without clonality data (§1.2)', () => {
    const row = { ...cr, kappa: 1.2, lambda: 1.1 };
    expect(responseAt({ serum: 3 }, row).response).toBe('CR');
    expect(responseAt({ serum: 3 }, row, { stringentCompleteResponse: 'normal-flc-ratio-sufficient' }).response).toBe(
      'sCR',
    );
  });

  it('is NE when the measurable compartment was not assessed that day (§1.6 step 4)', () => {
    const timepoint = responseAt({ serum: 3 }, { urineIfe: 'positive' });
    expect(timepoint.response).toBe('NE');
    expect(timepoint.because).toBe('no measurable compartment assessed (serum M-protein not measured)');
  });

  it('is NE at every assessment without measurable disease at baseline (§1.1)', () => {
    expect(responseAt({ serum: 0.8 }, { serum: 0.1 }).response).toBe('NE');
  });
});

describe('IMWG 2006 FLC-only disease (clinical-spec.md §1.1, §1.2 with the 2011 clauses)', () => {
  const baseline: SeriesRow = { serum: 0, urine: 0, kappa: 51, lambda: 1 }; // dFLC 50 mg/dL

  it.each([
    [26, 'PR', 'dFLC 25 mg/dL: exactly 50 % down'],
    [26.05, 'SD', 'dFLC 25.05 mg/dL: 49.9 % down'],
    [6, 'PR', 'dFLC 5 mg/dL: exactly 90 % down is not "> 90 %"'],
    [5.95, 'VGPR', 'dFLC 4.95 mg/dL: 90.1 % down'],
  ])('grades κ %s mg/dL (λ 1) as %s when %s (§1.2)', (kappa, category) => {
    expect(responseAt(baseline, { kappa, lambda: 1 }).response).toBe(category);
  });

  it('caps FLC-only disease at PR without the Rajkumar 2011 clauses (setting flcOnlyDiseaseRajkumar2011)', () => {
    expect(responseAt(baseline, { kappa: 2, lambda: 1 }, { flcOnlyDiseaseRajkumar2011: false }).response).toBe('PR');
  });

  it('needs a normal FLC ratio for CR in FLC-only disease (§1.2, 2011 note)', () => {
    expect(responseAt(baseline, { ...cr, kappa: 3, lambda: 1 }).response).toBe('VGPR');
    expect(responseAt(baseline, { ...cr, kappa: 1.5, lambda: 1 }).response).toBe('CR');
  });
});

describe('IMWG 2006 marrow-only disease and plasmacytomas (clinical-spec.md §1.1, §1.2)', () => {
  it.each([
    [20, 'PR', 'marrow 40 → 20 %: exactly 50 % down'],
    [20.1, 'SD', 'marrow 40 → 20.1 %: 49.75 % down'],
  ])('grades marrow-only disease at %s plasma cells as %s when %s (§1.2)', (marrow, category) => {
    expect(responseAt({ serum: 0.5, marrow: 40 }, { marrow }).response).toBe(category);
  });

  it.each([
    [6, 'PR', 'SPD 12 → 6 cm2: ≥ 50 % smaller meets the PR requirement'],
    [6.1, 'SD', 'SPD 12 → 6.1 cm2: 49.2 % smaller does not'],
  ])('requires the plasmacytoma to shrink: SPD %s gives %s when %s (§1.2)', (spd, category) => {
    expect(responseAt({ serum: 3, spd: 12 }, { serum: 1, spd }).response).toBe(category);
  });
});

describe('deriveTimepointResponseImwg2006 (clinical-spec.md §1.2)', () => {
  it('judges one assessment from its inputs when called directly', () => {
    const { rows } = groupLabsByDate(labsOf({ [baselineDate]: { serum: 2 }, [firstAssessment]: { serum: 0.9 } }), {
      firstDay: 0,
      bloodPlasmaCellsAreDiseaseMeasure: false,
    });
    const [baselineRow, assessment] = rows;
    if (baselineRow === undefined || assessment === undefined) throw new Error('rows missing');
    const baseline = selectBaselineValues([baselineRow], 30, day('2006-01-10'));
    const measurable = determineMeasurableDisease(baseline, {
      flcMeasurableComparator: '>=',
      usesFreeLightChains: true,
    });
    const tracker = (): NadirTracker => new NadirTracker('running-minimum');
    const nadirs = {
      serum: tracker(),
      urine: tracker(),
      flc: tracker(),
      marrow: tracker(),
      blood: tracker(),
      circulatingPlasmaCells: tracker(),
      plasmacytoma: tracker(),
    };
    nadirs.serum.start(2, day(baselineDate));
    const evaluation = deriveTimepointResponseImwg2006({
      values: assessment,
      baseline,
      measurable,
      nadirs,
      marrow: null,
      plasmacytoma: null,
    });
    expect(evaluation.category).toBe('PR');
    expect(evaluation.because).toBe(
      'serum M-protein 2 → 0.9 g/dL (−55%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%)',
    );
  });
});

describe('IMWG 2006 worked patient series (clinical-spec.md §1.2, §1.4, §1.6)', () => {
  const result = deriveResponse({
    labs: labsOf({
      '2006-01-03': { marrow: 45 },
      '2006-01-05': { serum: 3.4, urine: 450, kappa: 1.2, lambda: 80 },
      '2006-02-07': { serum: 1.3, urine: 150 },
      '2006-03-07': { serum: 0.3, urine: 80 },
      '2006-04-04': { serum: 0.2, urine: 60 },
      '2006-05-02': {
        serum: 0,
        urine: 0,
        serumIfe: 'negative',
        urineIfe: 'negative',
        marrow: 3,
        kappa: 1.1,
        lambda: 1.3,
      },
      '2006-05-30': { serum: 0, urine: 0, serumIfe: 'negative', urineIfe: 'negative' },
      '2006-06-27': { serum: 0.6, urine: 0, serumIfe: 'positive' },
      '2006-07-25': { serum: 0.9, urine: 0 },
    }),
    therapyLines: therapyLines('2006-01-10'),
  });

  it('explains every time point of a PR → VGPR → CR → PD course when derived from raw labs', () => {
    expect(result.timepoints.map((timepoint) => timepoint.explanation.text)).toEqual([
      'PR on 2006-02-07, confirmed by the next assessment (2006-03-07, VGPR) — serum M-protein 3.4 → 1.3 g/dL (−61.8%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%); urine M-protein 450 → 150 mg/24h (−66.7%): PR level (< 200 mg/24h; VGPR needs < 100 mg/24h).',
      'VGPR on 2006-03-07, confirmed by the next assessment (2006-04-04, VGPR) — serum M-protein 3.4 → 0.3 g/dL (−91.2%): VGPR level (reduction ≥ 90%); urine M-protein 450 → 80 mg/24h (−82.2%): VGPR level (< 100 mg/24h).',
      'VGPR on 2006-04-04, confirmed by the next assessment (2006-05-02, CR) — serum M-protein 3.4 → 0.2 g/dL (−94.1%): VGPR level (reduction ≥ 90%); urine M-protein 450 → 60 mg/24h (−86.7%): VGPR level (< 100 mg/24h).',
      'CR on 2006-05-02, confirmed by the next assessment (2006-05-30, CR) — serum M-protein 3.4 → 0 g/dL (−100%): not detectable on electrophoresis; urine M-protein 450 → 0 mg/24h (−100%): not detectable on electrophoresis; CR: serum IFE negative, urine IFE negative, bone marrow plasma cells 3% on 2006-05-02: < 5%; sCR not assessable: marrow clonality (immunohistochemistry or flow) is not in the data.',
      'CR on 2006-05-30, not confirmed: PD at the assessment of 2006-06-27; counts as SD — serum M-protein 3.4 → 0 g/dL (−100%): not detectable on electrophoresis; urine M-protein 450 → 0 mg/24h (−100%): not detectable on electrophoresis; CR: serum IFE negative, urine IFE negative, bone marrow plasma cells 3% on 2006-05-02: < 5%; sCR not assessable: marrow clonality (immunohistochemistry or flow) is not in the data.',
      'PD on 2006-06-27, confirmed by the next assessment (2006-07-25, PD) — serum M-protein 0.6 g/dL, +0.6 g/dL from nadir 0 g/dL (2006-05-02): nadir 0, so any rise meets the 25% clause and ≥ 0.5 g/dL.',
      'PD on 2006-07-25, not confirmed: no later assessment before new therapy — serum M-protein 0.9 g/dL, +0.9 g/dL from nadir 0 g/dL (2006-05-02): nadir 0, so any rise meets the 25% clause and ≥ 0.5 g/dL.',
    ]);
  });

  it('derives the best response, progression and endpoint dates of the series (§1.6 steps 7–8)', () => {
    expect(result.measurable.map((compartment) => compartment.compartment)).toEqual(['serum', 'urine']);
    expect(result.bestResponse?.category).toBe('CR');
    expect(result.bestResponse?.explanation.text).toBe(
      'Best response CR, first documented on 2006-05-02 (confirmed on 2006-05-30), among 5 assessment(s) before confirmed PD on 2006-06-27.',
    );
    expect(result.progression?.date).toBe('2006-06-27');
    expect(result.progression?.confirmedOn).toBe('2006-07-25');
    expect(result.progression?.because).toBe(
      'serum M-protein 0.6 g/dL, +0.6 g/dL from nadir 0 g/dL (2006-05-02): nadir 0, so any rise meets the 25% clause and ≥ 0.5 g/dL',
    );
    expect(result.firstResponseDate).toBe('2006-02-07');
    expect(result.lastAdequateAssessmentDate).toBe('2006-05-30');
    expect(result.excludedAfterNewTherapy).toBe(0);
  });
});
