/**
 * PFS and OS of a case series: the endpoint records each patient contributes (time, event, and
 * why), Kaplan–Meier curves for all patients and by PCL type with medians and CIs by R's rules, the
 * log-rank test of primary vs secondary, numbers at risk, and PFS under alternative conventions for
 * a primary-refractory patient without a progression time (clinical-spec.md §8, §8.1).
 */
import type { Patient, Study } from '../domain/index.ts';
import { type KaplanMeierStratum, kaplanMeier, logRankTest, survivalMedian } from '../stats/index.ts';
import {
  type AnalysisConventions,
  describePrimaryRefractoryConvention,
  type PrimaryRefractoryPfsConvention,
} from './analysis-conventions.ts';
import type {
  EndpointAnalysis,
  LogRankSummary,
  SurvivalCurveStep,
  SurvivalGroup,
  SurvivalSummary,
} from './survival-types.ts';

interface EndpointRecord {
  readonly patient: Patient;
  readonly months: number;
  readonly isEvent: boolean;
  readonly note: string;
}

/** OS: death from any cause is the event; the living are censored at last follow-up (spec §8). */
export function deriveOverallSurvivalRecords(patients: readonly Patient[]): EndpointRecord[] {
  return patients.map((patient) => {
    const outcome = patient.survival;
    return outcome.kind === 'death'
      ? { patient, months: outcome.months, isEvent: true, note: 'death' }
      : { patient, months: outcome.months, isEvent: false, note: 'alive at last follow-up (censored)' };
  });
}

/**
 * PFS: progression or death is the event, others are censored at their last assessment (spec §8);
 * a primary-refractory patient follows `convention` (spec §8.1).
 */
