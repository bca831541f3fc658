/**
 * Warms the subgroup worker up before the data arrive: drawing a small fixed cohort once makes the
 * browser compile core's survival code, Plot and the SVG serialiser while the analysis is still
 * downloading, so the first real subgroup is not drawn by cold code (that first draw took about four
 * times the others at 10,000 patients). The result is thrown away; nothing here is shown.
 */
import { defaultAnalysisConventions } from '@mmreg/core';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { decodeSubgroupRows, encodeSubgroupRows } from './subgroup-rows.ts';
import type { PreparedKey } from './subgroup-worker-protocol.ts';
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

/** The order the worker prepares the real subgroups in: PCL type, the selector's first, warms up first. */
const warmUpKeys: readonly PreparedKey[] = ['pclType', 'del13', 'priorAsct', 'combination'];

/**
 * One step per subgroup: draws it for the cohort (each has its own grouping code and level count to
 * compile). The cohort goes through the same encoding as the real rows, so its rows have their shape.
 */
export function warmUpSteps(): Array<() => void> {
  let cohort: ReturnType<typeof decodeSubgroupRows> | null = null;
  const conventions = defaultAnalysisConventions as AnalysisResults['conventions'];
  return warmUpKeys.map((key) => () => {
    // Large enough that the loops over patients and curve steps run often enough to be optimised.
    cohort ??= decodeSubgroupRows(encodeSubgroupRows(warmUpCohort(warmUpPatients)));
    drawSubgroup(key, cohort, conventions);
  });
}

/** Every warm-up step at once (tests). */
export function warmUpSubgroupDrawing(): void {
  for (const step of warmUpSteps()) step();
}
