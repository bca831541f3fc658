import type { ChildFormKind } from '@mmreg/contracts';
import { describe, expect, it } from 'vitest';
import {
  formCompletenessOf,
  isFormExpected,
  type StatusCounts,
  summarisePatientCompleteness,
} from './patient-completeness.ts';

const counts = (complete: number, unverified: number, incomplete: number): StatusCounts => ({
  complete,
  unverified,
  incomplete,
});
const primary = { priorMyelomaDiagnosisDate: null, formStatus: 'complete' as const };
const secondary = { priorMyelomaDiagnosisDate: '2003-01-01' as never, formStatus: 'complete' as const };

describe('formCompletenessOf', () => {
  it.each([
    ['complete', counts(3, 0, 0), true],
    ['unverified', counts(2, 1, 0), true],
    ['incomplete', counts(2, 1, 1), true],
    ['missing', counts(0, 0, 0), true],
    ['not-required', counts(0, 0, 0), false],
    ['complete', counts(1, 0, 0), false],
  ] as const)('is %s when the records are %o and expected is %s', (status, formCounts, isExpected) => {
    expect(formCompletenessOf('assessments', formCounts, isExpected).status).toBe(status);
  });
});

describe('isFormExpected', () => {
  it('expects administrations once a course is recorded and prior lines for secondary PCL only', () => {
    const none = new Map<ChildFormKind, StatusCounts>();
    const withCourse = new Map<ChildFormKind, StatusCounts>([['courses', counts(0, 0, 1)]]);
    expect(isFormExpected('administrations', primary, none)).toBe(false);
    expect(isFormExpected('administrations', primary, withCourse)).toBe(true);
    expect(isFormExpected('prior-therapies', primary, none)).toBe(false);
    expect(isFormExpected('prior-therapies', secondary, none)).toBe(true);
    expect(isFormExpected('adverse-events', secondary, withCourse)).toBe(false);
    for (const form of ['enrolment', 'courses', 'assessments', 'follow-up'] as const) {
      expect(isFormExpected(form, primary, none)).toBe(true);
    }
  });
});

describe('summarisePatientCompleteness', () => {
  it('counts a recorded optional form (adverse events) and leaves an empty one out of m', () => {
    const formCounts = new Map<ChildFormKind, StatusCounts>([
      ['courses', counts(1, 0, 0)],
      ['administrations', counts(4, 0, 0)],
      ['assessments', counts(9, 0, 0)],
      ['follow-up', counts(1, 0, 0)],
      ['adverse-events', counts(1, 0, 0)],
    ]);
    const summary = summarisePatientCompleteness(primary, formCounts);
    expect(summary).toMatchObject({ completeForms: 6, expectedForms: 6 });
    expect(summary.forms.map((form) => form.form)).toEqual([
      'enrolment',
      'prior-therapies',
      'courses',
      'administrations',
      'assessments',
      'adverse-events',
      'follow-up',
    ]);
    expect(summary.forms[1]).toMatchObject({ form: 'prior-therapies', status: 'not-required' });
  });
});