export function deriveProgressionFreeRecords(
  patients: readonly Patient[],
  convention: PrimaryRefractoryPfsConvention,
): { records: EndpointRecord[]; excluded: Array<{ code: string; reason: string }> } {
  const records: EndpointRecord[] = [];
  const excluded: Array<{ code: string; reason: string }> = [];
  for (const patient of patients) {
    const outcome = patient.progression;
    switch (outcome.kind) {
      case 'progression':
        records.push({ patient, months: outcome.months, isEvent: true, note: 'progression' });
        break;
      case 'death':
        records.push({ patient, months: outcome.months, isEvent: true, note: 'death without progression' });
        break;
      case 'censored':
        records.push({
          patient,
          months: outcome.months,
          isEvent: false,
          note: 'no progression at last assessment (censored)',
        });
        break;
      case 'primary-refractory':
        if (convention.kind === 'exclude') {
          excluded.push({ code: patient.code, reason: 'primary refractory with no progression time' });
        } else {
          records.push({
            patient,
            months: convention.months,
            isEvent: true,
            note: `primary refractory: progression placed at ${convention.months} months by convention`,
          });
        }
        break;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown progression outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return { records, excluded };
}

function toSteps(stratum: KaplanMeierStratum): SurvivalCurveStep[] {
  return stratum.time.map((time, index) => ({
    time,
    nRisk: stratum.nRisk[index] as number,
    nEvent: stratum.nEvent[index] as number,
    nCensor: stratum.nCensor[index] as number,
    surv: stratum.surv[index] as number,
    stdErr: stratum.stdErrSurv[index] ?? null,
    lower: stratum.lower[index] ?? null,
    upper: stratum.upper[index] ?? null,
  }));
}

/** One subject of a Kaplan–Meier estimate: time in months and whether it ended in the event. */
export interface SurvivalTimeRecord {
  readonly months: number;
  readonly isEvent: boolean;
}

/** A group's Kaplan–Meier summary without its key and label (see `SurvivalGroup`). */
export type SurvivalGroupEstimate = Omit<SurvivalGroup, 'key' | 'label'>;

/**
 * Kaplan–Meier curve, median with CI (print.survfit rule), censor marks and numbers at risk
 * (time ≥ t at each of the conventions' at-risk times) of one group of records — what the report
 * draws for every group, exported so a client recomputing subgroups uses the same function. An empty
 * group has no curve, no median and nobody at risk.
 */
export function estimateSurvivalGroup(
  records: readonly SurvivalTimeRecord[],
  conventions: Pick<AnalysisConventions, 'confLevel' | 'kaplanMeierConfidenceType' | 'atRiskTimes'>,
): SurvivalGroupEstimate {
  // A scope with no patient of a PCL type (a centre, a registry of primary PCL only) has an empty
  // group: no curve, no median, nobody at risk — rather than no analysis at all.
  if (records.length === 0) {
    return {
      n: 0,
      events: 0,
      median: null,
      lower: null,
      upper: null,
      steps: [],
      censored: [],
      atRisk: conventions.atRiskTimes.map(() => 0),
    };
  }
  const fit = kaplanMeier(
    { time: records.map((record) => record.months), event: records.map((record) => (record.isEvent ? 1 : 0)) },
    { confLevel: conventions.confLevel, confType: conventions.kaplanMeierConfidenceType },
  );
  const stratum = fit.strata[0];
  if (stratum === undefined) throw new Error('no patients in the group');
  const steps = toSteps(stratum);
  const median = survivalMedian(stratum);
  return {
    n: stratum.n,
    events: stratum.events,
    median: median.median,
    lower: median.lower,
    upper: median.upper,
    steps,
    censored: steps.filter((step) => step.nCensor > 0).map((step) => ({ time: step.time, surv: step.surv })),
    atRisk: conventions.atRiskTimes.map((time) => records.filter((record) => record.months >= time).length),
  };
}

function summariseGroup(
  key: SurvivalGroup['key'],
  label: string,
  records: readonly EndpointRecord[],
  conventions: AnalysisConventions,
): SurvivalGroup {
  return { key, label, ...estimateSurvivalGroup(records, conventions) };
}

/**
 * Log-rank test of `groupCount` groups (record `group` = 0 … groupCount − 1), as the report tests
 * primary vs secondary PCL. With fewer than two non-empty groups there is no test (p null, df 0),
 * as survdiff has none with one group; O = E = the events of each group.
 */
export function compareSurvivalGroups(
  records: ReadonlyArray<SurvivalTimeRecord & { readonly group: number }>,
  groupCount: number,
): LogRankSummary {
  const sizes = new Array<number>(groupCount).fill(0);
  const events = new Array<number>(groupCount).fill(0);
  for (const record of records) {
    sizes[record.group] = (sizes[record.group] ?? 0) + 1;
    if (record.isEvent) events[record.group] = (events[record.group] ?? 0) + 1;
  }
  if (sizes.filter((size) => size > 0).length < 2)
    return { chisq: 0, df: 0, p: null, observed: events, expected: events };
  const test = logRankTest({
    time: records.map((record) => record.months),
    event: records.map((record) => (record.isEvent ? 1 : 0)),
    group: records.map((record) => record.group),
  });
  return { chisq: test.chisq, df: test.df, p: test.p, observed: test.observed, expected: test.expected };
}

function analyseEndpoint(
  endpoint: 'pfs' | 'os',
  records: readonly EndpointRecord[],
  excluded: ReadonlyArray<{ code: string; reason: string }>,
  convention: PrimaryRefractoryPfsConvention | null,
  conventions: AnalysisConventions,
): EndpointAnalysis {
  const primary = records.filter((record) => record.patient.pclType === 'primary');
  const secondary = records.filter((record) => record.patient.pclType === 'secondary');
  const test = compareSurvivalGroups(
    records.map((record) => ({ ...record, group: record.patient.pclType === 'primary' ? 0 : 1 })),
    2,
  );
  return {
    endpoint,
    label: endpoint === 'pfs' ? 'Progression-free survival' : 'Overall survival',
    convention,
    all: summariseGroup('all', 'All patients', records, conventions),
    primary: summariseGroup('primary', 'Primary PCL', primary, conventions),
    secondary: summariseGroup('secondary', 'Secondary PCL', secondary, conventions),
    logRank: test,
    atRiskTimes: conventions.atRiskTimes,
    excluded,
    records: records.map((record) => ({
      code: record.patient.code,
      months: record.months,
      isEvent: record.isEvent,
      note: record.note,
    })),
  };
}

export function analyseSurvival(study: Study, conventions: AnalysisConventions): SurvivalSummary {
  const pfsFor = (convention: PrimaryRefractoryPfsConvention) => {
    const { records, excluded } = deriveProgressionFreeRecords(study.patients, convention);
    return analyseEndpoint('pfs', records, excluded, convention, conventions);
  };
  return {
    pfs: pfsFor(conventions.primaryRefractoryPfs),
    os: analyseEndpoint('os', deriveOverallSurvivalRecords(study.patients), [], null, conventions),
    pfsSensitivity: conventions.primaryRefractoryPfsSensitivity.map(pfsFor),
  };
}

export { describePrimaryRefractoryConvention };
