import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabMeasurement } from '../../domain/laboratory.ts';
import { deriveResponse } from './derive-response.ts';
import { responseRules } from './index.ts';
import { day, labsOf, therapyLines } from './test-support.ts';

const course = labsOf({
  '2006-01-05': { serum: 3.4, urine: 450 },
  '2006-02-07': { serum: 1.3, urine: 150 },
  '2006-03-07': { serum: 1.2, urine: 120, calcium: 9.8 },
  '2006-04-04': { serum: 1.9, urine: 160 },
  '2006-05-02': { serum: 2.1, urine: 170 },
});

describe('deriveResponse (clinical-spec.md §1.6)', () => {
  it('records death without progression as no PD event and keeps the best response (§8.1)', () => {
    const result = deriveResponse({
      labs: course.slice(0, 6),
      therapyLines: therapyLines('2006-01-10'),
      deathDate: day('2006-03-20'),
    });
    expect(result.progression).toBeNull();
    expect(result.bestResponse?.category).toBe('PR');
    expect(result.lastAdequateAssessmentDate).toBe('2006-03-07');
    expect(result.firstResponseDate).toBe('2006-02-07');
  });

  it('has no best response, progression or adequate assessment when death precedes any assessment (§8.1)', () => {
    const result = deriveResponse({
      labs: course.slice(0, 2),
      therapyLines: therapyLines('2006-01-10'),
      deathDate: day('2006-01-25'),
    });
    expect(result.timepoints).toEqual([]);
    expect(result.bestResponse).toBeNull();
    expect(result.progression).toBeNull();
    expect(result.lastAdequateAssessmentDate).toBeNull();
  });

  it('lets death confirm a last biochemical PD and dates PD at the assessment (§1.6 step 5)', () => {
    const result = deriveResponse({
      labs: labsOf({
        '2006-01-05': { serum: 3 },
        '2006-02-07': { serum: 1.2 },
        '2006-03-07': { serum: 1.2 },
        '2006-04-04': { serum: 2 },
      }),
      therapyLines: therapyLines('2006-01-10'),
      deathDate: day('2006-04-20'),
    });
    expect(result.progression?.date).toBe('2006-04-04');
    expect(result.progression?.confirmedOn).toBe('2006-04-20');
    expect(result.lastAdequateAssessmentDate).toBe('2006-03-07');
  });

  it('ignores results dated after death and says so (§1.6)', () => {
    const result = deriveResponse({
      labs: course,
      therapyLines: therapyLines('2006-01-10'),
      deathDate: day('2006-03-20'),
    });
    expect(result.timepoints.map((timepoint) => timepoint.date)).toEqual(['2006-02-07', '2006-03-07']);
    expect(result.warnings).toEqual(['2 assessment date(s) after the death date 2006-03-20 are ignored']);
  });

  it('gives the same result whatever the order of the results (property, §1.6)', () => {
    const expected = JSON.stringify(deriveResponse({ labs: course, therapyLines: therapyLines('2006-01-10') }));
    fc.assert(
      fc.property(fc.shuffledSubarray(course, { minLength: course.length, maxLength: course.length }), (labs) => {
        const result = deriveResponse({ labs, therapyLines: therapyLines('2006-01-10') });
        expect(JSON.stringify(result)).toBe(expected);
      }),
      { seed: 20240601 },
    );
  });

  it('serialises the rendered reasons and explanations of every time point (toJSON)', () => {
    const json = JSON.parse(JSON.stringify(deriveResponse({ labs: course, therapyLines: therapyLines('2006-01-10') })));
    expect(json.timepoints[0].because).toBe(
      'serum M-protein 3.4 → 1.3 g/dL (−61.8%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%); urine M-protein 450 → 150 mg/24h (−66.7%): PR level (< 200 mg/24h; VGPR needs < 100 mg/24h)',
    );
    expect(json.progression.because).toBe(
      'serum M-protein 1.9 g/dL, +0.7 g/dL (+58.3%) from nadir 1.2 g/dL (2006-03-07): ≥ 25% and ≥ 0.5 g/dL',
    );
    expect(json.baseline.explanation.text).toContain('serum M-protein 3.4 g/dL (2006-01-05)');
    expect(json.settings.criteria).toBe('imwg2006');
  });

  it('reports conflicting duplicates and unknown results as warnings, keeping the later row (§1.6)', () => {
    const labs: LabMeasurement[] = [
      ...course,
      { test: 'serum_m_protein', date: day('2006-02-07'), value: 1.4 },
      { test: 'serum_ife', date: day('2006-02-07'), result: 'equivocal' },
    ];
    const result = deriveResponse({ labs, therapyLines: therapyLines('2006-01-10') });
    expect(result.warnings).toEqual([
      'serum_m_protein on 2006-02-07 has conflicting results (1.3, 1.4); the later row (1.4) is used',
      'serum_ife on 2006-02-07 has the unrecognised result "equivocal"; it is ignored',
    ]);
    expect(result.timepoints[0]?.because).toContain('3.4 → 1.4 g/dL');
  });

  it.each([
    ['no therapy line', { labs: course, therapyLines: [] }, 'deriveResponse needs at least the index therapy line'],
    [
      'a later line starting before the index line',
      { labs: course, therapyLines: therapyLines('2006-01-10', '2006-01-01') },
      'therapy line 2 (line 2) starts on 2006-01-01, not after the index therapy start',
    ],
    [
      'a death before the index therapy',
      { labs: course, therapyLines: therapyLines('2006-01-10'), deathDate: day('2006-01-01') },
      'death date 2006-01-01 is before the index therapy start 2006-01-10',
    ],
    [
      'a negative value',
      {
        labs: [{ test: 'serum_m_protein' as const, date: day('2006-01-05'), value: -1 }],
        therapyLines: therapyLines('2006-01-10'),
      },
      'serum_m_protein on 2006-01-05 must be a finite number ≥ 0 (got -1)',
    ],
  ])('throws a RangeError when given %s', (_, input, message) => {
    expect(() => deriveResponse(input)).toThrow(new RangeError(message));
  });

  it('rejects settings outside their range when resolving options', () => {
    expect(() =>
      deriveResponse({ labs: course, therapyLines: therapyLines('2006-01-10') }, { baselineWindowDays: -1 }),
    ).toThrow(RangeError);
  });

  it('applies each call’s own settings when options objects alternate or are rebuilt per call', () => {
    const input = { labs: course, therapyLines: therapyLines('2006-01-10') };
    expect(deriveResponse(input, { criteria: 'ebmt1998' }).criteria).toBe('ebmt1998');
    expect(deriveResponse(input, { criteria: 'imwg2006' }).criteria).toBe('imwg2006');
    expect(deriveResponse(input, { criteria: 'imwg2006', baselineWindowDays: 10 }).settings.baselineWindowDays).toBe(
      10,
    );
    expect(deriveResponse(input, { criteria: 'imwg2006' }).settings.baselineWindowDays).toBe(30);
  });

  it('lists every response rule once with its spec section (registry)', () => {
    const ids = responseRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(responseRules.every((rule) => rule.specSection.startsWith('§'))).toBe(true);
  });
});
