/**
 * Warms the subgroup worker up before the data arrive: drawing a small fixed cohort once makes the
 * browser compile core's survival code, Plot and the SVG serialiser while the analysis is still
 * downloading, so the first real subgroup is not drawn by cold code (that first draw took about four
 * times the others at 10,000 patients). The result is thrown away; nothing here is shown.
 */
import { defaultAnalysisConventions } from '@mmreg/core';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { drawSubgroup } from './survival-figures.ts';

/** Patients with every subgroup field and outcome varied, from the index alone (no randomness). */
export function warmUpCohort(size = 60): AnalysedPatient[] {
  return Array.from({ length: size }, (_, index): AnalysedPatient => {
    const months = 1 + ((index * 7) % 37) + (index % 5) / 10;
    const isEvent = index % 3 !== 0;
    return {
      code: `W${index}`,
      centerId: 1 + (index % 4),
      pclType: index % 2 === 0 ? 'primary' : 'secondary',
      karyotype: index % 3 === 0 ? 'del13' : index % 3 === 1 ? 'normal' : 'not-done',
      hasPriorAsct: index % 4 === 0,
      isSingleAgent: index % 5 < 2,
      bestResponse: 'PR',
      responseMonths: 1,
      pfs: { months, isEvent, outcome: isEvent ? 'progression' : 'censored' },
      os: { months: months + 3, isEvent: index % 4 === 1 },
    };
  });
}

const warmUpPatients = 1500;

/** Draws every subgroup of the cohort once (each has its own grouping code and level count to compile). */
export function warmUpSubgroupDrawing(): void {
  // Large enough that the loops over patients and curve steps run often enough to be optimised.
  const cohort = warmUpCohort(warmUpPatients);
  const conventions = defaultAnalysisConventions as AnalysisResults['conventions'];
  for (const key of ['pclType', 'del13', 'priorAsct', 'combination'] as const) drawSubgroup(key, cohort, conventions);
}
