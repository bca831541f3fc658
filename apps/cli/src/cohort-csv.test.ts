/**
 * The cohort CSV reader: both parsing paths (quote-free split and papaparse) read the same table,
 * line numbers survive blank lines and quoted newlines, and R's input conventions hold (status
 * coding, NA handling, factor level order, `as.character` names of numeric levels).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import {
  type CohortTable,
  compareLabels,
  formatRNumber,
  parseCohortCsv,
  parseLevelsOptions,
  readEventColumn,
  readFactor,
  readTimeColumn,
  selectCompleteRows,
} from './cohort-csv.ts';

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error('expected a CliError');
}

function numbers(table: CohortTable, name: string): number[] {
  const column = table.columns.get(name);
  if (column?.kind !== 'number') throw new Error(`${name} is not numeric`);
  return Array.from(column.values);
}

describe('parseCohortCsv', () => {
  it('reads only the requested columns, NA and empty cells as missing, when the file is quote-free', () => {
    const table = parseCohortCsv('id,time,status\n1,5,1\n2,NA,0\n3,,1\n', 'a.csv', [
      { name: 'time', kind: 'number' },
      { name: 'status', kind: 'auto' },
    ]);
    expect(table.rowCount).toBe(3);
    expect([...table.columns.keys()]).toEqual(['time', 'status']);
    expect(numbers(table, 'time')).toEqual([5, Number.NaN, Number.NaN]);
    expect(numbers(table, 'status')).toEqual([1, 0, 1]);
  });

  it('reads R write.csv output (quoted header and strings) through papaparse', () => {
    const table = parseCohortCsv('"time","status","x"\n9,1,"Maintained"\n13,0,"Non, maintained"\n', 'aml.csv', [
      { name: 'time', kind: 'number' },
      { name: 'x', kind: 'auto' },
    ]);
    expect(numbers(table, 'time')).toEqual([9, 13]);
    const x = table.columns.get('x');
    expect(x?.kind === 'text' ? x.labels : null).toEqual(['Maintained', 'Non, maintained']);
  });

  it('gives the same columns on both paths for any table of numbers and labels', () => {
    const cell = fc.oneof(
      fc.integer({ min: -5, max: 500 }).map(String),
      fc.constantFrom('NA', '', '2.5', '1e3', 'abc', 'P', 'S'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }), (rows) => {
        const requests = [
          { name: 'a', kind: 'auto' as const },
          { name: 'b', kind: 'text' as const },
        ];
        const plain = parseCohortCsv(`a,b\n${rows.map((row) => row.join(',')).join('\n')}\n`, 'p.csv', requests);
        const quoted = parseCohortCsv(
          `"a","b"\r\n${rows.map(([a, b]) => `"${a}",${b}`).join('\r\n')}\r\n`,
          'q.csv',
          requests,
        );
        expect(quoted.rowCount).toBe(plain.rowCount);
        expect(quoted.columns).toEqual(plain.columns);
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('names the file line of a row after blank lines and quoted newlines', () => {
    const quoteFree = parseCohortCsv('\ntime,status\n1,1\n\n2,0\n', 'a.csv', [{ name: 'time', kind: 'number' }]);
    expect([quoteFree.lineOf(0), quoteFree.lineOf(1)]).toEqual([3, 5]);
    const quoted = parseCohortCsv('time,note\n1,"two\nlines"\n\n2,x\n3,y\n', 'b.csv', [
      { name: 'time', kind: 'number' },
    ]);
    expect([quoted.lineOf(0), quoted.lineOf(1), quoted.lineOf(2)]).toEqual([2, 5, 6]);
  });

  it('lists the available columns when a column is unknown', () => {
    expect(errorOf(() => parseCohortCsv('time,status\n1,1\n', 'a.csv', [{ name: 'tim', kind: 'number' }]))).toBe(
      'a.csv: unknown column "tim"; the columns are: time, status',
    );
  });

  it('rejects an empty file, a header-only file, a ragged row and a non-number in a numeric column', () => {
    const time = [{ name: 'time', kind: 'number' as const }];
    expect(errorOf(() => parseCohortCsv(' \n\n', 'e.csv', time))).toBe('e.csv: the file is empty');
    expect(errorOf(() => parseCohortCsv('time,status\n', 'h.csv', time))).toBe(
      'h.csv: the file has a header but no data rows',
    );
    expect(errorOf(() => parseCohortCsv('time,status\n1,1\n2\n', 'r.csv', time))).toBe(
      'r.csv, line 3: expected 2 fields, found 1',
    );
    expect(errorOf(() => parseCohortCsv('time,status\n1,1\n\nabc,0\n', 'n.csv', time))).toBe(
      'n.csv, line 4, column time: expected a number; got "abc"',
    );
  });
});

describe('readEventColumn', () => {
  const read = (cells: string): number[] => {
    const table = parseCohortCsv(`status\n${cells.split(' ').join('\n')}\n`, 's.csv', [
      { name: 'status', kind: 'auto' },
    ]);
    return Array.from(readEventColumn(table, 'status'));
  };

  it('accepts 0/1, true/false in any case, and 1/2 by subtracting 1 when the largest code is 2', () => {
    expect(read('0 1 NA 1')).toEqual([0, 1, Number.NaN, 1]);
    expect(read('TRUE false True NA')).toEqual([1, 0, 1, Number.NaN]);
    expect(read('1 2 2 1')).toEqual([0, 1, 1, 0]);
  });

  it('names the line and column of a code outside the accepted sets', () => {
    expect(errorOf(() => read('0 1 3'))).toBe(
      's.csv, line 4, column status: event code 3 is not one of 0/1, 1/2 or true/false',
    );
    expect(errorOf(() => read('0 1 2'))).toContain('line 2, column status: event code 0 is not one of');
    expect(errorOf(() => read('1 dead'))).toBe(
      's.csv, line 3, column status: expected an event code (0/1, 1/2 or true/false); got "dead"',
    );
  });
});

describe('readTimeColumn', () => {
  it('names the line and column of a negative or infinite time', () => {
    const table = parseCohortCsv('time\n1\n-2\n', 't.csv', [{ name: 'time', kind: 'number' }]);
    expect(errorOf(() => readTimeColumn(table, 'time'))).toBe(
      't.csv, line 3, column time: expected a time ≥ 0; got -2',
    );
    const infinite = parseCohortCsv('time\nInf\n', 't.csv', [{ name: 'time', kind: 'number' }]);
    expect(errorOf(() => readTimeColumn(infinite, 'time'))).toContain(
      'line 2, column time: expected a time ≥ 0; got Inf',
    );
  });
});

describe('readFactor', () => {
  const table = parseCohortCsv('g,x\nb,2\nB,10\na,2\nNA,1.5\n', 'f.csv', [
    { name: 'g', kind: 'auto' },
    { name: 'x', kind: 'auto' },
  ]);

  it('orders text levels as R in a UTF-8 locale and numeric levels ascending, named as as.character', () => {
    expect(readFactor(table, 'g')).toMatchObject({ levels: ['a', 'b', 'B'], isNumeric: false });
    expect(Array.from(readFactor(table, 'g').codes)).toEqual([1, 2, 0, -1]);
    expect(readFactor(table, 'x')).toMatchObject({ levels: ['1.5', '2', '10'], isNumeric: true });
  });

  it('follows --levels and rejects a value outside them', () => {
    expect(Array.from(readFactor(table, 'g', ['B', 'b', 'a']).codes)).toEqual([1, 0, 2, -1]);
    expect(errorOf(() => readFactor(table, 'g', ['a', 'b']))).toBe(
      'f.csv, line 3, column g: "B" is not one of the levels given (a, b)',
    );
  });
});

describe('compareLabels', () => {
  it('sorts as R 4.2 sort() does in the C.UTF-8 locale with ICU', () => {
    // Rscript -e 'sort(c("b","A","a","B","a-b","ab","Zeta","élan","eta"))'
    expect(['b', 'A', 'a', 'B', 'a-b', 'ab', 'Zeta', 'élan', 'eta'].sort(compareLabels)).toEqual([
      'a',
      'A',
      'a-b',
      'ab',
      'b',
      'B',
      'élan',
      'eta',
      'Zeta',
    ]);
  });
});

describe('formatRNumber', () => {
  it('writes numbers as R 4.2 as.character does', () => {
    // Rscript -e 'as.character(c(1e5, 0.1 + 0.2, 1/3, 1e15, 123456.7, 0.0001, -2.5, 1e-20, 100))'
    expect([1e5, 0.1 + 0.2, 1 / 3, 1e15, 123456.7, 0.0001, -2.5, 1e-20, 100].map(formatRNumber)).toEqual([
      '1e+05',
      '0.3',
      '0.333333333333333',
      '1e+15',
      '123456.7',
      '1e-04',
      '-2.5',
      '1e-20',
      '100',
    ]);
  });
});

describe('parseLevelsOptions', () => {
  it('reads column=level,level and rejects a malformed or repeated option', () => {
    expect(parseLevelsOptions(['celltype=squamous, smallcell,adeno,large'])).toEqual(
      new Map([['celltype', ['squamous', 'smallcell', 'adeno', 'large']]]),
    );
    expect(errorOf(() => parseLevelsOptions(['celltype']))).toContain('--levels expects column=level1,level2');
    expect(errorOf(() => parseLevelsOptions(['x=a', 'x=b']))).toBe('--levels is given twice for x');
  });
});

describe('selectCompleteRows', () => {
  it('drops every row with a missing value in any column and counts each dropped row once', () => {
    const result = selectCompleteRows(4, [Float64Array.of(1, Number.NaN, 3, Number.NaN), Int32Array.of(0, -1, -1, 1)]);
    expect(Array.from(result.rows)).toEqual([0]);
    expect(result.dropped).toBe(3);
  });
});
