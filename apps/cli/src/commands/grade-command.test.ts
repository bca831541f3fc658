/**
 * `mmreg grade` in-process: fixture CSVs written to a temporary directory, graded with CTCAE v3.0 and
 * v5.0 (clinical-spec.md §4.1), and every kind of bad input reported with file, line, column and reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, describeCliError } from '../cli-error.ts';
import { type GradedLabRow, runGrade } from './grade-command.ts';

const directory = mkdtempSync(join(tmpdir(), 'mmreg-grade-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fixtureCount = 0;
function fixture(text: string): string {
  fixtureCount += 1;
  const path = join(directory, `labs-${fixtureCount}.csv`);
  writeFileSync(path, text);
  return path;
}

function gradeJson(text: string, ctcae: 'v3' | 'v5'): GradedLabRow[] {
  return JSON.parse(runGrade({ file: fixture(text), ctcae, json: true })) as GradedLabRow[];
}

function cliError(text: string, ctcae: 'v3' | 'v5' = 'v5'): CliError {
  try {
    runGrade({ file: fixture(text), ctcae, json: false });
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

const goodFile = [
  'test,value,unit,uln,lln,baseline',
  'platelets,49000,/µL,,150000,',
  'anc,0.45,10^9/L,,2.0,',
  'hemoglobin,64,g/L,,120,',
  'creatinine,159.12,µmol/L,106.08,,',
  'creatinine,3.1,mg/dL,1.2,,1.0',
  'calcium,12.0,mg/dL,10.5,,',
  'calcium,1.7,mmol/L,,2.12,',
  'potassium,6.5,mmol/L,5.1,3.5,',
  'uric_acid,8.5,mg/dL,7.0,,',
  'phosphate,2.2,mg/dL,,2.7,',
  '',
].join('\n');

describe('runGrade (clinical-spec.md §4.1, issue 4 item 9)', () => {
  it.each([
    // [line, test, term v3, grade v3, term v5, grade v5]
    [2, 'platelets', 'Platelets', 3, 'Platelet count decreased', 3],
    [3, 'anc', 'Neutrophils/granulocytes (ANC/AGC)', 4, 'Neutrophil count decreased', 4],
    [4, 'hemoglobin', 'Hemoglobin', 4, 'Anemia', 3],
    [5, 'creatinine', 'Creatinine', 1, 'Creatinine increased', 1],
    [6, 'creatinine', 'Creatinine', 2, 'Creatinine increased', 3],
    [7, 'calcium', 'Calcium, serum-high (hypercalcemia)', 2, 'Hypercalcemia', 2],
    [8, 'calcium', 'Calcium, serum-low (hypocalcemia)', 3, 'Hypocalcemia', 3], // 1.7 mmol/L = 6.81 mg/dL
    [9, 'potassium', 'Potassium, serum-high (hyperkalemia)', 3, 'Hyperkalemia', 3],
    [10, 'uric_acid', 'Uric acid, serum-high (hyperuricemia)', 3, 'Hyperuricemia', 3],
    [11, 'phosphate', 'Phosphate, serum-low (hypophosphatemia)', 2, 'Hypophosphatemia', 1],
  ] as const)(
    'grades line %s (%s) in both versions when the row is valid (§4.1)',
    (line, test, termV3, gradeV3, termV5, gradeV5) => {
      const v3 = gradeJson(goodFile, 'v3').find((row) => row.row === line);
      const v5 = gradeJson(goodFile, 'v5').find((row) => row.row === line);
      expect(v3).toMatchObject({ row: line, test, term: termV3, grade: gradeV3, version: 'v3' });
      expect(v5).toMatchObject({ row: line, test, term: termV5, grade: gradeV5, version: 'v5' });
    },
  );

  it('prints the spec’s JSON keys with the value and unit as written when --json is given (issue 4 item 9)', () => {
    const [first] = gradeJson(goodFile, 'v5');
    expect(Object.keys(first ?? {})).toEqual([
      'row',
      'test',
      'value',
      'unit',
      'term',
      'grade',
      'version',
      'explanation',
    ]);
    expect(first).toMatchObject({ value: 49000, unit: '/µL' });
    expect(first?.explanation).toContain('platelets 49 10^9/L');
  });

  it('prints a readable table with each row’s explanation when --json is not given', () => {
    const text = runGrade({ file: fixture(goodFile), ctcae: 'v3', json: false });
    expect(text.startsWith('CTCAE v3.0 grades\n')).toBe(true);
    expect(text).toMatch(/platelets\s+49000\s+\/µL\s+Platelets\s+3/);
    expect(text).toContain('line 6: Creatinine (CTCAE v3.0) grade 2');
    expect(text).toContain('baseline not used');
  });

  it('reads quoted cells, CRLF line ends, a BOM and blank lines when the file has them', () => {
    const rows = gradeJson('\ufefftest,value,unit,lln\r\n\r\n"platelets","30","10^9/L",150\r\n', 'v5');
    expect(rows).toEqual([expect.objectContaining({ row: 3, grade: 3 })]);
  });

  it('accepts upper-case column names and needs no optional column when none is required', () => {
    expect(gradeJson('TEST,Value,UNIT\nplatelets,20,10^9/L\n', 'v5')[0]?.grade).toBe(4);
  });
});

describe('runGrade bad input (issue 4 item 10: file, line, column, reason; exit 2)', () => {
  it.each([
    ['an unknown test', 'test,value,unit\nplatlets,30,10^9/L\n', 2, 'test', 'unknown test "platlets"'],
    [
      'a test without a CTCAE term',
      'test,value,unit\nserum_m_protein,3,g/dL\n',
      2,
      'test',
      'has no CTCAE laboratory term',
    ],
    ['a qualitative test', 'test,value,unit\nserum_ife,1,g/dL\n', 2, 'test', 'has no CTCAE laboratory term'],
    [
      'an unknown unit',
      'test,value,unit\nplatelets,30,10^6/L\n',
      2,
      'unit',
      'unit "10^6/L" is not accepted for platelets',
    ],
    ['a missing unit', 'test,value,unit\nplatelets,30,\n', 2, 'unit', 'the unit is missing'],
    [
      'a non-numeric value',
      'test,value,unit\nplatelets,thirty,10^9/L\n',
      2,
      'value',
      'expected a number, got "thirty"',
    ],
    ['a missing value', 'test,value,unit\nplatelets,,10^9/L\n', 2, 'value', 'the value is missing'],
    ['a negative value', 'test,value,unit\nplatelets,-3,10^9/L\n', 2, 'value', 'expected a number ≥ 0'],
    [
      'a non-numeric ULN',
      'test,value,unit,uln\ncreatinine,1.4,mg/dL,high\n',
      2,
      'uln',
      'expected a number, got "high"',
    ],
    ['a zero LLN', 'test,value,unit,lln\nplatelets,100,10^9/L,0\n', 2, 'lln', 'expected a number > 0'],
    [
      'a missing ULN where grading needs it',
      'test,value,unit\ncreatinine,1.4,mg/dL\n',
      2,
      'uln',
      'the ULN is needed to grade Creatinine increased',
    ],
    [
      'a missing LLN where grading needs it',
      'test,value,unit,uln\ncalcium,9.0,mg/dL,10.5\n',
      2,
      'lln',
      'the LLN is needed to grade Hypocalcemia',
    ],
    [
      'an LLN above the ULN',
      'test,value,unit,uln,lln\npotassium,4,mmol/L,3.5,5.1\n',
      2,
      'lln',
      'LLN 5.1 must be below ULN 3.5',
    ],
    [
      'too many fields',
      'test,value,unit\nplatelets,30,10^9/L,extra\n',
      2,
      null,
      'the row has 4 fields but the header has 3',
    ],
    ['an unknown column', 'test,value,unit,patient\nplatelets,30,10^9/L,P1\n', 1, 'patient', 'unknown column'],
    ['a missing required column', 'test,value\nplatelets,30\n', 1, 'unit', 'required column is missing'],
    ['a duplicated column', 'test,value,unit,uln,uln\ncreatinine,1,mg/dL,1,1\n', 1, 'uln', 'the column is given twice'],
  ] as const)('reports %s with its line and column when grading', (_name, text, line, column, message) => {
    const error = cliError(text);
    expect(error.exitCode).toBe(2);
    expect(error.issues).toHaveLength(1);
    const [found] = error.issues;
    expect(found?.file).toMatch(/labs-\d+\.csv$/);
    expect(found).toMatchObject({ line, column });
    expect(found?.message).toContain(message);
  });

  it('lists every problem of the file in one error when several rows are bad', () => {
    const error = cliError(
      [
        'test,value,unit,uln',
        'platelets,abc,10^9/L,',
        'creatinine,1.4,mg/dL,',
        'ferritin,300,ng/mL,',
        'anc,0.4,10^9/L,',
      ].join('\n'),
    );
    expect(error.issues.map((issue) => [issue.line, issue.column])).toEqual([
      [2, 'value'],
      [3, 'uln'],
      [4, 'test'],
    ]);
    const printed = describeCliError(error);
    expect(printed).toContain('line 3, column uln: the ULN is needed');
    expect(printed).toContain('3 problem(s); nothing was written.');
  });

  it('counts lines from the file when a quoted cell spans two lines', () => {
    const error = cliError('test,value,unit\n"plate\nlets",30,10^9/L\nplatelets,x,10^9/L\n');
    expect(error.issues.map((issue) => [issue.line, issue.column])).toEqual([
      [2, 'test'],
      [4, 'value'],
    ]);
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['a header without rows', 'test,value,unit\n', 'no rows to grade'],
  ])('refuses %s when reading', (_name, text, message) => {
    expect(cliError(text).message).toContain(message);
  });

  it('reports a missing file as a CliError when the path does not exist', () => {
    expect(() => runGrade({ file: join(directory, 'absent.csv'), ctcae: 'v5', json: false })).toThrow(CliError);
  });
});
