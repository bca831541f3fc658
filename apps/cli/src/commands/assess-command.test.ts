/**
 * `mmreg assess` in-process on temporary CSV files: the --json shape of issue 4 item 8, the readable
 * summary with reasons, and every bad-input case of item 10 as a CliError (exit 2) with file, line,
 * column and reason.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, describeCliError } from '../cli-error.ts';
import { type AssessOptions, type PatientAssessmentJson, runAssess } from './assess-command.ts';

const workspace = mkdtempSync(join(tmpdir(), 'mmreg-assess-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const labsHeader = 'patient,date,test,value,unit';

/** An IgG patient: PR, VGPR confirmed, then PD confirmed; a grade 4 platelet nadir; PCL at baseline. */
const goodLabs = [
  labsHeader,
  'P1,2005-02-01,serum_m_protein,40,g/L',
  'P1,2005-02-01,urine_m_protein,120,mg/24h',
  'P1,2005-02-01,serum_ife,positive,',
  'P1,2005-02-01,urine_ife,positive,',
  'P1,2005-02-01,pb_plasma_cells,50,%',
  'P1,2005-02-01,wbc,12700,/uL',
  'P1,2005-02-01,creatinine_uln,1.2,mg/dL',
  'P1,2005-02-01,creatinine,1.0,mg/dL',
  'P1,2005-02-15,platelets,20,10^9/L',
  ...[
    ['2005-02-25', '2.0'],
    ['2005-03-18', '0.8'],
    ['2005-04-08', '0.3'],
    ['2005-05-01', '0.3'],
    ['2005-06-01', '1.0'],
    ['2005-06-15', '1.5'],
  ].flatMap(([date, serum]) => [
    `P1,${date},serum_m_protein,${serum},g/dL`,
    `P1,${date},urine_m_protein,60,mg/24h`,
    `P1,${date},serum_ife,positive,`,
    `P1,${date},urine_ife,positive,`,
  ]),
];
const goodTherapy = ['patient,regimen,start_date,end_date', 'P1,bortezomib,2005-02-04,2005-05-20'];
const goodFollowup = ['patient,last_contact_date,vital_status,death_date', 'P1,2005-09-01,dead,2005-09-01'];

