import { readGolden, readGoldenText } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { treatmentContrasts } from './cox-design-matrix.ts';

describe('treatmentContrasts', () => {
  it("names veteran's celltype dummies as R does when the levels are given", () => {
    const [header, ...lines] = readGoldenText('veteran.csv').trim().split('\n');
    const column = (header ?? '').split(',').indexOf('"celltype"');
    const celltype = lines.map((line) => (line.split(',')[column] ?? '').replace(/"/g, ''));
    const contrasts = treatmentContrasts(celltype, ['squamous', 'smallcell', 'adeno', 'large'], 'celltype');
    const golden = readGolden<{ cox: { terms: string[] }[] }>('veteran.json').cox[1];
    expect(contrasts.names).toEqual(golden?.terms.slice(1, 4));
    const counts = contrasts.columns.map((values) => values.reduce((sum, value) => sum + value, 0));
    expect(counts).toEqual([48, 27, 27]); // table(veteran$celltype): squamous 35, smallcell 48, adeno 27, large 27
  });

  it('uses the sorted distinct values as levels, first as reference, when levels are omitted', () => {
    const contrasts = treatmentContrasts(['Nonmaintained', 'Maintained', 'Nonmaintained'], undefined, 'x');
    expect(contrasts.levels).toEqual(['Maintained', 'Nonmaintained']);
    expect(contrasts.names).toEqual(['xNonmaintained']); // golden/aml.json term
    expect(contrasts.columns.map((values) => Array.from(values))).toEqual([[1, 0, 1]]);
  });

  it('gives NaN in every column when a value is missing', () => {
    const contrasts = treatmentContrasts(['a', null, 'c'], ['a', 'b', 'c']);
    expect(contrasts.columns.map((values) => Array.from(values))).toEqual([
      [0, Number.NaN, 0],
      [0, Number.NaN, 1],
    ]);
  });

  it('throws when a value is not one of the levels or a level repeats', () => {
    expect(() => treatmentContrasts(['a', 'z'], ['a', 'b'])).toThrow(RangeError);
    expect(() => treatmentContrasts(['a'], ['a', 'a'])).toThrow(RangeError);
  });
});
