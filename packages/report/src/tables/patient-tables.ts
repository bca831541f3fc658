/** Table 1: patient characteristics, per patient and as a summary block. */
import type { PatientCharacteristics, StudyAnalysis } from '@mmreg/core';
import { formatCompact, formatCount, formatMedianRange, formatNumber } from '../format.ts';
import { cellValues, type TableModel } from '../table-model.ts';

const sexLabel = { male: 'M', female: 'F' } as const;
const karyotypeLabel = { normal: 'Normal', del13: 'Del 13', 'not-done': 'ND' } as const;

export function buildPatientTable(characteristics: PatientCharacteristics): TableModel {
  return {
    id: 'table-1-patients',
    title: 'Table 1. Clinical and laboratory characteristics of the treated patients',
    columns: [
      { key: 'patient', label: 'Patient' },
      { key: 'sexAge', label: 'Sex/age, y' },
      { key: 'pclType', label: 'PCL' },
      { key: 'prior', label: 'Previous treatments' },
      { key: 'protein', label: 'M-protein' },
      { key: 'pbpc', label: 'PB plasma cells, %', align: 'right' },
      { key: 'wbc', label: 'WBC, ×10⁹/L', align: 'right' },
      { key: 'absolute', label: 'Circulating PCs, ×10⁹/L', align: 'right' },
      { key: 'hb', label: 'Hb, g/dL', align: 'right' },
      { key: 'plt', label: 'Platelets, ×10⁹/L', align: 'right' },
      { key: 'emd', label: 'Extramedullary disease' },
      { key: 'karyotype', label: 'Karyotype' },
      { key: 'criteria', label: 'PCL criteria met (IMWG)' },
    ],
    rows: characteristics.rows.map((row) => ({
      cells: {
        patient: row.code,
        sexAge: `${sexLabel[row.sex]}/${row.ageYears}${row.hasAbnormalCreatinine ? '*' : ''}`,
        pclType: row.pclType === 'primary' ? 'Primary' : 'Secondary',
        prior: row.priorTherapyLabels.length === 0 ? 'None' : row.priorTherapyLabels.join('/'),
        protein: row.monoclonalProtein,
        pbpc: formatCompact(row.peripheralBloodPlasmaCellsPercent),
        wbc: formatCompact(row.whiteBloodCellsPer1e9L),
        absolute: formatNumber(row.pcl.absolutePlasmaCellsPer1e9L, 1),
        hb: formatCompact(row.hemoglobinGPerDl),
        plt: formatCompact(row.plateletsPer1e9L),
        emd: row.extramedullarySites.length === 0 ? 'No' : row.extramedullarySites.join(', '),
        karyotype: karyotypeLabel[row.karyotype],
        criteria:
          [row.pcl.imwg2003.isMet ? '2003' : null, row.pcl.imwg2021.isMet ? '2021' : null]
            .filter((entry) => entry !== null)
            .join(', ') || 'neither',
      },
      values: cellValues({
        pbpc: row.peripheralBloodPlasmaCellsPercent,
        wbc: row.whiteBloodCellsPer1e9L,
        absolute: row.pcl.absolutePlasmaCellsPer1e9L,
        hb: row.hemoglobinGPerDl,
        plt: row.plateletsPer1e9L,
      }),
    })),
    notes: [
      '* Abnormal creatinine level. ND, not done; PB, peripheral blood; PCs, plasma cells.',
      'Circulating plasma cells = WBC × PB plasma cells % / 100 (derived). PCL criteria: IMWG 2003 > 20% and/or > 2 × 10⁹/L; IMWG 2021 ≥ 5% (clinical-spec.md §5).',
    ],
  };
}

export function buildPatientSummaryTable(analysis: StudyAnalysis): TableModel {
  const { characteristics } = analysis;
  const n = analysis.study.patients;
  const rows: TableModel['rows'][number][] = [];
  for (const item of characteristics.continuous) {
    const s = item.summary;
    rows.push({
      cells: {
        characteristic: `${item.label}, ${item.unit}`,
        value: `${formatMedianRange(s.median, s.min, s.max)}`,
        mean: formatNumber(s.mean, 2),
        n: String(s.n),
      },
      values: cellValues({ mean: s.mean, n: s.n }),
    });
  }
  for (const group of characteristics.categorical) {
    rows.push({ cells: { characteristic: group.label }, isSection: true });
    for (const category of group.categories) {
      rows.push({
        cells: {
          characteristic: `  ${category.label}`,
          value: formatCount(category.count, category.denominator),
          mean: '',
          n: String(category.denominator),
        },
        values: cellValues({ n: category.denominator }),
      });
    }
  }
  return {
    id: 'table-1-summary',
    title: `Table 1 (summary). Patient characteristics, n = ${n}`,
    columns: [
      { key: 'characteristic', label: 'Characteristic' },
      { key: 'value', label: 'Median (range) or n (%)' },
      { key: 'mean', label: 'Mean', align: 'right' },
      { key: 'n', label: 'n', align: 'right' },
    ],
    rows,
    notes: [
      'Median as R median(): for an even number of values, the mean of the two middle ones.',
      'Prior regimens are counted as listed in the publication (e.g. VAD/ASCT counts 2).',
    ],
  };
}
