/**
 * Baseline disease values (clinical-spec.md §1.6 step 1 [IMPL]): per parameter, the last value on or
 * before the index therapy start (C1D1) and no more than `baselineWindowDays` (default 30) before it.
 * Free light chains are taken from the last date on which both κ and λ were measured; the involved
 * chain is decided by the baseline κ/λ ratio (> 1.65 κ, < 0.26 λ; Freelite 0.26–1.65, §1.1 [V]) and
 * dFLC = involved − uninvolved (§1.1 [V]). It does not decide measurability (measurable-disease.ts).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Explanation, RuleDefinition } from '../rule.ts';
import { type AssessmentValues, notDone, positive, type QualitativeCode } from './assessment-values.ts';
import { DeferredExplanation } from './deferred-explanation.ts';
import { formatNumber } from './response-format.ts';
import type { LightChain } from './response-settings.ts';

export const baselineValuesRule: RuleDefinition = {
  id: 'response-baseline-values',
  version: '1',
  title: 'Baseline disease values: last value within the window on or before the index therapy start',
  specSection: '§1.6',
  source: 'clinical-spec.md §1.6 step 1 (implementation choice); FLC ratio and dFLC per §1.1',
  evidence: 'IMPL',
};

/** Normal serum FLC κ/λ ratio, Freelite (§1.1 [V]). */
export const normalFlcRatioLow = 0.26;
export const normalFlcRatioHigh = 1.65;

export interface DatedValue {
  readonly value: number;
  readonly date: CalendarDate;
}

export interface DatedResult {
  readonly result: 'positive' | 'negative';
  readonly date: CalendarDate;
}

export interface BaselineFreeLightChains {
  readonly kappaMgPerDl: number;
  readonly lambdaMgPerDl: number;
  readonly ratio: number;
  readonly isRatioNormal: boolean;
  /** The chain the ratio favours (κ when ratio ≥ 1); clinically "involved" only when the ratio is abnormal. */
  readonly involved: LightChain;
  readonly involvedMgPerDl: number;
  /** dFLC = involved − uninvolved, mg/dL. */
  readonly differenceMgPerDl: number;
  readonly date: CalendarDate;
}

export interface BaselineValues {
  readonly windowDays: number;
  readonly serumMProtein: DatedValue | null;
  readonly urineMProtein: DatedValue | null;
  readonly serumImmunofixation: DatedResult | null;
  readonly urineImmunofixation: DatedResult | null;
  readonly freeLightChains: BaselineFreeLightChains | null;
  readonly marrowPlasmaCells: DatedValue | null;
  readonly bloodPlasmaCells: DatedValue | null;
  /** WBC × PB PC % / 100, in cells/µL, from a date with both measured. */
  readonly bloodPlasmaCellsPerMicrolitre: DatedValue | null;
  readonly plasmacytomaSpd: DatedValue | null;
  readonly explanation: Explanation;
}

/** FLC ratio is normal within 0.26–1.65 inclusive; a zero λ (infinite or undefined ratio) is abnormal. */
export function isFlcRatioNormal(kappa: number, lambda: number): boolean {
  const ratio = kappa / lambda;
  return ratio >= normalFlcRatioLow && ratio <= normalFlcRatioHigh;
}

/** Involved minus uninvolved light chain, mg/dL. */
export function freeLightChainDifference(involved: LightChain, kappa: number, lambda: number): number {
  return involved === 'kappa' ? kappa - lambda : lambda - kappa;
}

function lastWith(rows: readonly AssessmentValues[], read: (row: AssessmentValues) => number): DatedValue | null {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index] as AssessmentValues;
    const value = read(row);
    if (!Number.isNaN(value)) return { value, date: row.date };
  }
  return null;
}

function lastResult(
  rows: readonly AssessmentValues[],
  read: (row: AssessmentValues) => QualitativeCode,
): DatedResult | null {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index] as AssessmentValues;
    const code = read(row);
    if (code !== notDone) return { result: code === positive ? 'positive' : 'negative', date: row.date };
  }
  return null;
}

function selectFreeLightChains(rows: readonly AssessmentValues[]): BaselineFreeLightChains | null {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index] as AssessmentValues;
    if (Number.isNaN(row.flcKappa) || Number.isNaN(row.flcLambda)) continue;
    const kappa = row.flcKappa;
    const lambda = row.flcLambda;
    const ratio = kappa / lambda;
    const involved: LightChain = ratio >= 1 ? 'kappa' : 'lambda';
    return {
      kappaMgPerDl: kappa,
      lambdaMgPerDl: lambda,
      ratio,
      isRatioNormal: isFlcRatioNormal(kappa, lambda),
      involved,
      involvedMgPerDl: involved === 'kappa' ? kappa : lambda,
      differenceMgPerDl: freeLightChainDifference(involved, kappa, lambda),
      date: row.date,
    };
  }
  return null;
}

