import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../import-issue.ts';
import type { ImportBatch } from '../registry/registry-schemas.ts';
import { parseRegistryImport, type RegistryImportFile, type RegistryImportOptions } from './parse-registry-import.ts';

const centers = [
  { id: 1, code: 'demo-a' },
  { id: 2, code: 'demo-b' },
];

const patientsHeader =
  'patient,center,sex,birth_year,diagnosis_date,prior_myeloma_diagnosis_date,heavy_chain,light_chain,is_non_secretory,pb_plasma_cells_percent,wbc_per_1e9_l,hemoglobin_g_per_dl,platelets_per_1e9_l,creatinine_mg_per_dl,extramedullary_sites,karyotype,notes';
const goodPatients = [
  patientsHeader,
  'P1,demo-a,female,1950,2005-03-01,,IgG,kappa,no,40,12.7,10.4,70,1.1,skin;pleura,normal,',
  'P2,demo-b,male,1948,2006-01-10,2003-05-01,IgA,lambda,no,25,9,8.2,50,2.4,,del13,synthetic',
];
const goodLabs = [
  'patient,date,test,value,unit',
  'P1,2005-03-01,serum_m_protein,40,g/L',
  'P1,2005-03-01,serum_ife,Positive,',
  'P1,2005-04-01,serum_m_protein,1.5,g/dL',
  'P2,2006-01-12,wbc,9000,/uL',
];
const goodTherapy = [
  'patient,regimen,start_date,end_date',
  'P1,VAD,2005-09-01,',
  'P1,bortezomib,2005-03-07,2005-07-01',
  'P2,VTD,2006-01-15,2006-05-01',
];
const goodFollowup = [
  'patient,last_contact_date,vital_status,death_date',
  'P1,2006-01-10,alive,',
  'P2,2007-02-01,dead,2007-02-01',
];
const goodAdverseEvents = [
  'patient,term,ctcae_version,grade,onset_date,resolution_date,is_serious,attribution,action',
  'P1,Peripheral sensory neuropathy,v3,2,2005-04-20,,no,probable,dose-reduced',
];

function csv(name: string, lines: readonly string[]): RegistryImportFile {
  return { name, bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) };
}

function goodFiles(replace: Partial<Record<string, readonly string[]>> = {}): RegistryImportFile[] {
  const files: Record<string, readonly string[]> = {
    'patients.csv': goodPatients,
    'labs.csv': goodLabs,
    'therapy.csv': goodTherapy,
    'followup.csv': goodFollowup,
    'adverse_events.csv': goodAdverseEvents,
    ...replace,
  };
  return Object.entries(files).map(([name, lines]) => csv(name, lines));
}

