/** Report-ready survival results: per group a curve, its median with CI, and the tests between groups. */
import type { PrimaryRefractoryPfsConvention } from './analysis-conventions.ts';

export interface SurvivalCurveStep {
  readonly time: number;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly surv: number;
  /** SE of S(t) as summary.survfit prints it (Greenwood); null where R gives NA. */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface SurvivalGroup {
  readonly key: 'all' | 'primary' | 'secondary';
  readonly label: string;
  readonly n: number;
  readonly events: number;
  /** Null when not reached (print.survfit rule). */
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly steps: readonly SurvivalCurveStep[];
  readonly censored: ReadonlyArray<{ readonly time: number; readonly surv: number }>;
  /** Number at risk (time ≥ t) at each of the convention's at-risk times. */
  readonly atRisk: readonly number[];
}

export interface LogRankSummary {
  readonly chisq: number;
  readonly df: number;
  /** Null when there is no test (fewer than two groups with expected events). */
  readonly p: number | null;
  readonly observed: readonly number[];
  readonly expected: readonly number[];
}

export interface EndpointAnalysis {
  readonly endpoint: 'pfs' | 'os';
  readonly label: string;
  readonly convention: PrimaryRefractoryPfsConvention | null;
  readonly all: SurvivalGroup;
  readonly primary: SurvivalGroup;
  readonly secondary: SurvivalGroup;
  /** Primary vs secondary PCL. */
  readonly logRank: LogRankSummary;
  readonly atRiskTimes: readonly number[];
  /** Patients left out of this analysis, with the reason. */
  readonly excluded: ReadonlyArray<{ readonly code: string; readonly reason: string }>;
  /** How each patient entered the analysis (time, event or censoring, why). */
  readonly records: ReadonlyArray<{
    readonly code: string;
    readonly months: number;
    readonly isEvent: boolean;
    readonly note: string;
  }>;
}

export interface SurvivalSummary {
  readonly pfs: EndpointAnalysis;
  readonly os: EndpointAnalysis;
  /** PFS under the other primary-refractory conventions. */
  readonly pfsSensitivity: readonly EndpointAnalysis[];
}