function selectBloodAbsolute(rows: readonly AssessmentValues[]): DatedValue | null {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index] as AssessmentValues;
    if (Number.isNaN(row.bloodPlasmaCells) || Number.isNaN(row.whiteBloodCells)) continue;
    return { value: bloodPlasmaCellsPerMicrolitre(row.whiteBloodCells, row.bloodPlasmaCells), date: row.date };
  }
  return null;
}

/** Absolute circulating plasma cells, cells/µL: WBC (10⁹/L) × PC % / 100 × 1000. */
export function bloodPlasmaCellsPerMicrolitre(whiteBloodCellsPer1e9L: number, plasmaCellsPercent: number): number {
  return whiteBloodCellsPer1e9L * plasmaCellsPercent * 10;
}

/**
 * Selects the baseline values from `rows` (ascending, one per date), which must all lie within the
 * baseline window: on or before the index date and no more than `windowDays` before it.
 */
export function selectBaselineValues(
  rows: readonly AssessmentValues[],
  windowDays: number,
  indexDate: CalendarDate,
): BaselineValues {
  const serumMProtein = lastWith(rows, (row) => row.serumMProtein);
  const urineMProtein = lastWith(rows, (row) => row.urineMProtein);
  const serumImmunofixation = lastResult(rows, (row) => row.serumImmunofixation);
  const urineImmunofixation = lastResult(rows, (row) => row.urineImmunofixation);
  const freeLightChains = selectFreeLightChains(rows);
  const marrowPlasmaCells = lastWith(rows, (row) => row.marrowPlasmaCells);
  const bloodPlasmaCells = lastWith(rows, (row) => row.bloodPlasmaCells);
  const bloodAbsolute = selectBloodAbsolute(rows);
  const plasmacytomaSpd = lastWith(rows, (row) => row.plasmacytomaSpd);
  const baseline: BaselineValues = {
    windowDays,
    serumMProtein,
    urineMProtein,
    serumImmunofixation,
    urineImmunofixation,
    freeLightChains,
    marrowPlasmaCells,
    bloodPlasmaCells,
    bloodPlasmaCellsPerMicrolitre: bloodAbsolute,
    plasmacytomaSpd,
    explanation: new DeferredExplanation(baselineValuesRule, [], () => describeBaseline(baseline, indexDate)),
  };
  return baseline;
}

function describeBaseline(values: BaselineValues, indexDate: CalendarDate): string {
  const found: string[] = [];
  const missing: string[] = [];
  const describe = (name: string, value: DatedValue | null, unit: string): void => {
    if (value === null) missing.push(name);
    else found.push(`${name} ${formatNumber(value.value)} ${unit} (${value.date})`);
  };
  describe('serum M-protein', values.serumMProtein, 'g/dL');
  describe('urine M-protein', values.urineMProtein, 'mg/24h');
  const { serumImmunofixation, urineImmunofixation, freeLightChains } = values;
  if (serumImmunofixation === null) missing.push('serum IFE');
  else found.push(`serum IFE ${serumImmunofixation.result} (${serumImmunofixation.date})`);
  if (urineImmunofixation === null) missing.push('urine IFE');
  else found.push(`urine IFE ${urineImmunofixation.result} (${urineImmunofixation.date})`);
  if (freeLightChains === null) missing.push('FLC κ and λ');
  else found.push(describeFreeLightChains(freeLightChains));
  describe('bone marrow plasma cells', values.marrowPlasmaCells, '%');
  describe('blood plasma cells', values.bloodPlasmaCells, '%');
  describe('plasmacytoma SPD', values.plasmacytomaSpd, 'cm2');
  return (
    `Baseline = last value on or before ${indexDate} and at most ${values.windowDays} days before it: ` +
    `${found.length > 0 ? found.join('; ') : 'no values'}` +
    `${missing.length > 0 ? `; not measured: ${missing.join(', ')}` : ''}.`
  );
}

function describeFreeLightChains(flc: BaselineFreeLightChains): string {
  const chains = flc.involved === 'kappa' ? 'κ − λ' : 'λ − κ';
  const involvedText = flc.isRatioNormal ? 'normal' : `abnormal, involved ${flc.involved === 'kappa' ? 'κ' : 'λ'}`;
  return (
    `FLC κ ${formatNumber(flc.kappaMgPerDl)}, λ ${formatNumber(flc.lambdaMgPerDl)} mg/dL, ratio ` +
    `${formatNumber(flc.ratio)} (${involvedText}), dFLC (${chains}) ${formatNumber(flc.differenceMgPerDl)} mg/dL (${flc.date})`
  );
}
