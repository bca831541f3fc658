/**
 * Response rates of a case series with exact (Clopper–Pearson) confidence intervals: counts per
 * category, overall response (sCR + CR + VGPR + PR, all treated patients in the denominator,
 * clinical-spec.md §8), VGPR or better and CR or better; and response by clinical subgroup with
 * Fisher's exact test, the only test that is valid at these sizes.
 */
import {
  isAtLeast,
  isObjectiveResponse,
  type Patient,
  type ResponseCategory,
  responseCategories,
  type Study,
} from '../domain/index.ts';
import { clopperPearsonInterval, fisherExactTest } from '../stats/index.ts';
import { hasPriorAutologousTransplant } from './patient-characteristics.ts';

export interface ProportionEstimate {
  readonly count: number;
  readonly n: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
}

export interface ResponseSubgroupComparison {
  readonly key: string;
  readonly label: string;
  readonly groups: ReadonlyArray<{ readonly label: string; readonly responders: number; readonly n: number }>;
  /** Two-sided Fisher exact p-value for responders vs non-responders across the groups. */
  readonly fisherP: number;
  /** Patients left out because the grouping variable is unknown (e.g. karyotype not done). */
  readonly unknown: number;
}

export interface ResponseSummary {
  readonly n: number;
  readonly counts: Readonly<Record<ResponseCategory, number>>;
  readonly overallResponse: ProportionEstimate;
  readonly vgprOrBetter: ProportionEstimate;
  readonly completeResponseOrBetter: ProportionEstimate;
  readonly subgroups: readonly ResponseSubgroupComparison[];
}

export function estimateProportion(count: number, n: number, confLevel: number): ProportionEstimate {
  const interval = clopperPearsonInterval(count, n, { confLevel });
  return { count, n, estimate: count / n, lower: interval.lower, upper: interval.upper, confLevel };
}

type Grouping = {
  readonly key: string;
  readonly label: string;
  readonly levels: ReadonlyArray<{ readonly label: string; readonly includes: (patient: Patient) => boolean }>;
};

const groupings: readonly Grouping[] = [
  {
    key: 'pclType',
    label: 'PCL type',
    levels: [
      { label: 'Primary', includes: (p) => p.pclType === 'primary' },
      { label: 'Secondary', includes: (p) => p.pclType === 'secondary' },
    ],
  },
  {
    key: 'del13',
    label: 'Chromosome 13 deletion (karyotyped patients)',
    levels: [
      { label: 'del(13)', includes: (p) => p.karyotype === 'del13' },
      { label: 'Normal karyotype', includes: (p) => p.karyotype === 'normal' },
    ],
  },
  {
    key: 'combination',
    label: 'Bortezomib alone or combined',
    levels: [
      { label: 'Single agent', includes: (p) => p.course.associatedRegimen === null },
      { label: 'Combination', includes: (p) => p.course.associatedRegimen !== null },
    ],
  },
  {
    key: 'priorAsct',
    label: 'Prior autologous transplant',
    levels: [
      { label: 'Prior ASCT', includes: hasPriorAutologousTransplant },
      { label: 'No prior ASCT', includes: (p) => !hasPriorAutologousTransplant(p) },
    ],
  },
  {
    key: 'previouslyTreated',
    label: 'Line of bortezomib',
    levels: [
      { label: 'Frontline', includes: (p) => p.priorTherapies.length === 0 },
      { label: 'After prior therapy', includes: (p) => p.priorTherapies.length > 0 },
    ],
  },
];

function compareSubgroups(patients: readonly Patient[], grouping: Grouping): ResponseSubgroupComparison {
  const groups = grouping.levels.map((level) => {
    const members = patients.filter(level.includes);
    return {
      label: level.label,
      responders: members.filter((p) => isObjectiveResponse(p.bestResponse)).length,
      n: members.length,
    };
  });
  const classified = groups.reduce((sum, group) => sum + group.n, 0);
  const table = groups.map((group) => [group.responders, group.n - group.responders]);
  return {
    key: grouping.key,
    label: grouping.label,
    groups,
    fisherP: fisherExactTest(table).pValue,
    unknown: patients.length - classified,
  };
}

export function summariseResponse(study: Study, confLevel: number): ResponseSummary {
  const patients = study.patients;
  const n = patients.length;
  const counts = Object.fromEntries(
    responseCategories.map((category) => [category, patients.filter((p) => p.bestResponse === category).length]),
  ) as Record<ResponseCategory, number>;
  const countWhere = (predicate: (category: ResponseCategory) => boolean) =>
    patients.filter((p) => predicate(p.bestResponse)).length;
  return {
    n,
    counts,
    overallResponse: estimateProportion(countWhere(isObjectiveResponse), n, confLevel),
    vgprOrBetter: estimateProportion(
      countWhere((c) => isAtLeast(c, 'VGPR')),
      n,
      confLevel,
    ),
    completeResponseOrBetter: estimateProportion(
      countWhere((c) => isAtLeast(c, 'CR')),
      n,
      confLevel,
    ),
    subgroups: groupings.map((grouping) => compareSubgroups(patients, grouping)),
  };
}
