import { describe, expect, it } from 'vitest';
import type { ResponseCategory } from '../../domain/response-category.ts';
import {
  type ConfirmedTimepoint,
  findFirstResponseDate,
  findLastAdequateAssessmentDate,
  selectBestResponse,
} from './best-response.ts';
import { day } from './test-support.ts';

type Row = readonly [response: ResponseCategory, confirmedAs: ResponseCategory | null, confirmed: boolean];

function timepoints(rows: readonly Row[]): ConfirmedTimepoint[] {
  return rows.map(([response, confirmedAs, confirmed], index) => ({
    date: day(`2006-0${index + 1}-15`),
    response,
    confirmed,
    confirmedAs,
    confirmedOn: confirmedAs !== null && confirmedAs !== 'SD' ? day(`2006-0${index + 2}-15`) : null,
  }));
}

describe('selectBestResponse (clinical-spec.md §1.6 step 7)', () => {
  it.each([
    [
      [
        ['PR', 'PR', true],
        ['VGPR', 'VGPR', true],
        ['VGPR', 'SD', false],
      ],
      'VGPR',
      '2006-02-15',
      'the highest confirmed level',
    ],
    [
      [
        ['CR', 'VGPR', false],
        ['VGPR', 'SD', false],
      ],
      'VGPR',
      '2006-01-15',
      'a CR confirmed only as VGPR',
    ],
    [
      [
        ['PR', 'SD', false],
        ['SD', 'SD', true],
      ],
      'SD',
      '2006-01-15',
      'an unconfirmed PR counts as SD',
    ],
    [
      [
        ['SD', 'SD', true],
        ['PD', 'PD', true],
        ['CR', 'CR', true],
      ],
      'SD',
      '2006-01-15',
      'nothing after confirmed PD counts',
    ],
    [
      [
        ['PD', 'PD', true],
        ['PD', null, false],
      ],
      'PD',
      '2006-01-15',
      'PD at the first assessment',
    ],
    [
      [
        ['NE', null, false],
        ['PD', null, false],
      ],
      'NE',
      null,
      'only an unconfirmed PD',
    ],
  ] as const)('selects from %j the best response %s on %s when %s', (rows, category, date, _why) => {
    const best = selectBestResponse(timepoints(rows));
    expect(best?.category).toBe(category);
    expect(best?.date ?? null).toBe(date);
  });

  it('returns null when there was no assessment (§1.6)', () => {
    expect(selectBestResponse([])).toBeNull();
  });

  it('explains a best response confirmed at a lower level', () => {
    const best = selectBestResponse(
      timepoints([
        ['CR', 'VGPR', false],
        ['VGPR', 'SD', false],
      ]),
    );
    expect(best?.explanation.text).toBe(
      'Best response VGPR, first documented on 2006-01-15 (CR confirmed as VGPR on 2006-02-15), among 2 assessment(s).',
    );
  });
});

describe('findFirstResponseDate and findLastAdequateAssessmentDate (clinical-spec.md §8)', () => {
  const rows: readonly Row[] = [
    ['SD', 'SD', true],
    ['PR', 'SD', false],
    ['PR', 'PR', true],
    ['NE', null, false],
    ['PD', 'PD', true],
    ['PD', null, false],
  ];

  it('finds the first confirmed response of PR or better before PD (DoR and time to response)', () => {
    expect(findFirstResponseDate(timepoints(rows))).toBe('2006-03-15');
  });

  it('finds the last assessment without PD or NE before confirmed PD (PFS censoring)', () => {
    expect(findLastAdequateAssessmentDate(timepoints(rows))).toBe('2006-03-15');
  });
});
