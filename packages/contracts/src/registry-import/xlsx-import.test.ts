import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRegistryImport, type RegistryImportFile } from './parse-registry-import.ts';
import { excelSerialToDate } from './source-table.ts';

const centers = [{ id: 7, code: 'demo-a' }];
const utcDate = (text: string): Date => new Date(`${text}T00:00:00Z`);

type Cell = ExcelJS.CellValue;

async function workbookFile(
  sheets: Readonly<Record<string, readonly (readonly Cell[])[]>>,
  options: { date1904?: boolean } = {},
): Promise<RegistryImportFile> {
  const workbook = new ExcelJS.Workbook();
  if (options.date1904 === true) workbook.properties.date1904 = true;
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return { name: 'registry.xlsx', bytes: new Uint8Array(buffer as ArrayBuffer) };
}

const patientsSheet: readonly (readonly Cell[])[] = [
  [
    'patient',
    'center',
    'sex',
    'birth_year',
    'diagnosis_date',
    'prior_myeloma_diagnosis_date',
    'heavy_chain',
    'light_chain',
    'is_non_secretory',
    'pb_plasma_cells_percent',
    'wbc_per_1e9_l',
    'hemoglobin_g_per_dl',
    'platelets_per_1e9_l',
    'creatinine_mg_per_dl',
    'extramedullary_sites',
    'karyotype',
    'notes',
  ],
  [
    'X1',
    'demo-a',
    'female',
    1950,
    utcDate('2005-03-01'),
    null,
    'IgG',
    'kappa',
    false,
    40,
    12.7,
    10.4,
    70,
    1.1,
    'skin',
    'normal',
    null,
  ],
];
const labsSheet: readonly (readonly Cell[])[] = [
  ['patient', 'date', 'test', 'value', 'unit'],
  ['X1', utcDate('2005-03-01'), 'serum_m_protein', 40, 'g/L'],
  // A date typed as a plain number (the cell lost its date format): Excel serial 38412 = 2005-03-01.
  ['X1', 38412, 'serum_ife', 'positive', null],
  ['X1', '2005-04-01', 'serum_m_protein', 1.5, 'g/dL'],
];
const therapySheet: readonly (readonly Cell[])[] = [
  ['patient', 'regimen', 'start_date', 'end_date'],
  ['X1', 'bortezomib', utcDate('2005-03-07'), utcDate('2005-07-01')],
];

describe('excelSerialToDate', () => {
  it('counts from 1899-12-31 with the fictitious 1900-02-29 when the workbook uses the 1900 system', () => {
    expect(excelSerialToDate(1, false)).toBe('1900-01-01');
    expect(excelSerialToDate(59, false)).toBe('1900-02-28');
    expect(excelSerialToDate(60, false)).toBeNull();
    expect(excelSerialToDate(61, false)).toBe('1900-03-01');
    expect(excelSerialToDate(38412, false)).toBe('2005-03-01');
    expect(excelSerialToDate(38412.99, false)).toBe('2005-03-01');
  });

  it('counts from 1904-01-01 when the workbook uses the 1904 system', () => {
    expect(excelSerialToDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToDate(38412 - 1462, true)).toBe('2005-03-01');
  });

  it('rejects serials that are no day when the number is negative or not finite', () => {
    expect(excelSerialToDate(-3, false)).toBeNull();
    expect(excelSerialToDate(Number.NaN, false)).toBeNull();
  });
});