async function batchOf(
  files: readonly RegistryImportFile[],
  options: Partial<RegistryImportOptions> = {},
): Promise<ImportBatch> {
  const result = await parseRegistryImport(files, { centers, ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
  return result.value;
}

async function issuesOf(
  files: readonly RegistryImportFile[],
  options: Partial<RegistryImportOptions> = {},
): Promise<readonly ImportIssue[]> {
  const result = await parseRegistryImport(files, { centers, ...options });
  if (result.ok) throw new Error('expected the import to be rejected');
  return result.issues;
}

describe('parseRegistryImport (long CSV files)', () => {
  it('turns every row into a registry form when the five files are valid', async () => {
    const batch = await batchOf(goodFiles());
    expect(batch.sources).toEqual(['patients.csv', 'labs.csv', 'therapy.csv', 'followup.csv', 'adverse_events.csv']);
    expect(batch.warnings).toEqual([]);
    const [p1, p2] = batch.patients;
    expect(batch.patients.map((patient) => patient.code)).toEqual(['P1', 'P2']);
    expect(p1?.patient).toMatchObject({
      code: 'P1',
      centerId: 1,
      sex: 'female',
      birthYear: 1950,
      priorMyelomaDiagnosisDate: null,
      isNonSecretory: false,
      extramedullarySites: ['skin', 'pleura'],
      notes: null,
    });
    expect(p2?.patient).toMatchObject({ centerId: 2, priorMyelomaDiagnosisDate: '2003-05-01', notes: 'synthetic' });
    expect(p1?.children.assessments).toEqual([
      { date: '2005-03-01', test: 'serum_m_protein', value: 40, result: null, unit: 'g/L' },
      { date: '2005-03-01', test: 'serum_ife', value: null, result: 'positive', unit: null },
      { date: '2005-04-01', test: 'serum_m_protein', value: 1.5, result: null, unit: 'g/dL' },
    ]);
    expect(p1?.children['follow-up']).toEqual([
      { date: '2006-01-10', vitalStatus: 'alive', deathDate: null, causeOfDeath: null, notes: null },
    ]);
    expect(p1?.children['adverse-events']?.[0]).toMatchObject({
      term: 'Peripheral sensory neuropathy',
      grade: 2,
      courseId: null,
      isSerious: false,
    });
  });

  it('flags the earliest course of each patient as the index therapy when therapy.csv has no is_index_therapy column', async () => {
    const batch = await batchOf(goodFiles());
    const courses = batch.patients[0]?.children.courses ?? [];
    expect(courses.map((course) => [course.regimen, course.isIndexTherapy])).toEqual([
      ['VAD', false],
      ['bortezomib', true],
    ]);
    expect(courses[0]).toMatchObject({ agents: [], plannedBortezomibDoseMgPerM2: null, endDate: null });
  });

  it('takes the index flag and the other course fields from optional therapy.csv columns when given', async () => {
    const batch = await batchOf([
      csv('therapy.csv', [
        'patient,regimen,start_date,end_date,agents,planned_bortezomib_dose_mg_per_m2,schedule,is_index_therapy,form_status',
        'P1,bortezomib,2005-03-07,2005-07-01,bortezomib;dexamethasone,1.3,days-1-4-8-11,no,complete',
        'P1,VAD,2005-09-01,,,,,yes,',
      ]),
    ]);
    expect(batch.patients[0]?.children.courses).toMatchObject([
      {
        regimen: 'bortezomib',
        isIndexTherapy: false,
        agents: ['bortezomib', 'dexamethasone'],
        plannedBortezomibDoseMgPerM2: 1.3,
        formStatus: 'complete',
      },
      { regimen: 'VAD', isIndexTherapy: true },
    ]);
    expect(batch.patients[0]?.patient).toBeUndefined();
  });

  it('uses the import centre for patients without a center column when --center is given', async () => {
    const header = patientsHeader.replace('patient,center,', 'patient,');
    const row = (goodPatients[1] ?? '').replace('P1,demo-a,', 'P1,');
    const batch = await batchOf([csv('patients.csv', [header, row])], { centerCode: 'demo-b' });
    expect(batch.patients[0]?.patient?.centerId).toBe(2);
  });

  it('merges an identical duplicate lab row with a warning when the same test is given twice on one day', async () => {
    const batch = await batchOf(goodFiles({ 'labs.csv': [...goodLabs, 'P1,2005-03-01,serum_m_protein,40,g/L'] }));
    expect(batch.patients[0]?.children.assessments).toHaveLength(3);
    expect(batch.warnings).toEqual([
      expect.objectContaining({
        file: 'labs.csv',
        line: 6,
        column: 'test',
        message: expect.stringContaining('duplicate of labs.csv, line 2'),
      }),
    ]);
  });

  it('returns nothing but the issues when a single cell of the last row is bad', async () => {
    const result = await parseRegistryImport(goodFiles({ 'labs.csv': [...goodLabs, 'P2,2006-02-01,wbc,many,/uL'] }), {
      centers,
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          file: 'labs.csv',
          line: 6,
          column: 'value',
          message: 'expected a number (dot as decimal separator); got "many" for wbc',
        },
      ],
    });
  });

  const cellErrors: ReadonlyArray<readonly [string, string, readonly string[], number, string, RegExp]> = [
    [
      'a patient code with a space',
      'labs.csv',
      [...goodLabs, 'P 3,2005-03-01,wbc,5,10^9/L'],
      6,
      'patient',
      /patient code/,
    ],
    [
      'an impossible date',
      'labs.csv',
      [...goodLabs, 'P1,2005-02-30,wbc,5,10^9/L'],
      6,
      'date',
      /not a day of the calendar/,
    ],
    ['a date in another format', 'labs.csv', [...goodLabs, 'P1,01/03/2005,wbc,5,10^9/L'], 6, 'date', /YYYY-MM-DD/],
    ['an unknown test', 'labs.csv', [...goodLabs, 'P1,2005-03-01,ldh,5,U/L'], 6, 'test', /unknown test/],
    [
      'a unit the test does not accept',
      'labs.csv',
      [...goodLabs, 'P1,2005-03-02,wbc,5,g/L'],
      6,
      'unit',
      /not accepted for wbc/,
    ],
    ['a quantitative value without unit', 'labs.csv', [...goodLabs, 'P1,2005-03-02,wbc,5,'], 6, 'unit', /\(none\)/],
    ['a negative value', 'labs.csv', [...goodLabs, 'P1,2005-03-02,wbc,-5,10^9/L'], 6, 'value', /cannot be negative/],
    [
      'a qualitative word not in the vocabulary',
      'labs.csv',
      [...goodLabs, 'P1,2005-03-02,serum_ife,weak,'],
      6,
      'value',
      /positive, negative/,
    ],
    [
      'a bad form status',
      'labs.csv',
      [`${goodLabs[0]},form_status`, 'P1,2005-03-02,wbc,5,10^9/L,done'],
      2,
      'form_status',
      /incomplete, unverified, complete/,
    ],
    [
      'a sex outside the vocabulary',
      'patients.csv',
      [...goodPatients, 'P3,demo-a,f,1950,2005-03-01,,IgG,kappa,no,,,,,,,normal,'],
      4,
      'sex',
      /male/,
    ],
    [
      'a birth year out of range',
      'patients.csv',
      [...goodPatients, 'P3,demo-a,male,1850,2005-03-01,,IgG,kappa,no,,,,,,,normal,'],
      4,
      'birth_year',
      /1900/,
    ],
    [
      'a birth year that is not a whole number',
      'patients.csv',
      [...goodPatients, 'P3,demo-a,male,19x0,2005-03-01,,IgG,kappa,no,,,,,,,normal,'],
      4,
      'birth_year',
      /whole number/,
    ],
    [
      'a yes/no cell with another word',
      'patients.csv',
      [...goodPatients, 'P3,demo-a,male,1950,2005-03-01,,IgG,kappa,maybe,,,,,,,normal,'],
      4,
      'is_non_secretory',
      /yes or no/,
    ],
    [
      'an empty required cell',
      'patients.csv',
      [...goodPatients, 'P3,demo-a,male,1950,,,IgG,kappa,no,,,,,,,normal,'],
      4,
      'diagnosis_date',
      /required; got an empty cell/,
    ],
    [
      'a percentage above 100',
      'patients.csv',
      [...goodPatients, 'P3,demo-a,male,1950,2005-03-01,,IgG,kappa,no,140,,,,,,normal,'],
      4,
      'pb_plasma_cells_percent',
      /100/,
    ],
    [
      'an unknown centre',
      'patients.csv',
      [...goodPatients, 'P3,demo-z,male,1950,2005-03-01,,IgG,kappa,no,,,,,,,normal,'],
      4,
      'center',
      /unknown centre demo-z \(known: demo-a, demo-b\)/,
    ],
    [
      'a patient given twice',
      'patients.csv',
      [...goodPatients, 'P1,demo-a,male,1950,2005-03-01,,IgG,kappa,no,,,,,,,normal,'],
      4,
      'patient',
      /already has a patient form \(patients.csv, line 2\)/,
    ],
    [
      'a course ending before it starts',
      'therapy.csv',
      [...goodTherapy, 'P2,VAD,2007-01-01,2006-12-01'],
      5,
      'end_date',
      /ends before it starts/,
    ],
    [
      'two courses starting the same day',
      'therapy.csv',
      [...goodTherapy, 'P2,VAD,2006-01-15,'],
      5,
      'start_date',
      /already has a course starting on 2006-01-15 with different values \(therapy.csv, line 4\)/,
    ],
    [
      'a dead patient without death date',
      'followup.csv',
      [...goodFollowup, 'P1,2006-06-01,dead,'],
      4,
      'death_date',
      /death date is required/,
    ],
    ['an unknown vital status', 'followup.csv', [...goodFollowup, 'P1,2006-06-01,lost,'], 4, 'vital_status', /alive/],
    [
      'an adverse event grade 6',
      'adverse_events.csv',
      [...goodAdverseEvents, 'P1,Fatigue,v3,6,2005-04-20,,no,,'],
      3,
      'grade',
      /5/,
    ],
    [
      'an unknown CTCAE version',
      'adverse_events.csv',
      [...goodAdverseEvents, 'P1,Fatigue,v4,2,2005-04-20,,no,,'],
      3,
      'ctcae_version',
      /v3/,
    ],
    [
      'two values for one lab on one day',
      'labs.csv',
      [...goodLabs, 'P1,2005-03-01,serum_m_protein,4.1,g/dL'],
      6,
      'test',
      /already has serum_m_protein on 2005-03-01 with different values \(labs.csv, line 2\)/,
    ],
  ];

  for (const [what, file, lines, line, column, message] of cellErrors) {
    it(`names ${file}, line ${line}, column ${column} when a row has ${what}`, async () => {
      const issues = await issuesOf(goodFiles({ [file]: lines }));
      expect(issues).toEqual([
        expect.objectContaining({ file, line, column, message: expect.stringMatching(message) }),
      ]);
    });
  }

  it('reports every problem of every file in one pass when several rows are bad', async () => {
    const issues = await issuesOf(
      goodFiles({
        'labs.csv': [...goodLabs, 'P1,2005-03-02,wbc,x,10^9/L', 'P1,2005-13-02,wbc,5,10^9/L'],
        'followup.csv': [...goodFollowup, 'P1,2006-06-01,dead,'],
      }),
    );
    expect(issues.map((issue) => [issue.file, issue.line, issue.column])).toEqual([
      ['labs.csv', 6, 'value'],
      ['labs.csv', 7, 'date'],
      ['followup.csv', 4, 'death_date'],
    ]);
  });

  it('names the header problems on line 1 when columns are missing, unknown or repeated', async () => {
    const issues = await issuesOf([
      csv('labs.csv', ['patient,date,test,value,units,value', 'P1,2005-03-01,wbc,5,10^9/L,5']),
    ]);
    expect(issues).toEqual([
      { file: 'labs.csv', line: 1, column: 'unit', message: 'required column is missing from the header' },
      expect.objectContaining({
        file: 'labs.csv',
        line: 1,
        column: 'units',
        message: expect.stringMatching(/unknown column/),
      }),
      { file: 'labs.csv', line: 1, column: 'value', message: 'column appears more than once' },
    ]);
  });

  it('names the line when a row has too many or too few fields', async () => {
    const issues = await issuesOf([csv('labs.csv', [...goodLabs, 'P1,2005-03-02,wbc,5'])]);
    expect(issues).toEqual([{ file: 'labs.csv', line: 6, column: null, message: 'expected 5 fields, found 4' }]);
  });

  it('reports file-level problems when a file is empty, has no rows, is not UTF-8 or is not recognised', async () => {
    const issues = await issuesOf([
      csv('labs.csv', ['']),
      csv('therapy.csv', ['patient,regimen,start_date,end_date']),
      { name: 'followup.csv', bytes: new Uint8Array([0x70, 0xff, 0xfe, 0x0a]) },
      csv('notes.csv', ['a,b', '1,2']),
    ]);
    expect(issues).toEqual([
      { file: 'labs.csv', line: null, column: null, message: 'the file is empty' },
      { file: 'therapy.csv', line: null, column: null, message: 'the file has a header but no rows' },
      { file: 'followup.csv', line: null, column: null, message: 'the file is not UTF-8 text' },
      expect.objectContaining({ file: 'notes.csv', line: null, message: expect.stringMatching(/unrecognised file/) }),
    ]);
  });

  it('refuses a second table of the same kind when two files hold labs', async () => {
    const issues = await issuesOf([csv('labs.csv', goodLabs), csv('more/labs.csv', goodLabs)]);
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'more/labs.csv',
        message: expect.stringMatching(/a second labs table \(the first is labs.csv\)/),
      }),
    ]);
  });

  it('refuses a patient of another centre when the import is restricted to one centre', async () => {
    const issues = await issuesOf(goodFiles(), { centerCode: 'demo-a' });
    expect(issues).toEqual([
      {
        file: 'patients.csv',
        line: 3,
        column: 'center',
        message: "patient P2 belongs to centre demo-b, outside the import's centre demo-a",
      },
    ]);
  });

  it('asks for a centre when a patient row names none and no import centre is given', async () => {
    const issues = await issuesOf([
      csv('patients.csv', [patientsHeader, 'P3,,male,1950,2005-03-01,,IgG,kappa,no,,,,,,,normal,']),
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'patients.csv',
        line: 2,
        column: 'center',
        message: expect.stringMatching(/needs a centre/),
      }),
    ]);
  });

  it('reports an unknown import centre when --center names no centre of the study', async () => {
    const issues = await issuesOf([csv('labs.csv', goodLabs)], { centerCode: 'nowhere' });
    expect(issues).toEqual([
      expect.objectContaining({ line: null, message: 'unknown centre nowhere (known: demo-a, demo-b)' }),
    ]);
  });

  it('refuses an empty file list when nothing is given', async () => {
    expect(await issuesOf([])).toEqual([
      expect.objectContaining({ file: '(none)', message: expect.stringMatching(/no files to import/) }),
    ]);
  });
});
