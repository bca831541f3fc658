import { analyseStudy } from '@mmreg/core';
import { buildReportTables, type TableModel } from '@mmreg/report';
import { describe, expect, it } from 'vitest';
import {
  buildClaimRows,
  buildEnrolmentRows,
  buildLiteratureRows,
  buildResponseRows,
  buildToxicityRows,
  type TextTable,
} from './dashboard-tables.ts';
import { analysisFromStudy, loadReferenceStudy } from './dashboard-test-fixture.ts';

const study = loadReferenceStudy();
const analysis = analysisFromStudy(study);
const reportTables = new Map(buildReportTables(analyseStudy(study)).map((table) => [table.id, table]));

function reportCells(id: string): string[][] {
  const table = reportTables.get(id) as TableModel;
  return table.rows.map((row) => table.columns.map((column) => row.cells[column.key] ?? ''));
}

function dashboardCells(table: TextTable | null): string[][] {
  return (table?.rows ?? []).map((row) => [...row.cells]);
}

describe('dashboard tables', () => {
  it('buildResponseRows prints every cell of the report’s response table from the results model', () => {
    expect(dashboardCells(buildResponseRows(analysis.results))).toEqual(reportCells('table-response'));
    expect(buildResponseRows(analysis.results).notes).toEqual(reportTables.get('table-response')?.notes);
  });

  it('buildToxicityRows prints the report’s toxicity table', () => {
    expect(dashboardCells(buildToxicityRows(analysis.results))).toEqual(reportCells('table-toxicity'));
  });

  it('buildLiteratureRows prints the report’s Table 3 and its notes', () => {
    const table = buildLiteratureRows(analysis.results);
    expect(dashboardCells(table)).toEqual(reportCells('table-3-literature'));
    expect(table?.notes).toEqual(reportTables.get('table-3-literature')?.notes);
  });

  it('buildClaimRows gives each claim its verdict and reason', () => {
    const rows = buildClaimRows(analysis.results).rows;
    expect(rows).toHaveLength(analysis.results.claims.length);
    analysis.results.claims.forEach((claim, index) => {
      expect(rows[index]?.cells).toEqual([
        claim.claim,
        claim.reported,
        claim.computed,
        { reproduced: 'Reproduced', discrepant: 'Discrepant', 'not-verifiable': 'Not verifiable' }[claim.verdict],
        claim.explanation,
      ]);
    });
  });

  it('buildLiteratureRows is null without a literature comparison', () => {
    expect(buildLiteratureRows({ ...analysis.results, literature: null })).toBeNull();
  });

  it('buildEnrolmentRows totals the centres and counts not-analysed patients by centre', () => {
    const center = analysis.scope.centers[0];
    if (center === undefined) throw new Error('no centre');
    const withPending = {
      ...analysis,
      notAssessed: [{ code: 'X1', centerCode: center.code, reason: 'no treatment course registered yet' }],
    };
    const table = buildEnrolmentRows(withPending, analysis.patients);
    const total = table.rows[table.rows.length - 1];
    const forms = analysis.scope.centers.reduce((sum, entry) => sum + entry.forms.complete, 0);
    expect(total?.cells.slice(0, 5)).toEqual([
      'All centres',
      String(analysis.scope.centers.reduce((sum, entry) => sum + entry.patients, 0)),
      String(analysis.patients.length),
      '1',
      String(forms),
    ]);
    expect(table.rows[0]?.cells[3]).toBe('1');
  });
});
