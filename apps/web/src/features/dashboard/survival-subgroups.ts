/**
 * Kaplan–Meier PFS and OS by subgroup, recomputed in the browser from the analysed patients' records
 * with core's `estimateSurvivalGroup` and `compareSurvivalGroups` — the functions the report's survival
 * analysis calls — so a subgroup curve, median and log-rank p are the ones `mmreg reproduce` would give.
 * "All patients" is taken from the results model as it is. No statistic is written here.
 */
import {
  compareSurvivalGroups,
  estimateSurvivalGroup,
  type LogRankSummary,
  type SurvivalGroupEstimate,
} from '@mmreg/core';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import type { SubgroupPatient } from './subgroup-rows.ts';

export type SubgroupKey = 'all' | 'pclType' | 'del13' | 'combination' | 'priorAsct';

interface SubgroupDefinition {
  readonly key: SubgroupKey;
  /** Selector label. */
  readonly label: string;
  /** Level labels as the report's response subgroups print them; `levelOf` returns an index or null (not classified). */
  readonly levels: readonly string[];
  readonly levelOf: (patient: SubgroupPatient) => number | null;
  /** What an unclassified patient is, e.g. "not karyotyped". */
  readonly unclassified?: string;
}

/** The report's response subgroups (core's response-summary groupings), as survival subgroups. */
export const subgroupDefinitions: readonly SubgroupDefinition[] = [
  { key: 'all', label: 'All patients', levels: ['All patients'], levelOf: () => 0 },
  {
    key: 'pclType',
    label: 'PCL type',
    levels: ['Primary PCL', 'Secondary PCL'],
    levelOf: (patient) => (patient.pclType === 'primary' ? 0 : 1),
  },
  {
    key: 'del13',
    label: 'del(13)',
    levels: ['del(13)', 'Normal karyotype'],
    levelOf: (patient) => (patient.karyotype === 'del13' ? 0 : patient.karyotype === 'normal' ? 1 : null),
    unclassified: 'not karyotyped',
  },
  {
    key: 'priorAsct',
    label: 'Prior ASCT',
    levels: ['Prior ASCT', 'No prior ASCT'],
    levelOf: (patient) => (patient.hasPriorAsct ? 0 : 1),
  },
  {
    key: 'combination',
    label: 'Single agent vs combination',
    levels: ['Single agent', 'Combination'],
    levelOf: (patient) => (patient.isSingleAgent ? 0 : 1),
  },
];

export function findSubgroup(key: SubgroupKey): SubgroupDefinition {
  const found = subgroupDefinitions.find((definition) => definition.key === key);
  if (found === undefined) throw new Error(`unknown subgroup ${key}`);
  return found;
}

export interface SurvivalLevel {
  readonly label: string;
  readonly estimate: SurvivalGroupEstimate;
}

export interface EndpointSurvival {
  readonly levels: readonly SurvivalLevel[];
  /** Null for "All patients" (nothing to compare). */
  readonly logRank: LogRankSummary | null;
}

export interface SubgroupSurvival {
  readonly key: SubgroupKey;
  readonly pfs: EndpointSurvival;
  readonly os: EndpointSurvival;
  /** Patients in no level (e.g. not karyotyped), left out of the curves and the test. */
  readonly unclassified: number;
  /** Number-at-risk times (also the x ticks). */
  readonly timeBreaks: readonly number[];
}

/** What the page prints beside the figures: each level's n, events and median with CI, and the test. */
export interface EndpointSummary {
  readonly levels: ReadonlyArray<{
    readonly label: string;
    readonly estimate: Pick<SurvivalGroupEstimate, 'n' | 'events' | 'median' | 'lower' | 'upper'>;
  }>;
  readonly logRank: LogRankSummary | null;
}

/** A subgroup's survival without its curves (what the worker sends back with the drawn figures). */
export interface SubgroupSurvivalSummary {
  readonly key: SubgroupKey;
  readonly pfs: EndpointSummary;
  readonly os: EndpointSummary;
  readonly unclassified: number;
}

/** Drops the curves, censor marks and numbers at risk, keeping what `EndpointSummary` holds. */
export function summariseSubgroupSurvival(survival: SubgroupSurvival): SubgroupSurvivalSummary {
  const endpoint = (data: EndpointSurvival): EndpointSummary => ({
    levels: data.levels.map(({ label, estimate }) => ({
      label,
      estimate: {
        n: estimate.n,
        events: estimate.events,
        median: estimate.median,
        lower: estimate.lower,
        upper: estimate.upper,
      },
    })),
    logRank: data.logRank,
  });
  return {
    key: survival.key,
    pfs: endpoint(survival.pfs),
    os: endpoint(survival.os),
    unclassified: survival.unclassified,
  };
}

