import { describe, expect, it } from 'vitest';
import { deriveResponse } from './derive-response.ts';
import { labsOf, therapyLines } from './test-support.ts';

// The reasons and checks of a time point are recorded on first read by judging again (§1.6 step 4);
// these tests pin that the deferred record matches the judgement and survives serialisation.
const course = labsOf({
  '2006-01-05': { serum: 3.4, urine: 450 },
  '2006-02-07': { serum: 1.3, urine: 150 },
  '2006-03-07': { serum: 1.2, urine: 120 },
  '2006-04-04': { serum: 1.9, urine: 160 },
  '2006-05-02': { serum: 2.1, urine: 170 },
});

describe('deferred time-point reasons (§1.6)', () => {
  it('writes the same reason text on every read and in JSON when the explanation is read late (§1.6)', () => {
    const result = deriveResponse({ labs: course, therapyLines: therapyLines('2006-01-10') });
    const first = result.timepoints[0];
    expect(first?.because).toContain('serum M-protein 3.4 → 1.3 g/dL');
    expect(first?.explanation.checks.some((check) => check.quantity.startsWith('serum M-protein'))).toBe(true);
    const serialised = JSON.parse(JSON.stringify(result.timepoints)) as {
      because: string;
      explanation: { text: string };
    }[];
    expect(serialised.map((timepoint) => timepoint.because)).toEqual(result.timepoints.map((t) => t.because));
    expect(serialised.every((timepoint) => timepoint.explanation.text.length > 0)).toBe(true);
  });

  it('lists the PD findings as the reasons and checks of a progression time point (§1.4)', () => {
    const result = deriveResponse({ labs: course, therapyLines: therapyLines('2006-01-10') });
    expect(result.progression?.date).toBe('2006-04-04');
    expect(result.progression?.because).toContain('serum M-protein 1.9 g/dL');
    expect(result.progression?.explanation.checks.map((check) => check.quantity)).toContain(
      'serum M-protein increase from nadir',
    );
  });
});
