/**
 * Kaplan–Meier figures of the dashboard, drawn by the report's `kaplanMeierFigure` from the subgroup
 * survival (curves with pointwise CI bands, censor marks, median lines, number at risk), labelled as
 * the report labels them; and a per-subgroup cache so each subgroup is computed and drawn once.
 */
import { formatMedianWithInterval, formatPValue, kaplanMeierFigure } from '@mmreg/report';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import type { TextRow, TextTable } from './dashboard-tables.ts';
import { thinCensorMarks, thinStepsForDrawing } from './figure-thinning.ts';
import type { SubgroupPatient } from './subgroup-rows.ts';
import {
  allPatientsSurvival,
  computeSubgroupSurvival,
  type EndpointSummary,
  findSubgroup,
  type SubgroupKey,
  type SubgroupSurvival,
  type SubgroupSurvivalSummary,
  summariseSubgroupSurvival,
} from './survival-subgroups.ts';

export const survivalTimeLabel = 'Months from the first month of bortezomib';

const endpointTitles = { pfs: 'Progression-free survival', os: 'Overall survival' } as const;

/** "p = 0.071" or "no test (fewer than two non-empty groups)". */
export function describeLogRank(survival: EndpointSummary): string | null {
  if (survival.logRank === null) return null;
  if (survival.logRank.p === null) return 'Log-rank: no test (fewer than two groups with patients)';
  return `Log-rank p = ${formatPValue(survival.logRank.p)} (χ² = ${survival.logRank.chisq.toFixed(2)}, df = ${survival.logRank.df})`;
}

function curveLabel(label: string, estimate: EndpointSummary['levels'][number]['estimate']): string {
  return `${label}: n = ${estimate.n}, ${estimate.events} events, median ${formatMedianWithInterval(estimate.median, estimate.lower, estimate.upper)}`;
}

/** One endpoint's figure; a group without patients is left out of the curves (nothing to draw). */
export function drawEndpointFigure(endpoint: 'pfs' | 'os', survival: SubgroupSurvival, subgroupLabel: string): string {
  const data = survival[endpoint];
  const drawn = data.levels.filter((level) => level.estimate.n > 0);
  const title = `${endpointTitles[endpoint]}${survival.key === 'all' ? '' : ` by ${subgroupLabel}`}`;
  const fallbackCurve = { label: 'No patients', steps: [], censored: [] };
  const maxTime = Math.max(...survival.timeBreaks);
  return kaplanMeierFigure({
    title,
    curves:
      drawn.length === 0
        ? [fallbackCurve]
        : drawn.map((level) => ({
            label: curveLabel(level.label, level.estimate),
            steps: thinStepsForDrawing(level.estimate.steps).map((step) => ({
              time: step.time,
              surv: step.surv,
              lower: step.lower,
              upper: step.upper,
            })),
            censored: thinCensorMarks(level.estimate.censored, maxTime),
            median: { time: level.estimate.median, lower: level.estimate.lower, upper: level.estimate.upper },
          })),
    timeLabel: survivalTimeLabel,
    timeBreaks: survival.timeBreaks,
    atRisk: drawn.map((level) => ({ label: level.label, counts: level.estimate.atRisk })),
    confidenceBands: true,
    showMedianLines: true,
    ...(data.logRank === null || data.logRank.p === null
      ? {}
      : { annotation: `Log-rank p = ${formatPValue(data.logRank.p)}` }),
  });
}

/** A subgroup as the page shows it: its two figures and the numbers printed beside them. */
export interface DrawnSubgroup {
  readonly survival: SubgroupSurvivalSummary;
  readonly pfsSvg: string;
  readonly osSvg: string;
}

/** Computes one subgroup's curves and tests with core and draws its two figures (also in the worker). */
export function drawSubgroup(
  key: Exclude<SubgroupKey, 'all'>,
  patients: readonly SubgroupPatient[],
  conventions: AnalysisResults['conventions'],
): DrawnSubgroup {
  return drawSurvival(computeSubgroupSurvival(key, patients, conventions));
}

function drawSurvival(survival: SubgroupSurvival): DrawnSubgroup {
  const label = findSubgroup(survival.key).label;
  return {
    survival: summariseSubgroupSurvival(survival),
    pfsSvg: drawEndpointFigure('pfs', survival, label),
    osSvg: drawEndpointFigure('os', survival, label),
  };
}

/**
 * Each subgroup of one data set, computed and drawn once: `get` computes on the spot when needed, `put`
 * takes a subgroup drawn elsewhere (the worker, subgroup-preparation.ts), `peek` never computes.
 */
export function createSubgroupCache(
  results: AnalysisResults,
  patients: readonly AnalysedPatient[],
  onComputed?: (key: SubgroupKey, durationMs: number) => void,
) {
  const drawn = new Map<SubgroupKey, DrawnSubgroup>();
  return {
    has: (key: SubgroupKey) => drawn.has(key),
    peek: (key: SubgroupKey): DrawnSubgroup | undefined => drawn.get(key),
    put(key: SubgroupKey, entry: DrawnSubgroup): void {
      if (!drawn.has(key)) drawn.set(key, entry);
    },
    get(key: SubgroupKey): DrawnSubgroup {
      const cached = drawn.get(key);
      if (cached !== undefined) return cached;
      const started = performance.now();
      const entry =
        key === 'all'
          ? drawSurvival(allPatientsSurvival(results, patients))
          : drawSubgroup(key, patients, results.conventions);
      drawn.set(key, entry);
      onComputed?.(key, performance.now() - started);
      return entry;
    },
  };
}
export type SubgroupCache = ReturnType<typeof createSubgroupCache>;

/** The curves' numbers as a table (the figures' text alternative): n, events, median with CI, log-rank. */
export function buildSurvivalSummary(survival: SubgroupSurvivalSummary, subgroupLabel: string): TextTable {
  const rows: TextRow[] = [];
  for (const endpoint of ['pfs', 'os'] as const) {
    const data = survival[endpoint];
    data.levels.forEach((level, index) => {
      rows.push({
        key: `${endpoint}-${index}`,
        cells: [
          `${endpoint.toUpperCase()}, ${level.label}`,
          String(level.estimate.n),
          String(level.estimate.events),
          formatMedianWithInterval(level.estimate.median, level.estimate.lower, level.estimate.upper),
          index === 0 ? (describeLogRank(data) ?? '') : '',
        ],
        ...(index === 0 && data.levels.length === 1 ? { emphasis: 'strong' as const } : {}),
      });
    });
  }
  return {
    caption: `PFS and OS ${survival.key === 'all' ? 'of all patients' : `by ${subgroupLabel}`} (Kaplan–Meier)`,
    columns: ['Endpoint and group', 'n', 'Events', 'Median, mo (95% CI)', 'Log-rank test'],
    numericColumns: [1, 2],
    rows,
    notes: [
      `Times in months from the first month of bortezomib; NR, not reached.${survival.unclassified > 0 ? ` ${survival.unclassified} patient(s) without the subgroup information are left out.` : ''}`,
    ],
  };
}
