import { describe, expect, it } from 'vitest';
import { gradeLabTest } from './grade-lab-test.ts';

describe('gradeLabTest (clinical-spec.md §4.1)', () => {
  it.each([
    ['calcium 12.0 with ULN only', 'calcium', { value: 12.0, uln: 10.5 }, 'Hypercalcemia', 2],
    ['calcium 7.5 with LLN only', 'calcium', { value: 7.5, lln: 8.5 }, 'Hypocalcemia', 2],
    ['calcium 9.0 with both limits', 'calcium', { value: 9.0, uln: 10.5, lln: 8.5 }, 'Hypercalcemia', 0],
    ['potassium 3.2 below the LLN', 'potassium', { value: 3.2, uln: 5.1, lln: 3.5 }, 'Hypokalemia', 2],
    ['potassium 6.5 above the ULN', 'potassium', { value: 6.5, uln: 5.1, lln: 3.5 }, 'Hyperkalemia', 3],
    ['platelets 30', 'platelets', { value: 30, lln: 150 }, 'Platelet count decreased', 3],
  ] as const)(
    'reports the abnormal direction for %s when a test has two terms (§4.1)',
    (_name, test, input, term, grade) => {
      const result = gradeLabTest(test, input, { version: 'v5' });
      expect(result.term).toBe(term);
      expect(result.grade).toBe(grade);
    },
  );

  it('explains both directions when calcium is normal (§4.1)', () => {
    const result = gradeLabTest('calcium', { value: 9.0, uln: 10.5, lln: 8.5 }, { version: 'v5' });
    expect(result.explanation.text).toContain('Hypercalcemia (CTCAE v5.0) grade 0');
    expect(result.explanation.text).toContain('Hypocalcemia (CTCAE v5.0) grade 0');
    expect(result.explanation.checks.length).toBeGreaterThanOrEqual(8);
  });

  it('is not gradable when calcium is normal but the LLN is missing (§4: grade 1 needs the range)', () => {
    const result = gradeLabTest('calcium', { value: 9.0, uln: 10.5 }, { version: 'v3' });
    expect(result.kind).toBe('not-gradable');
    expect(result.term).toBe('Calcium, serum-low (hypocalcemia)');
  });

  it('throws a RangeError when the test has no CTCAE laboratory term', () => {
    expect(() => gradeLabTest('serum_m_protein', { value: 3 }, { version: 'v5' })).toThrow(/no CTCAE laboratory term/);
  });
});