describe('parseRegistryImport (XLSX workbooks)', () => {
  it('gives the same batch as the CSV files when a workbook written with exceljs is read back', async () => {
    const file = await workbookFile({ patients: patientsSheet, labs: labsSheet, therapy: therapySheet });
    const result = await parseRegistryImport([file], { centers });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [patient] = result.value.patients;
    expect(patient?.patient).toMatchObject({
      code: 'X1',
      centerId: 7,
      diagnosisDate: '2005-03-01',
      isNonSecretory: false,
      wbcPer1e9L: 12.7,
      extramedullarySites: ['skin'],
      notes: null,
    });
    expect(patient?.children.assessments).toEqual([
      { date: '2005-03-01', test: 'serum_m_protein', value: 40, result: null, unit: 'g/L' },
      { date: '2005-03-01', test: 'serum_ife', value: null, result: 'positive', unit: null },
      { date: '2005-04-01', test: 'serum_m_protein', value: 1.5, result: null, unit: 'g/dL' },
    ]);
    expect(patient?.children.courses).toMatchObject([
      { regimen: 'bortezomib', startDate: '2005-03-07', endDate: '2005-07-01', isIndexTherapy: true },
    ]);
    expect(result.value.sources).toEqual(['registry.xlsx']);
  });

  it('reads dates as UTC calendar days when the process runs in a time zone far from UTC', async () => {
    // TZ cannot change inside a test worker thread: parse in child processes started in each zone.
    const file = await workbookFile({ labs: labsSheet });
    const probe = `
      const { parseRegistryImport } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).pathname)});
      const bytes = new Uint8Array(Buffer.from(process.env.WORKBOOK, 'base64'));
      const result = await parseRegistryImport([{ name: 'registry.xlsx', bytes }], { centers: [{ id: 7, code: 'demo-a' }] });
      process.stdout.write(JSON.stringify({ offset: new Date(Date.UTC(2005, 2, 1)).getTimezoneOffset(), dates: result.ok ? result.value.patients[0].children.assessments.map((row) => row.date) : result.issues }));`;
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
        env: { ...process.env, TZ: zone, WORKBOOK: Buffer.from(file.bytes).toString('base64') },
        encoding: 'utf8',
      });
      const output = JSON.parse(child.stdout) as { offset: number; dates: unknown };
      // The zone must really be in effect, or this test could not fail.
      expect(output.offset).not.toBe(0);
      expect(output.dates).toEqual(['2005-03-01', '2005-03-01', '2005-04-01']);
    }
  }, 60_000);

  it('reads date cells and serial numbers right when the workbook uses the 1904 date system', async () => {
    const labs = [
      labsSheet[0] ?? [],
      ['X1', utcDate('2005-03-01'), 'wbc', 5, '10^9/L'],
      ['X1', 38412 - 1462, 'anc', 2, '10^9/L'],
    ];
    const file = await workbookFile({ labs }, { date1904: true });
    const result = await parseRegistryImport([file], { centers });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.patients[0]?.children.assessments?.map((row) => row.date)).toEqual([
      '2005-03-01',
      '2005-03-01',
    ]);
  });

  it('names the file, sheet, row and column when a cell is bad', async () => {
    const labs = [
      ...labsSheet,
      ['X1', utcDate('2005-05-01'), 'serum_m_protein', 'lots', 'g/dL'],
      ['X1', 'soon', 'wbc', 5, '10^9/L'],
    ];
    const result = await parseRegistryImport([await workbookFile({ labs, therapy: therapySheet })], { centers });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          file: 'registry.xlsx, sheet labs',
          line: 5,
          column: 'value',
          message: 'expected a number (dot as decimal separator); got "lots" for serum_m_protein',
        },
        {
          file: 'registry.xlsx, sheet labs',
          line: 6,
          column: 'date',
          message: 'expected a date as YYYY-MM-DD; got "soon"',
        },
      ],
    });
  });

  it('reports Excel error cells, formulas without results and values outside the header when the sheet has them', async () => {
    const labs = [
      labsSheet[0] ?? [],
      ['X1', utcDate('2005-05-01'), 'wbc', { error: '#DIV/0!' } as ExcelJS.CellErrorValue, '10^9/L'],
      ['X1', utcDate('2005-05-02'), 'wbc', { formula: 'A1*2' } as ExcelJS.CellFormulaValue, '10^9/L'],
      ['X1', utcDate('2005-05-03'), 'wbc', 5, '10^9/L', 'stray'],
    ];
    const result = await parseRegistryImport([await workbookFile({ labs })], { centers });
    expect(result.ok ? [] : result.issues).toEqual([
      {
        file: 'registry.xlsx, sheet labs',
        line: 2,
        column: 'value',
        message: 'the cell holds the Excel error #DIV/0!',
      },
      {
        file: 'registry.xlsx, sheet labs',
        line: 3,
        column: 'value',
        message: 'the formula has no computed result saved in the workbook',
      },
      expect.objectContaining({ file: 'registry.xlsx, sheet labs', line: 4, column: 'F4' }),
    ]);
  });

  it('uses the formula result when a formula cell has one saved', async () => {
    const labs = [
      labsSheet[0] ?? [],
      ['X1', utcDate('2005-05-01'), 'wbc', { formula: '2+3', result: 5 } as ExcelJS.CellFormulaValue, '10^9/L'],
    ];
    const result = await parseRegistryImport([await workbookFile({ labs })], { centers });
    expect(result.ok ? result.value.patients[0]?.children.assessments?.[0]?.value : result.issues).toBe(5);
  });

  it('names the sheet on line 1 when a header column is missing or unknown', async () => {
    const labs = [
      ['patient', 'date', 'test', 'value', 'units'],
      ['X1', utcDate('2005-05-01'), 'wbc', 5, '10^9/L'],
    ];
    const result = await parseRegistryImport([await workbookFile({ labs })], { centers });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.file, issue.line, issue.column])).toEqual([
      ['registry.xlsx, sheet labs', 1, 'unit'],
      ['registry.xlsx, sheet labs', 1, 'units'],
    ]);
  });

  it('warns about a sheet that is no import table when the workbook has one besides the tables', async () => {
    const result = await parseRegistryImport([await workbookFile({ README: [['synthetic data']], labs: labsSheet })], {
      centers,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.warnings).toEqual([
      expect.objectContaining({
        file: 'registry.xlsx, sheet README',
        message: expect.stringMatching(/not an import table/),
      }),
    ]);
  });

  it('refuses a workbook without any import table or bytes that are no workbook when given', async () => {
    const result = await parseRegistryImport(
      [await workbookFile({ Sheet1: [['a']] }), { name: 'broken.xlsx', bytes: new TextEncoder().encode('not a zip') }],
      { centers },
    );
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        file: 'registry.xlsx',
        message: expect.stringMatching(/no sheet named patients, labs/),
      }),
      expect.objectContaining({ file: 'broken.xlsx', message: expect.stringMatching(/not a readable XLSX workbook/) }),
    ]);
  });
});
