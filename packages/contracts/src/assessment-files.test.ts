import { describe, expect, it } from 'vitest';
import { type AssessmentFileTexts, parseAssessmentFiles } from './assessment-files.ts';
import type { ImportIssue } from './import-issue.ts';

const labsHeader = 'patient,date,test,value,unit';
const therapyHeader = 'patient,regimen,start_date,end_date';
const followupHeader = 'patient,last_contact_date,vital_status,death_date';

const goodLabs = [
  labsHeader,
  'P1,2005-03-01,serum_m_protein,40,g/L',
  'P1,2005-03-01,urine_m_protein,0.5,g/24h',
  'P1,2005-03-01,serum_ife,positive,',
  'P1,2005-03-01,wbc,12700,/uL',
  'P1,2005-04-01,serum_m_protein,1.5,g/dL',
  'P1,2005-04-01,creatinine,97.24,umol/L',
  'P1,2005-04-01,new_bone_lesion,No,',
];
const goodTherapy = [therapyHeader, 'P1,bortezomib,2005-03-07,2005-07-01', 'P1,VAD,2005-09-01,'];
const goodFollowup = [followupHeader, 'P1,2006-01-10,alive,'];

function files(labs: readonly string[], therapy: readonly string[], followup?: readonly string[]): AssessmentFileTexts {
  return {
    labs: { name: 'labs.csv', text: `${labs.join('\n')}\n` },
    therapy: { name: 'therapy.csv', text: `${therapy.join('\n')}\n` },
    followup: followup === undefined ? undefined : { name: 'followup.csv', text: `${followup.join('\n')}\n` },
  };
}

function issuesOf(texts: AssessmentFileTexts, options = {}): readonly ImportIssue[] {
  const result = parseAssessmentFiles(texts, options);
  if (result.ok) throw new Error('expected the files to be rejected');
  return result.issues;
}

