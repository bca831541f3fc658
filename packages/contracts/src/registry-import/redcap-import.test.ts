import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../import-issue.ts';
import { parseRegistryImport, type RegistryImportFile, type RegistryImportOptions } from './parse-registry-import.ts';

const exampleDirectory = new URL('../../../../examples/redcap/', import.meta.url);
const dictionaryText = readFileSync(new URL('mmreg-redcap-dictionary.csv', exampleDirectory), 'utf8');
const recordsText = readFileSync(new URL('mmreg-redcap-records.csv', exampleDirectory), 'utf8');
const centers = [
  { id: 1, code: 'demo-a' },
  { id: 2, code: 'demo-b' },
];
const variableColumn = 'Variable / Field Name';

type Table = Array<Record<string, string>>;
const read = (text: string): Table =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const write = (rows: Table, columns?: readonly string[]): string =>
  `${Papa.unparse(rows, columns === undefined ? {} : { columns: [...columns] })}\n`;
const file = (name: string, text: string): RegistryImportFile => ({ name, bytes: new TextEncoder().encode(text) });

function project(
  edit: {
    dictionary?: (rows: Table) => Table;
    records?: (rows: Table) => Table;
    recordColumns?: (columns: string[]) => string[];
  } = {},
): RegistryImportFile[] {
  const dictionary = (edit.dictionary ?? ((rows) => rows))(read(dictionaryText));
  const records = (edit.records ?? ((rows) => rows))(read(recordsText));
  const columns = (edit.recordColumns ?? ((names) => names))(Object.keys(read(recordsText)[0] ?? {}));
  return [file('dictionary.csv', write(dictionary)), file('records.csv', write(records, columns))];
}

async function issuesOf(
  files: readonly RegistryImportFile[],
  options: Partial<RegistryImportOptions> = {},
): Promise<readonly ImportIssue[]> {
  const result = await parseRegistryImport(files, { centers, ...options });
  if (result.ok) throw new Error('expected the import to be rejected');
  return result.issues;
}

const setField = (name: string, changes: Record<string, string>) => (rows: Table) =>
  rows.map((row) => (row[variableColumn] === name ? { ...row, ...changes } : row));

