/** Table 2 (treatment, response, PFS, OS, toxicity per patient) and the toxicity summary. */
import type { StudyAnalysis, ToxicityOverview, TreatmentOutcomeRow } from '@mmreg/core';
import { formatCompact, formatCount } from '../format.ts';
import { cellValues, type TableModel } from '../table-model.ts';

function describePfs(row: TreatmentOutcomeRow): string {
  const outcome = row.progression;
  switch (outcome.kind) {
    case 'progression':
    case 'death':
      return formatCompact(outcome.months);
    case 'censored':
      return `${formatCompact(outcome.months)}+`;
    case 'primary-refractory':
      return 'NA (PD)';
    default: {
      const unreachable: never = outcome;
      return String(unreachable);
    }
  }
}

function describeOs(row: TreatmentOutcomeRow): string {
  return row.survival.kind === 'death' ? formatCompact(row.survival.months) : `${formatCompact(row.survival.months)}+`;
}

function describeOther(row: TreatmentOutcomeRow): string {
  if (row.toxicity.other.length === 0) return 'None';
  return row.toxicity.other
    .map(
      (event) =>
        `${event.term} (${event.grade.kind === 'exact' ? event.grade.grade : `${event.grade.min}/${event.grade.max}`})`,
    )
    .join(', ');
}

export function buildTreatmentTable(analysis: StudyAnalysis): TableModel {
  return {
    id: 'table-2-treatment-outcomes',
    title: 'Table 2. Treatment, response, clinical outcome and toxicity',
    columns: [
      { key: 'patient', label: 'Patient' },
      { key: 'drugs', label: 'Associated drugs' },
      { key: 'dose', label: 'Bortezomib, mg/m²', align: 'right' },
      { key: 'cycles', label: 'Cycles', align: 'right' },
      { key: 'notes', label: 'Course notes' },
      { key: 'response', label: 'Best response' },
      { key: 'pfs', label: 'PFS, mo', align: 'right' },
      { key: 'os', label: 'OS, mo', align: 'right' },
      { key: 'status', label: 'Status at last follow-up' },
      { key: 'haem', label: 'Haem.', align: 'center' },
      { key: 'neuro', label: 'Neuro.', align: 'center' },
      { key: 'infect', label: 'Infect.', align: 'center' },
      { key: 'other', label: 'Other toxicities (grade)' },
    ],
    rows: analysis.treatment.rows.map((row) => ({
      cells: {
        patient: row.code,
        drugs: row.course.associatedRegimen ?? 'None',
        dose: formatCompact(row.course.doseMgPerM2),
        cycles: String(row.course.cycles),
        notes: [
          row.course.hadDoseReduction ? 'dose reduced' : null,
          row.course.followedByAutologousTransplant ? 'followed by ASCT' : null,
          row.course.maintenance === null ? null : `maintenance ${row.course.maintenance}`,
        ]
          .filter((entry) => entry !== null)
          .join('; '),
        response: row.bestResponse,
        pfs: describePfs(row),
        os: describeOs(row),
        status: row.lastFollowUp.kind === 'dead' ? 'Dead' : row.lastFollowUp.disease,
        haem: String(row.toxicity.hematologic),
        neuro: String(row.toxicity.neurologic),
        infect: String(row.toxicity.infectious),
        other: describeOther(row),
      },
      values: cellValues({
        dose: row.course.doseMgPerM2,
        cycles: row.course.cycles,
        haem: row.toxicity.hematologic,
        neuro: row.toxicity.neurologic,
        infect: row.toxicity.infectious,
      }),
    })),
    notes: [
      'Times in months from the first month of bortezomib; + censored (alive, or alive without progression). NA (PD): primary refractory, no progression time printed.',
      'Toxicity grades are CTCAE v3.0 worst grades (0 = none). Responses by the IMWG uniform criteria as reported by the investigators.',
      `Course: ${formatCount(analysis.treatment.course.singleAgent.count, analysis.study.patients)} single agent, ${formatCount(analysis.treatment.course.combination.count, analysis.study.patients)} in combination; median ${formatCompact(analysis.treatment.course.cycles.median)} cycles (range ${analysis.treatment.course.cycles.min}–${analysis.treatment.course.cycles.max}).`,
    ],
  };
}

export function buildToxicityTable(toxicity: ToxicityOverview, patients: number): TableModel {
  return {
    id: 'table-toxicity',
    title: `Toxicity by worst CTCAE ${toxicity.ctcaeVersions.join('/')} grade, n = ${patients}`,
    columns: [
      { key: 'category', label: 'Category' },
      { key: 'g1', label: 'Grade 1', align: 'right' },
      { key: 'g2', label: 'Grade 2', align: 'right' },
      { key: 'g3', label: 'Grade 3', align: 'right' },
      { key: 'g4', label: 'Grade 4', align: 'right' },
      { key: 'any', label: 'Any grade, n (%)', align: 'right' },
      { key: 'severe', label: 'Grade 3–4, n (%)', align: 'right' },
    ],
    rows: toxicity.categories.map((category) => ({
      cells: {
        category: category.label,
        g1: String(category.byGrade[1] ?? 0),
        g2: String(category.byGrade[2] ?? 0),
        g3: String(category.byGrade[3] ?? 0),
        g4: String(category.byGrade[4] ?? 0),
        any: formatCount(category.anyGrade.count, category.anyGrade.denominator),
        severe: formatCount(category.grade3to4.count, category.grade3to4.denominator),
      },
      values: cellValues({
        g1: category.byGrade[1] ?? 0,
        g2: category.byGrade[2] ?? 0,
        g3: category.byGrade[3] ?? 0,
        g4: category.byGrade[4] ?? 0,
      }),
    })),
    notes: [
      'Each patient counted once per category at the worst grade.',
      ...toxicity.categories
        .filter((category) => category.rangeCountedAtUpperEnd > 0)
        .map(
          (category) =>
            `${category.label}: ${category.rangeCountedAtUpperEnd} patient(s) with a grade printed as a range ("1/2") counted at the upper grade.`,
        ),
    ],
  };
}
