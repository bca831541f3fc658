/**
 * The study analysis the registry can compute from its own data, for the patients of one access
 * scope (`GET /api/studies/{id}/analysis`). It follows the report's results model (results.json:
 * proportions in [0, 1], times in months, null for "not reached") for what registry data make
 * computable: patients per centre; best response per patient (as derived by the core and stored);
 * ORR, VGPR-or-better and CR-or-better with exact Clopper–Pearson 95% CIs (all assessed patients in
 * the denominator, clinical-spec §8); Kaplan–Meier PFS and OS (log CI, R survfit) with median and
 * CI; adverse-event counts by worst grade. The published-study parts of results.json — claims,
 * literature pooling, primary vs secondary PCL log-rank with the reference study's primary-refractory
 * conventions — need the published Study model and are not computed here (`notComputed` lists them).
 */
import {
  clopperPearsonInterval,
  countCategory,
  daysPerMonth,
  defaultAnalysisConventions,
  isAtLeast,
  isObjectiveResponse,
  kaplanMeier,
  type ResponseCategory,
  responseCategories,
  survivalMedian,
} from '@mmreg/core';
import type { ScopedStudyData } from '@mmreg/storage';

/** What the analysis needs of one patient's derived results. */
export interface PatientOutcome {
  readonly bestResponse: ResponseCategory | null;
  readonly pfs: { readonly days: number; readonly event: boolean } | null;
  readonly os: { readonly days: number; readonly event: boolean } | null;
  /** Why the patient could not be assessed (no therapy course, contradictory dates…); null when assessed. */
  readonly notAssessed: string | null;
}

export const registryAnalysisFormatVersion = 1;

export const analysisIncludes = [
  'patients per centre (in the caller’s scope only)',
  'best response per assessed patient, derived by the core from the registered laboratory values',
  'ORR (sCR+CR+VGPR+PR), VGPR or better, CR or better with exact Clopper–Pearson confidence intervals',
  'Kaplan–Meier PFS and OS from the index therapy (months = days / 30.4375) with median and confidence limits',
  'adverse events by worst CTCAE grade per patient, from the adverse-event forms',
] as const;

export const analysisNotComputed = [
  'published claim checks and verdicts (need the published study, not registry data)',
  'literature comparison and random-effects pooling (historical series are not registry data)',
  'primary vs secondary PCL log-rank and the primary-refractory PFS conventions of the reference report',
  'response subgroups with Fisher tests',
] as const;

function proportion(count: number, n: number, confLevel: number) {
  if (n === 0) return null;
  const interval = clopperPearsonInterval(count, n, { confLevel });
  return { count, n, estimate: count / n, lower: interval.lower, upper: interval.upper, confLevel };
}

function survivalEndpoint(records: readonly { readonly days: number; readonly event: boolean }[], confLevel: number) {
  if (records.length === 0) return null;
  const fit = kaplanMeier(
    {
      time: records.map((record) => record.days / daysPerMonth),
      event: records.map((record) => (record.event ? 1 : 0)),
    },
    { confLevel, confType: defaultAnalysisConventions.kaplanMeierConfidenceType },
  );
  const stratum = fit.strata[0];
  if (stratum === undefined) return null;
  const median = survivalMedian(stratum);
  return {
    n: stratum.n,
    events: stratum.events,
    median: median.median,
    lower: median.lower,
    upper: median.upper,
    confType: stratum.confType,
    curve: stratum.time.map((time, index) => ({
      time,
      nRisk: stratum.nRisk[index] ?? 0,
      nEvent: stratum.nEvent[index] ?? 0,
      nCensor: stratum.nCensor[index] ?? 0,
      surv: stratum.surv[index] ?? 0,
      lower: stratum.lower[index] ?? null,
      upper: stratum.upper[index] ?? null,
    })),
  };
}

export interface RegistryAnalysisInput {
  readonly data: ScopedStudyData;
  /** Outcome per patient id, from the stored derived results. */
  readonly outcomes: ReadonlyMap<number, PatientOutcome>;
  readonly generatedAt: string;
}

export function analyseRegistry({ data, outcomes, generatedAt }: RegistryAnalysisInput) {
  const confLevel = defaultAnalysisConventions.confLevel;
  const assessed: { code: string; outcome: PatientOutcome }[] = [];
  const notAssessed: { code: string; reason: string }[] = [];
  for (const { patient } of data.patients) {
    const outcome = outcomes.get(patient.id);
    if (outcome === undefined || outcome.notAssessed !== null) {
      notAssessed.push({ code: patient.code, reason: outcome?.notAssessed ?? 'no derived results stored' });
    } else {
      assessed.push({ code: patient.code, outcome });
    }
  }
  const withResponse = assessed.filter((entry) => entry.outcome.bestResponse !== null);
  const categories = withResponse.map((entry) => entry.outcome.bestResponse as ResponseCategory);
  const counts = Object.fromEntries(
    responseCategories.map((category) => [category, categories.filter((value) => value === category).length]),
  ) as Record<ResponseCategory, number>;
  const n = assessed.length;
  const responders = categories.filter(isObjectiveResponse).length;
  const centerIds = new Set(data.patients.map(({ patient }) => patient.centerId));
  const worstGrades = data.patients.map(({ adverseEvents }) =>
    adverseEvents.reduce((worst, event) => Math.max(worst, event.grade), 0),
  );
  const byWorstGrade = [0, 1, 2, 3, 4, 5].map((grade) =>
    countCategory(
      grade === 0 ? 'no adverse event' : `worst grade ${grade}`,
      worstGrades.filter((worst) => worst === grade).length,
      worstGrades.length,
    ),
  );
  return {
    format: 'mmreg-registry-analysis' as const,
    formatVersion: registryAnalysisFormatVersion,
    generatedAt,
    study: { id: data.study.id, code: data.study.code, title: data.study.title },
    includes: [...analysisIncludes],
    notComputed: [...analysisNotComputed],
    patients: {
      n: data.patients.length,
      assessed: n,
      notAssessed,
      byCenter: data.centers
        .filter((center) => centerIds.has(center.id))
        .map((center) => ({
          centerId: center.id,
          code: center.code,
          name: center.name,
          patients: data.patients.filter(({ patient }) => patient.centerId === center.id).length,
        })),
    },
    response: {
      n,
      responders,
      counts,
      /** Assessed patients with no response evaluation count as non-responders (all treated in the denominator). */
      orr: proportion(responders, n, confLevel),
      vgprOrBetter: proportion(categories.filter((category) => isAtLeast(category, 'VGPR')).length, n, confLevel),
      crOrBetter: proportion(categories.filter((category) => isAtLeast(category, 'CR')).length, n, confLevel),
      confLevel,
    },
    survival: {
      timeUnit: 'months' as const,
      pfs: survivalEndpoint(
        assessed.flatMap((entry) => (entry.outcome.pfs === null ? [] : [entry.outcome.pfs])),
        confLevel,
      ),
      os: survivalEndpoint(
        assessed.flatMap((entry) => (entry.outcome.os === null ? [] : [entry.outcome.os])),
        confLevel,
      ),
    },
    adverseEvents: { patientsByWorstGrade: byWorstGrade },
  };
}

export type RegistryAnalysis = ReturnType<typeof analyseRegistry>;