describe('parseRegistryImport (REDCap project)', () => {
  it('maps the synthetic example project onto the registry forms when dictionary and export are given', async () => {
    const result = await parseRegistryImport(
      [file('mmreg-redcap-dictionary.csv', dictionaryText), file('mmreg-redcap-records.csv', recordsText)],
      { centers },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    const batch = result.value;
    expect(batch.warnings).toEqual([]);
    expect(
      batch.patients.map((patient) => [patient.code, patient.patient?.centerId, patient.patient?.formStatus]),
    ).toEqual([
      ['SYN-001', 1, 'complete'],
      ['SYN-002', 2, 'complete'],
      ['SYN-003', 1, 'unverified'],
    ]);
    const [first, second, third] = batch.patients;
    expect(first?.patient).toMatchObject({
      sex: 'female',
      heavyChain: 'IgG',
      lightChain: 'kappa',
      karyotype: 'del13',
      extramedullarySites: [],
    });
    expect(first?.children.assessments?.map((row) => [row.test, row.value, row.result, row.unit])).toEqual([
      ['serum_m_protein', 3.2, null, 'g/dL'],
      ['serum_ife', null, 'positive', null],
      ['pb_plasma_cells', 40, null, '%'],
      ['serum_m_protein', 9, null, 'g/L'],
      ['serum_m_protein', 0.2, null, 'g/dL'],
    ]);
    expect(first?.children.courses).toEqual([
      {
        regimen: 'VD',
        agents: ['Bortezomib', 'Dexamethasone'],
        startDate: '2021-03-10',
        endDate: '2021-07-20',
        plannedBortezomibDoseMgPerM2: 1.3,
        schedule: 'days-1-4-8-11',
        plannedCycles: 6,
        cycleLengthDays: 21,
        heightCm: 165,
        weightKg: 62,
        isIndexTherapy: true,
        formStatus: 'complete',
      },
    ]);
    expect(first?.children['adverse-events']?.[0]).toMatchObject({
      ctcaeVersion: 'v3',
      grade: 2,
      attribution: 'probable',
      action: 'dose-reduced',
    });
    expect(second?.patient).toMatchObject({
      priorMyelomaDiagnosisDate: '2018-06-01',
      karyotype: 'other-abnormal',
      extramedullarySites: ['Pleura'],
    });
    expect(second?.children['prior-therapies']).toEqual([
      {
        lineNumber: 1,
        regimen: 'VAD',
        agents: ['Dexamethasone', 'Doxorubicin', 'Vincristine'],
        startDate: '2018-07-01',
        endDate: '2018-12-01',
        isAutologousTransplant: false,
        bestResponse: 'PR',
        formStatus: 'complete',
      },
    ]);
    expect(second?.children['follow-up']).toMatchObject([
      { vitalStatus: 'dead', deathDate: '2022-04-02', causeOfDeath: 'disease' },
    ]);
    expect(third?.patient).toMatchObject({
      isNonSecretory: true,
      heavyChain: null,
      karyotype: 'not-done',
      extramedullarySites: ['Skin', 'Liver'],
    });
    expect(third?.children['follow-up']?.[0]?.formStatus).toBe('incomplete');
    expect(third?.children.courses?.[0]).toMatchObject({ schedule: 'weekly', endDate: null, formStatus: 'unverified' });
  });

  it('reads the API metadata column names when the dictionary comes from the API', async () => {
    const uiColumns = Object.keys(read(dictionaryText)[0] ?? {});
    const apiNames = [
      'field_name',
      'form_name',
      'section_header',
      'field_type',
      'field_label',
      'select_choices_or_calculations',
      'field_note',
      'text_validation_type_or_show_slider_number',
      'text_validation_min',
      'text_validation_max',
      'identifier',
      'branching_logic',
      'required_field',
      'custom_alignment',
      'question_number',
      'matrix_group_name',
      'matrix_ranking',
      'field_annotation',
    ];
    const apiRows = read(dictionaryText).map((row) =>
      Object.fromEntries(uiColumns.map((column, index) => [apiNames[index] ?? column, row[column] ?? ''])),
    );
    const result = await parseRegistryImport([file('metadata.csv', write(apiRows)), file('records.csv', recordsText)], {
      centers,
    });
    expect(result.ok ? result.value.patients.length : result.issues).toBe(3);
  });

  it('imports an extra field with a warning, never silently, when the dictionary has fields mmreg does not know', async () => {
    const files = project({
      dictionary: (rows) => {
        const index = rows.findIndex((row) => row[variableColumn] === 'patient_notes');
        const extra = {
          ...rows[index],
          [variableColumn]: 'ecog',
          'Field Type': 'text',
          'Field Label': 'ECOG',
        } as Record<string, string>;
        const quality = {
          ...rows[index],
          [variableColumn]: 'qc_done',
          'Form Name': 'quality_control',
          'Field Type': 'yesno',
        } as Record<string, string>;
        return [...rows.slice(0, index + 1), extra, ...rows.slice(index + 1), quality];
      },
      records: (rows) =>
        rows.map((row) => ({
          ...row,
          ecog: row['redcap_repeat_instrument'] === '' ? '1' : '',
          qc_done: '',
          quality_control_complete: '',
        })),
      recordColumns: (columns) => [
        ...columns.slice(0, columns.indexOf('patient_complete')),
        'ecog',
        ...columns.slice(columns.indexOf('patient_complete')),
        'qc_done',
        'quality_control_complete',
      ],
    });
    const result = await parseRegistryImport(files, { centers });
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    expect(result.value.warnings).toEqual([
      expect.objectContaining({
        file: 'dictionary.csv',
        line: 18,
        column: variableColumn,
        message: 'variable ecog of instrument patient is not an mmreg field: its values are not imported',
      }),
      expect.objectContaining({
        file: 'dictionary.csv',
        message: expect.stringMatching(/qc_done belongs to instrument quality_control, which mmreg does not import/),
      }),
    ]);
  });

  it('imports a project without the optional instruments and fields with warnings when they are absent', async () => {
    const files = project({
      dictionary: (rows) =>
        rows.filter((row) => row['Form Name'] !== 'prior_therapy' && row[variableColumn] !== 'course_index'),
      records: (rows) => rows.filter((row) => row['redcap_repeat_instrument'] !== 'prior_therapy'),
      recordColumns: (columns) =>
        columns.filter(
          (column) => !column.startsWith('pt_') && column !== 'prior_therapy_complete' && column !== 'course_index',
        ),
    });
    const result = await parseRegistryImport(files, { centers });
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    expect(result.value.warnings?.map((warning) => warning.message)).toEqual([
      'variable course_index (isIndexTherapy) of instrument treatment_course is not in the dictionary: imported as the earliest course of each patient',
      'the project has no instrument prior_therapy: no prior-therapies forms are imported',
    ]);
    expect(result.value.patients[0]?.children.courses?.[0]?.isIndexTherapy).toBe(true);
  });

  const dictionaryErrors: ReadonlyArray<readonly [string, (rows: Table) => Table, number | null, string, RegExp]> = [
    [
      'a required variable is missing',
      (rows) => rows.filter((row) => row[variableColumn] !== 'lab_date'),
      null,
      variableColumn,
      /variable lab_date \(date\) of instrument laboratory is missing/,
    ],
    [
      'a date field has no date validation',
      setField('diagnosis_date', { 'Text Validation Type OR Show Slider Number': '' }),
      5,
      'Text Validation Type OR Show Slider Number',
      /diagnosis_date \(diagnosisDate\) is text; expected text with validation date_ymd/,
    ],
    [
      'a yes/no field is a text field',
      setField('non_secretory', { 'Field Type': 'text' }),
      9,
      'Text Validation Type OR Show Slider Number',
      /expected yesno or truefalse/,
    ],
    [
      'a choice maps to no accepted value',
      setField('sex', { 'Choices, Calculations, OR Slider Labels': '1, Male | 2, Female | 3, Unknown' }),
      3,
      'Choices, Calculations, OR Slider Labels',
      /choice "3, Unknown" of sex names no accepted value \(accepted: male, female\)/,
    ],
    [
      'a variable sits in the wrong instrument',
      setField('fu_notes', { 'Form Name': 'follow_up_extra' }),
      46,
      'Form Name',
      /fu_notes belongs to instrument follow_up, not follow_up_extra/,
    ],
    [
      'a radio field has no choices',
      setField('karyotype', { 'Choices, Calculations, OR Slider Labels': '' }),
      16,
      'Choices, Calculations, OR Slider Labels',
      /radio field karyotype has no choices/,
    ],
    [
      'a variable name is not a REDCap name',
      setField('ae_term', { [variableColumn]: 'AE term' }),
      34,
      variableColumn,
      /not a REDCap variable name/,
    ],
    [
      'the record ID field is not text',
      setField('record_id', { 'Field Type': 'notes' }),
      2,
      'Field Type',
      /record ID field record_id must be of type text/,
    ],
  ];

  for (const [what, edit, line, column, message] of dictionaryErrors) {
    it(`names the dictionary line and column when ${what}`, async () => {
      const issues = await issuesOf(project({ dictionary: edit }));
      expect(issues).toContainEqual(
        expect.objectContaining({ file: 'dictionary.csv', line, column, message: expect.stringMatching(message) }),
      );
    });
  }

  const setCell = (line: number, column: string, value: string) => (rows: Table) =>
    rows.map((row, index) => (index + 2 === line ? { ...row, [column]: value } : row));

  const recordErrors: ReadonlyArray<readonly [string, (rows: Table) => Table, number, string, RegExp]> = [
    [
      'a choice code the dictionary does not define',
      setCell(2, 'sex', '3'),
      2,
      'sex',
      /"3" is not a choice of sex \(choices: 1, 2\)/,
    ],
    [
      'a form status outside 0/1/2',
      setCell(3, 'laboratory_complete', '4'),
      3,
      'laboratory_complete',
      /expected 0 \(incomplete\), 1 \(unverified\) or 2 \(complete\)/,
    ],
    [
      'a checkbox value that is not 0 or 1',
      setCell(8, 'course_agents___3', 'x'),
      8,
      'course_agents___3',
      /expected 1 \(checked\) or 0/,
    ],
    [
      'a repeat instance used twice',
      setCell(4, 'redcap_repeat_instance', '1'),
      4,
      'redcap_repeat_instance',
      /already has laboratory instance 1 \(line 3\)/,
    ],
    [
      'a repeat instance that is not a number',
      setCell(4, 'redcap_repeat_instance', ''),
      4,
      'redcap_repeat_instance',
      /repeat instance number/,
    ],
    [
      'a data access group that names no centre',
      (rows) =>
        rows.map((row) => (row['record_id'] === 'SYN-002' ? { ...row, redcap_data_access_group: 'demo_z' } : row)),
      11,
      'redcap_data_access_group',
      /unknown centre demo_z/,
    ],
    [
      'two data access groups for one record',
      setCell(4, 'redcap_data_access_group', 'demo_b'),
      4,
      'redcap_data_access_group',
      /record SYN-001 is in data access group demo_a on line 2, demo_b here/,
    ],
    ['a value the form schema rejects', setCell(2, 'birth_year', '1850'), 2, 'birth_year', /1900/],
    ['a quantitative lab without value', setCell(3, 'lab_value', ''), 3, 'lab_value', /needs a numeric value/],
    [
      'a patient form on a repeating row',
      setCell(3, 'redcap_repeat_instrument', 'patient'),
      3,
      'redcap_repeat_instrument',
      /patient form and cannot repeat/,
    ],
    [
      'an instrument the dictionary does not define',
      setCell(3, 'redcap_repeat_instrument', 'labs'),
      3,
      'redcap_repeat_instrument',
      /instrument labs is not in the data dictionary/,
    ],
    [
      'repeating data on the record row',
      setCell(2, 'lab_date', '2021-03-08'),
      2,
      'lab_date',
      /laboratory must be a repeating instrument/,
    ],
    [
      'a record ID unusable as a patient code',
      setCell(2, 'record_id', 'SYN 001'),
      2,
      'record_id',
      /record ID usable as a patient code/,
    ],
    [
      'a date in the export that is no calendar day',
      setCell(8, 'course_end', '2021-02-30'),
      8,
      'course_end',
      /not a day of the calendar/,
    ],
  ];

  for (const [what, edit, line, column, message] of recordErrors) {
    it(`names the export line and column when a row has ${what}`, async () => {
      const issues = await issuesOf(project({ records: edit }));
      expect(issues).toContainEqual(
        expect.objectContaining({ file: 'records.csv', line, column, message: expect.stringMatching(message) }),
      );
    });
  }

  it('uses the import centre when the export has no data access groups', async () => {
    const files = project({
      recordColumns: (columns) => columns.filter((column) => column !== 'redcap_data_access_group'),
    });
    const issues = await issuesOf(files);
    expect(issues).toContainEqual(
      expect.objectContaining({
        line: 2,
        column: 'redcap_data_access_group',
        message: expect.stringMatching(/no data access group/),
      }),
    );
    const result = await parseRegistryImport(files, { centers, centerCode: 'demo-b' });
    expect(result.ok ? result.value.patients.map((patient) => patient.patient?.centerId) : result.issues).toEqual([
      2, 2, 2,
    ]);
  });

  it('checks the export header against the dictionary when columns differ', async () => {
    const issues = await issuesOf(
      project({
        recordColumns: (columns) => [
          ...columns.filter((column) => column !== 'fu_date'),
          'mystery',
          'redcap_event_name',
        ],
        records: (rows) => rows.map((row) => ({ ...row, mystery: '', redcap_event_name: '' })),
      }),
    );
    expect(issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
      [1, 'redcap_event_name', expect.stringMatching(/longitudinal projects are not supported/)],
      [1, 'mystery', 'column is not a variable of the data dictionary dictionary.csv'],
      [1, 'fu_date', expect.stringMatching(/the export lacks variable fu_date of the data dictionary \(line 42\)/)],
    ]);
  });

  it('refuses a dictionary without its export and two exports for one dictionary when given', async () => {
    expect(await issuesOf([file('dictionary.csv', dictionaryText)])).toEqual([
      expect.objectContaining({
        file: 'dictionary.csv',
        message: expect.stringMatching(/needs its flat record export/),
      }),
    ]);
    expect(
      await issuesOf([file('dictionary.csv', dictionaryText), file('a.csv', recordsText), file('b.csv', recordsText)]),
    ).toEqual([
      expect.objectContaining({
        file: 'b.csv',
        message: expect.stringMatching(/a second record export \(the first is a.csv\)/),
      }),
    ]);
  });
});