let caseNumber = 0;
function writeCase(labs: readonly string[], therapy: readonly string[], followup?: readonly string[]) {
  caseNumber += 1;
  const directory = join(workspace, `case-${caseNumber}`);
  const write = (name: string, lines: readonly string[]): string => {
    const path = join(directory, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  mkdirSync(directory, { recursive: true });
  return {
    labs: write('labs.csv', labs),
    therapy: write('therapy.csv', therapy),
    followup: followup === undefined ? undefined : write('followup.csv', followup),
  };
}

function assessJson(options: Omit<AssessOptions, 'json' | 'criteria'> & { criteria?: AssessOptions['criteria'] }) {
  return JSON.parse(runAssess({ criteria: 'imwg2006', ...options, json: true })) as PatientAssessmentJson[];
}

function cliErrorOf(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('runAssess', () => {
  it('prints one object per patient in the shape of issue 4 item 8 when given --json', () => {
    const files = writeCase(goodLabs, goodTherapy, goodFollowup);
    const [patient, ...others] = assessJson(files);
    expect(others).toEqual([]);
    expect(Object.keys(patient ?? {})).toEqual([
      'patient',
      'criteria',
      'measurable',
      'timepoints',
      'bestResponse',
      'progression',
      'pfs',
      'os',
      'toxicities',
      'pcl',
    ]);
    expect(patient?.criteria).toBe('imwg2006');
    expect(patient?.measurable).toEqual(['serum']);
    expect(patient?.timepoints.map((timepoint) => [timepoint.date, timepoint.response, timepoint.confirmed])).toEqual([
      ['2005-02-25', 'PR', true],
      ['2005-03-18', 'PR', true],
      ['2005-04-08', 'VGPR', true],
      ['2005-05-01', 'VGPR', false],
      ['2005-06-01', 'PD', true],
      ['2005-06-15', 'PD', true],
    ]);
    expect(patient?.timepoints[0]?.because).toContain('serum M-protein 4 → 2 g/dL (−50%)');
    expect(patient?.bestResponse).toEqual({ category: 'VGPR', date: '2005-04-08' });
    expect(patient?.progression?.date).toBe('2005-06-01');
    expect(patient?.pfs).toEqual({ event: true, date: '2005-06-01', months: 117 / 30.4375 });
    expect(patient?.os).toEqual({ event: true, date: '2005-09-01', months: 209 / 30.4375 });
    expect(patient?.toxicities).toEqual([
      { test: 'platelets', date: '2005-02-15', term: 'Platelets', grade: 4, version: 'v3' },
    ]);
    expect(patient?.pcl).toEqual({ imwg2003: true, imwg2021: true });
  });

  it('grades by CTCAE v5 terms when asked (§4.1)', () => {
    const files = writeCase(goodLabs, goodTherapy, goodFollowup);
    const [patient] = assessJson({ ...files, ctcae: 'v5' });
    expect(patient?.toxicities).toEqual([
      { test: 'platelets', date: '2005-02-15', term: 'Platelet count decreased', grade: 4, version: 'v5' },
    ]);
  });

  it('passes the criteria set through to the response engine (§3)', () => {
    const files = writeCase(goodLabs, goodTherapy, goodFollowup);
    const [patient] = assessJson({ ...files, criteria: 'ebmt1998' });
    expect(patient?.criteria).toBe('ebmt1998');
    expect(patient?.bestResponse?.category).not.toBe('VGPR');
  });

  it('censors OS at the last dated record when no follow-up file is given (§8)', () => {
    const files = writeCase(goodLabs, goodTherapy);
    const [patient] = assessJson({ labs: files.labs, therapy: files.therapy });
    expect(patient?.os).toEqual({ event: false, date: '2005-06-15', months: 131 / 30.4375 });
  });

  it('returns null PCL when baseline PB plasma cells or WBC is missing (§5)', () => {
    const files = writeCase(
      goodLabs.filter((line) => !line.includes('pb_plasma_cells')),
      goodTherapy,
      goodFollowup,
    );
    expect(assessJson(files)[0]?.pcl).toBeNull();
  });

  it('assesses a treated patient without laboratory rows as not evaluable, with PFS and OS from follow-up', () => {
    const files = writeCase(
      goodLabs,
      [...goodTherapy, 'P2,bortezomib,2005-03-07,'],
      [...goodFollowup, 'P2,2005-04-08,dead,2005-04-08'],
    );
    const warnings: string[] = [];
    const patients = JSON.parse(
      runAssess({ ...files, criteria: 'imwg2006', json: true, warn: (text) => warnings.push(text) }),
    ) as PatientAssessmentJson[];
    const second = patients[1];
    expect(second?.patient).toBe('P2');
    expect([second?.measurable, second?.timepoints, second?.bestResponse, second?.pcl]).toEqual([[], [], null, null]);
    expect(second?.pfs).toEqual({ event: true, date: '2005-04-08', months: 32 / 30.4375 });
    expect(second?.os).toEqual({ event: true, date: '2005-04-08', months: 32 / 30.4375 });
    expect(warnings.join('')).toContain('patient P2 has no laboratory rows: response is not evaluable');
  });

  it('prints a readable summary with the reasons when not given --json', () => {
    const files = writeCase(goodLabs, goodTherapy, goodFollowup);
    const text = runAssess({ ...files, criteria: 'imwg2006', json: false });
    expect(text).toContain('Patient P1 — IMWG 2006; index therapy bortezomib from 2005-02-04');
    expect(text).toContain('2005-04-08  VGPR confirmed: serum M-protein 4 → 0.3 g/dL (−92.5%)');
    expect(text).toContain('best response: Best response VGPR, first documented on 2005-04-08');
    expect(text).toContain('PFS: PFS event on 2005-06-01');
    expect(text).toContain('Platelets (CTCAE v3.0) grade 4 on 2005-02-15');
    expect(text).toContain('PCL at baseline (2005-02-01)');
    expect(text).toContain('1 patient(s) assessed by IMWG 2006.');
  });

  it('reports merged duplicates as warnings: in the summary, and through warn() with --json', () => {
    const files = writeCase([...goodLabs, 'P1,2005-02-01,serum_m_protein,4,g/dL'], goodTherapy, goodFollowup);
    const text = runAssess({ ...files, criteria: 'imwg2006', json: false });
    expect(text).toContain('warning: ');
    expect(text).toContain(`line ${goodLabs.length + 1}, column value: duplicate of line 2`);
    const warnings: string[] = [];
    const json = runAssess({ ...files, criteria: 'imwg2006', json: true, warn: (line) => warnings.push(line) });
    expect(JSON.parse(json)).toHaveLength(1);
    expect(warnings.join('')).toContain('duplicate of line 2');
  });

  const badInputs: ReadonlyArray<{
    readonly name: string;
    readonly labs?: readonly string[];
    readonly therapy?: readonly string[];
    readonly followup?: readonly string[];
    readonly expected: ReadonlyArray<{ file: string; line: number | null; column: string | null; message: RegExp }>;
  }> = [
    {
      name: 'an unknown test',
      labs: [...goodLabs, 'P1,2005-03-01,ldh,300,U/L'],
      expected: [{ file: 'labs.csv', line: goodLabs.length + 1, column: 'test', message: /^unknown test "ldh"/ }],
    },
    {
      name: 'an unknown unit',
      labs: [...goodLabs, 'P1,2005-03-01,serum_m_protein,1.2,g/100mL'],
      expected: [{ file: 'labs.csv', line: goodLabs.length + 1, column: 'unit', message: /^unknown unit "g\/100mL"/ }],
    },
    {
      name: 'an unparseable date',
      labs: [...goodLabs, 'P1,1/3/2005,serum_m_protein,1.2,g/dL'],
      expected: [{ file: 'labs.csv', line: goodLabs.length + 1, column: 'date', message: /^expected a date/ }],
    },
    {
      name: 'a non-numeric value',
      labs: [...goodLabs, 'P1,2005-03-01,serum_m_protein,n/a,g/dL'],
      expected: [{ file: 'labs.csv', line: goodLabs.length + 1, column: 'value', message: /^expected a number/ }],
    },
    {
      name: 'a lab dated before any therapy with no baseline',
      labs: [...goodLabs, 'P1,2004-12-01,platelets,150,10^9/L'],
      expected: [
        {
          file: 'labs.csv',
          line: goodLabs.length + 1,
          column: 'date',
          message: /no baseline-eligible platelets/,
        },
      ],
    },
    {
      name: 'duplicate rows that disagree',
      labs: [...goodLabs, 'P1,2005-02-25,serum_m_protein,2.1,g/dL'],
      expected: [
        {
          file: 'labs.csv',
          line: goodLabs.length + 1,
          column: 'value',
          message: /is 2\.1 g\/dL here but 2\.0 g\/dL on line/,
        },
      ],
    },
    {
      name: 'a patient without a therapy row',
      labs: [...goodLabs, 'P2,2005-03-01,serum_m_protein,1.2,g/dL'],
      expected: [
        { file: 'labs.csv', line: goodLabs.length + 1, column: 'patient', message: /no row in the therapy file/ },
      ],
    },
    {
      name: 'a death date before the last contact date',
      followup: ['patient,last_contact_date,vital_status,death_date', 'P1,2005-09-01,dead,2005-08-01'],
      expected: [{ file: 'followup.csv', line: 2, column: 'death_date', message: /before the last contact date/ }],
    },
  ];

  it.each(badInputs)(
    'fails with exit code 2 and file, line, column and reason when given $name (issue 4 item 10)',
    (bad) => {
      const files = writeCase(bad.labs ?? goodLabs, bad.therapy ?? goodTherapy, bad.followup ?? goodFollowup);
      const error = cliErrorOf(() => runAssess({ ...files, criteria: 'imwg2006', json: true }));
      expect(error.exitCode).toBe(2);
      expect(error.issues).toHaveLength(bad.expected.length);
      bad.expected.forEach((expected, index) => {
        const issue = error.issues[index];
        expect(issue?.file.endsWith(expected.file)).toBe(true);
        expect([issue?.line, issue?.column]).toEqual([expected.line, expected.column]);
        expect(issue?.message).toMatch(expected.message);
      });
      expect(describeCliError(error)).toMatch(/problem\(s\); nothing was written\.\n$/);
    },
  );

  it('fails with exit code 2 when an input file does not exist', () => {
    const error = cliErrorOf(() =>
      runAssess({ labs: join(workspace, 'missing.csv'), therapy: 'x.csv', criteria: 'imwg2006', json: false }),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/missing\.csv: labs file not found$/);
  });
});