type Conventions = AnalysisResults['conventions'];

/**
 * The report's at-risk times up to the last follow-up (+ one step, as the report's figures), continued
 * at the same step when follow-up runs past the last one, so long follow-up keeps its ticks.
 */
export function dashboardTimeBreaks(atRiskTimes: readonly number[], maxMonths: number): number[] {
  const breaks = atRiskTimes.filter((time, index) => index === 0 || time <= maxMonths + 3);
  const last = breaks[breaks.length - 1] ?? 0;
  const step = breaks.length > 1 ? last - (breaks[breaks.length - 2] ?? 0) : 3;
  for (let time = last + step; step > 0 && time - step < maxMonths; time += step) breaks.push(time);
  return breaks;
}

function maxFollowUpMonths(patients: readonly SubgroupPatient[]): number {
  let max = 0;
  for (const patient of patients) {
    max = Math.max(max, patient.os.months, patient.pfs?.months ?? 0);
  }
  return max;
}

/** At-risk counts from a curve's rows: nRisk of the first row at or after t, else 0 (= time ≥ t). */
export function atRiskFromSteps(
  steps: readonly { readonly time: number; readonly nRisk: number }[],
  times: readonly number[],
): number[] {
  return times.map((time) => steps.find((step) => step.time >= time)?.nRisk ?? 0);
}

function fromResultsGroup(
  group: AnalysisResults['survival']['pfs']['all'],
  steps: AnalysisResults['survival']['pfs']['curves']['all'],
  timeBreaks: readonly number[],
): SurvivalGroupEstimate {
  return {
    n: group.n,
    events: group.events,
    median: group.median,
    lower: group.lower,
    upper: group.upper,
    steps,
    censored: steps.filter((step) => step.nCensor > 0).map((step) => ({ time: step.time, surv: step.surv })),
    atRisk: atRiskFromSteps(steps, timeBreaks),
  };
}

/** "All patients" exactly as the results model holds it (the report's numbers). */
export function allPatientsSurvival(results: AnalysisResults, patients: readonly AnalysedPatient[]): SubgroupSurvival {
  const timeBreaks = dashboardTimeBreaks(results.conventions.atRiskTimes, maxFollowUpMonths(patients));
  const endpoint = (key: 'pfs' | 'os'): EndpointSurvival => ({
    levels: [
      {
        label: 'All patients',
        estimate: fromResultsGroup(results.survival[key].all, results.survival[key].curves.all, timeBreaks),
      },
    ],
    logRank: null,
  });
  return { key: 'all', pfs: endpoint('pfs'), os: endpoint('os'), unclassified: 0, timeBreaks };
}

/** One subgroup's PFS and OS curves and log-rank tests, recomputed from the patients' records with core. */
export function computeSubgroupSurvival(
  key: SubgroupKey,
  patients: readonly SubgroupPatient[],
  conventions: Conventions,
): SubgroupSurvival {
  const definition = findSubgroup(key);
  const timeBreaks = dashboardTimeBreaks(conventions.atRiskTimes, maxFollowUpMonths(patients));
  const settings = { ...conventions, atRiskTimes: timeBreaks };
  const levelOf = patients.map((patient) => definition.levelOf(patient));
  const endpoint = (which: 'pfs' | 'os'): EndpointSurvival => {
    const records: Array<{ months: number; isEvent: boolean; group: number }> = [];
    const byLevel = definition.levels.map((): Array<{ months: number; isEvent: boolean }> => []);
    patients.forEach((patient, index) => {
      const level = levelOf[index];
      const outcome = patient[which];
      if (level === null || level === undefined || outcome === null) return;
      const record = { months: outcome.months, isEvent: outcome.isEvent, group: level };
      records.push(record);
      byLevel[level]?.push(record);
    });
    return {
      levels: definition.levels.map((label, index) => ({
        label,
        estimate: estimateSurvivalGroup(byLevel[index] ?? [], settings),
      })),
      logRank: definition.levels.length > 1 ? compareSurvivalGroups(records, definition.levels.length) : null,
    };
  };
  return {
    key,
    pfs: endpoint('pfs'),
    os: endpoint('os'),
    unclassified: levelOf.filter((level) => level === null).length,
    timeBreaks,
  };
}