describe('parseAssessmentFiles', () => {
  it('converts every quantitative value to its canonical unit once when the files are valid (issue 4 item 7)', () => {
    const result = parseAssessmentFiles(files(goodLabs, goodTherapy, goodFollowup));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [patient] = result.value.patients;
    expect(result.value.patients).toHaveLength(1);
    expect(patient?.patient).toBe('P1');
    const values = patient?.labs.map((lab) => ('value' in lab ? [lab.test, lab.value] : [lab.test, lab.result]));
    expect(values?.[0]).toEqual(['serum_m_protein', 4]);
    expect(values?.[1]).toEqual(['urine_m_protein', 500]);
    expect(values?.[2]).toEqual(['serum_ife', 'positive']);
    expect(values?.[3]?.[0]).toBe('wbc');
    expect(values?.[3]?.[1]).toBeCloseTo(12.7, 12);
    expect(values?.[5]?.[1]).toBeCloseTo(1.1, 12);
    expect(values?.[6]).toEqual(['new_bone_lesion', 'no']);
    expect(patient?.therapyLines.map((line) => line.regimen)).toEqual(['bortezomib', 'VAD']);
    expect(patient?.therapyLines[1]?.endDate).toBeNull();
    expect(patient?.followUp).toEqual({ vitalStatus: 'alive', lastContactDate: '2006-01-10' });
    expect(result.value.warnings).toEqual([]);
  });

  it('takes the earliest start date as the index therapy whatever the row order (issue 4 item 8)', () => {
    const result = parseAssessmentFiles(
      files(goodLabs, [therapyHeader, 'P1,VAD,2005-09-01,', 'P1,bortezomib,2005-03-07,2005-07-01']),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.patients[0]?.therapyLines.map((line) => line.startDate)).toEqual(['2005-03-07', '2005-09-01']);
    expect(result.value.patients[0]?.followUp).toBeNull();
  });

  it('sorts labs by date when rows are out of order', () => {
    const labs = [labsHeader, 'P1,2005-05-01,serum_m_protein,1,g/dL', 'P1,2005-03-01,serum_m_protein,4,g/dL'];
    const result = parseAssessmentFiles(files(labs, goodTherapy));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.patients[0]?.labs.map((lab) => lab.date)).toEqual(['2005-03-01', '2005-05-01']);
  });

  it('merges an identical duplicate (also across units) and reports it as a warning (issue 4 item 10)', () => {
    const labs = [...goodLabs, 'P1,2005-04-01,serum_m_protein,15,g/L'];
    const result = parseAssessmentFiles(files(labs, goodTherapy));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.patients[0]?.labs.filter((lab) => lab.test === 'serum_m_protein')).toHaveLength(2);
    expect(result.value.warnings).toEqual([
      {
        file: 'labs.csv',
        line: 9,
        column: 'value',
        message: 'duplicate of line 6 (serum_m_protein of patient P1 on 2005-04-01, same value): merged',
      },
    ]);
  });

  it('accepts a pre-treatment value when the same test has a baseline within the window (§1.6 step 1)', () => {
    const labs = [...goodLabs, 'P1,2004-11-01,serum_m_protein,5.1,g/dL'];
    expect(parseAssessmentFiles(files(labs, goodTherapy)).ok).toBe(true);
  });

  it('accepts a baseline exactly baselineWindowDays before the index start and on the index date (§1.6)', () => {
    const labs = [labsHeader, 'P1,2005-02-05,platelets,80,10^9/L', 'P1,2005-03-07,wbc,3,10^9/L'];
    expect(parseAssessmentFiles(files(labs, goodTherapy)).ok).toBe(true);
  });

  it('warns when a treated patient has no laboratory rows or no follow-up row', () => {
    const therapy = [...goodTherapy, 'P2,bortezomib,2005-06-01,'];
    const result = parseAssessmentFiles(files(goodLabs, therapy, goodFollowup));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.patients.map((patient) => patient.patient)).toEqual(['P1', 'P2']);
    expect(result.value.warnings.map((warning) => warning.message)).toEqual([
      'patient P2 has no laboratory rows: response is not evaluable',
      'patient P2 has no follow-up row: OS cannot be derived',
    ]);
  });

  const badCases: ReadonlyArray<{
    readonly name: string;
    readonly labs?: readonly string[];
    readonly therapy?: readonly string[];
    readonly followup?: readonly string[];
    readonly options?: { baselineWindowDays: number };
    readonly expected: readonly ImportIssue[];
  }> = [
    {
      name: 'an unknown test',
      labs: [...goodLabs, 'P1,2005-04-01,ldh,300,U/L'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'test',
          message: expect.stringMatching(/^unknown test "ldh" \(known: serum_m_protein, /) as unknown as string,
        },
      ],
    },
    {
      name: 'an unknown unit',
      labs: [...goodLabs, 'P1,2005-04-01,calcium,2.4,mEq/L'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'unit',
          message: 'unknown unit "mEq/L" for calcium (accepted: mg/dL, mmol/L)',
        },
      ],
    },
    {
      name: 'a unit that differs only in case (never guessed)',
      labs: [...goodLabs, 'P1,2005-04-01,serum_m_protein,1.2,G/DL'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'unit',
          message: 'unknown unit "G/DL" for serum_m_protein (accepted: g/dL, g/L, mg/dL)',
        },
      ],
    },
    {
      name: 'a missing unit',
      labs: [...goodLabs, 'P1,2005-04-01,platelets,80,'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'unit',
          message: expect.stringMatching(/^platelets needs a unit \(accepted: 10\^9\/L, /) as unknown as string,
        },
      ],
    },
    {
      name: 'a unit on a qualitative test',
      labs: [...goodLabs, 'P1,2005-04-01,urine_ife,negative,g/dL'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'unit',
          message: 'urine_ife is qualitative and takes no unit; got "g/dL"',
        },
      ],
    },
    {
      name: 'an unparseable date',
      labs: [...goodLabs, 'P1,01/04/2005,serum_m_protein,1.2,g/dL', 'P1,2005-02-30,serum_m_protein,1.2,g/dL'],
      expected: [
        { file: 'labs.csv', line: 9, column: 'date', message: 'expected a date as YYYY-MM-DD; got "01/04/2005"' },
        { file: 'labs.csv', line: 10, column: 'date', message: 'expected a date as YYYY-MM-DD; got "2005-02-30"' },
      ],
    },
    {
      name: 'a non-numeric value, a comma decimal, a negative value and a percentage above 100',
      labs: [
        ...goodLabs,
        'P1,2005-04-01,platelets,low,10^9/L',
        'P1,2005-04-02,platelets,"1,5",10^9/L',
        'P1,2005-04-03,platelets,-2,10^9/L',
        'P1,2005-04-03,bm_plasma_cells,120,%',
      ],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'value',
          message: 'expected a number for platelets (dot as decimal separator); got "low"',
        },
        {
          file: 'labs.csv',
          line: 10,
          column: 'value',
          message: 'expected a number for platelets (dot as decimal separator); got "1,5"',
        },
        { file: 'labs.csv', line: 11, column: 'value', message: 'platelets cannot be negative; got -2' },
        { file: 'labs.csv', line: 12, column: 'value', message: 'bm_plasma_cells is a percentage: 0–100; got 120' },
      ],
    },
    {
      name: 'a qualitative value outside the vocabulary',
      labs: [...goodLabs, 'P1,2005-04-01,serum_ife,trace,', 'P1,2005-04-01,new_bone_lesion,positive,'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'value',
          message: 'expected positive or negative for serum_ife; got "trace"',
        },
        {
          file: 'labs.csv',
          line: 10,
          column: 'value',
          message: 'expected yes or no for new_bone_lesion; got "positive"',
        },
      ],
    },
    {
      name: 'duplicate rows that disagree',
      labs: [...goodLabs, 'P1,2005-04-01,serum_m_protein,1.6,g/dL'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'value',
          message: 'serum_m_protein of patient P1 on 2005-04-01 is 1.6 g/dL here but 1.5 g/dL on line 6',
        },
      ],
    },
    {
      name: 'a lab dated before the index therapy with no baseline-eligible value of that test (§1.6 step 1)',
      labs: [...goodLabs, 'P1,2005-02-04,platelets,80,10^9/L'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'date',
          message:
            'platelets on 2005-02-04 is 31 days before the index therapy (bortezomib, 2005-03-07) and patient P1 has no baseline-eligible platelets (dated within 30 days before the index start or on it)',
        },
      ],
    },
    {
      name: 'a pre-treatment value outside a narrower baseline window',
      labs: [labsHeader, 'P1,2005-03-01,serum_m_protein,4,g/dL'],
      options: { baselineWindowDays: 5 },
      expected: [
        {
          file: 'labs.csv',
          line: 2,
          column: 'date',
          message:
            'serum_m_protein on 2005-03-01 is 6 days before the index therapy (bortezomib, 2005-03-07) and patient P1 has no baseline-eligible serum_m_protein (dated within 5 days before the index start or on it)',
        },
      ],
    },
    {
      name: 'a patient in labs.csv with no therapy row',
      labs: [...goodLabs, 'P9,2005-04-01,serum_m_protein,1.2,g/dL', 'P9,2005-05-01,serum_m_protein,1.4,g/dL'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'patient',
          message:
            'patient P9 has laboratory rows but no row in the therapy file (the index therapy is the time origin)',
        },
      ],
    },
    {
      name: 'an invalid patient code',
      labs: [...goodLabs, 'Mario Rossi,2005-04-01,serum_m_protein,1.2,g/dL'],
      expected: [
        {
          file: 'labs.csv',
          line: 9,
          column: 'patient',
          message: 'expected a patient code of 1–64 letters, digits, dot, dash or underscore; got "Mario Rossi"',
        },
      ],
    },
    {
      name: 'a missing column and an unknown column',
      labs: ['patient,date,test,value,units', 'P1,2005-03-01,wbc,3,10^9/L'],
      expected: [
        { file: 'labs.csv', line: 1, column: 'unit', message: 'required column is missing from the header' },
        {
          file: 'labs.csv',
          line: 1,
          column: 'units',
          message: 'unknown column (expected: patient, date, test, value, unit)',
        },
      ],
    },
    {
      name: 'a therapy ending before it starts, an empty regimen and two lines starting the same day',
      therapy: [...goodTherapy, 'P1,MP,2005-09-01,', 'P1,Thal,2006-01-01,2005-12-01', 'P1,,2006-02-01,'],
      expected: [
        {
          file: 'therapy.csv',
          line: 6,
          column: 'regimen',
          message: 'expected text; got an empty cell',
        },
        {
          file: 'therapy.csv',
          line: 4,
          column: 'start_date',
          message:
            'patient P1 already has a line starting on 2005-09-01 (line 3): which line is which would be ambiguous',
        },
        {
          file: 'therapy.csv',
          line: 5,
          column: 'end_date',
          message: 'end date 2005-12-01 is before the start date 2006-01-01',
        },
      ],
    },
    {
      name: 'a death date before the last contact date',
      followup: [followupHeader, 'P1,2006-01-10,dead,2006-01-02'],
      expected: [
        {
          file: 'followup.csv',
          line: 2,
          column: 'death_date',
          message: 'death date 2006-01-02 is before the last contact date 2006-01-10',
        },
      ],
    },
    {
      name: 'a dead patient without a death date, a living one with a death date and an unknown status',
      therapy: [...goodTherapy, 'P2,bortezomib,2005-06-01,', 'P3,bortezomib,2005-06-01,'],
      followup: [followupHeader, 'P1,2006-01-10,dead,', 'P2,2006-01-10,alive,2006-01-10', 'P3,2006-01-10,lost,'],
      expected: [
        {
          file: 'followup.csv',
          line: 4,
          column: 'vital_status',
          message: 'expected one of alive, dead; got "lost"',
        },
        {
          file: 'followup.csv',
          line: 2,
          column: 'death_date',
          message: 'vital_status is dead but the death date is empty',
        },
        {
          file: 'followup.csv',
          line: 3,
          column: 'death_date',
          message: 'a death date is given but vital_status is alive',
        },
      ],
    },
    {
      name: 'a follow-up row for an untreated patient, a duplicate row and a last contact before the index start',
      followup: [followupHeader, 'P1,2005-03-01,alive,', 'P1,2006-01-10,alive,', 'P7,2006-01-10,alive,'],
      expected: [
        {
          file: 'followup.csv',
          line: 2,
          column: 'last_contact_date',
          message: 'last contact 2005-03-01 is before the index therapy start 2005-03-07',
        },
        {
          file: 'followup.csv',
          line: 3,
          column: 'patient',
          message: 'patient P1 already has a follow-up row (line 2)',
        },
        {
          file: 'followup.csv',
          line: 4,
          column: 'patient',
          message: 'patient P7 has no row in the therapy file (the index therapy is the time origin)',
        },
      ],
    },
    {
      name: 'a lab and a therapy dated after death',
      followup: [followupHeader, 'P1,2005-03-30,dead,2005-03-31'],
      expected: [
        {
          file: 'labs.csv',
          line: 6,
          column: 'date',
          message:
            'serum_m_protein on 2005-04-01 is after the death date (2005-03-31) of patient P1 in the follow-up file',
        },
        {
          file: 'labs.csv',
          line: 7,
          column: 'date',
          message: 'creatinine on 2005-04-01 is after the death date (2005-03-31) of patient P1 in the follow-up file',
        },
        {
          file: 'labs.csv',
          line: 8,
          column: 'date',
          message:
            'new_bone_lesion on 2005-04-01 is after the death date (2005-03-31) of patient P1 in the follow-up file',
        },
        {
          file: 'therapy.csv',
          line: 3,
          column: 'start_date',
          message: 'VAD starts on 2005-09-01, after the death date (2005-03-31) of patient P1 in the follow-up file',
        },
      ],
    },
    {
      name: 'a file with a header but no rows',
      therapy: [therapyHeader],
      expected: [
        { file: 'therapy.csv', line: null, column: null, message: 'the file has a header but no rows' },
        {
          file: 'labs.csv',
          line: 2,
          column: 'patient',
          message:
            'patient P1 has laboratory rows but no row in the therapy file (the index therapy is the time origin)',
        },
      ],
    },
  ];

  it.each(badCases)(
    'rejects the files with file, line, column and reason when given $name (issue 4 item 10)',
    (bad) => {
      const texts = files(bad.labs ?? goodLabs, bad.therapy ?? goodTherapy, bad.followup);
      expect(issuesOf(texts, bad.options ?? {})).toEqual(bad.expected);
    },
  );

  it('collects every problem of every file in one pass rather than stopping at the first', () => {
    const issues = issuesOf(
      files(
        [...goodLabs, 'P1,2005-04-01,ldh,3,U/L', 'P1,2005-13-01,wbc,3,10^9/L'],
        [...goodTherapy, 'P1,Thal,2006-01-01,2005-12-01'],
        [followupHeader, 'P1,2006-01-10,dead,2006-01-02'],
      ),
    );
    expect(issues.map((issue) => `${issue.file}:${issue.line}:${issue.column}`)).toEqual([
      'labs.csv:9:test',
      'labs.csv:10:date',
      'therapy.csv:4:end_date',
      'followup.csv:2:death_date',
    ]);
  });

  it('throws a RangeError when the baseline window is not a whole number of days', () => {
    expect(() => parseAssessmentFiles(files(goodLabs, goodTherapy), { baselineWindowDays: -1 })).toThrow(RangeError);
  });
});
