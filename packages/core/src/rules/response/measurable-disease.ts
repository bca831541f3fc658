/**
 * Measurable disease at baseline (clinical-spec.md §1.1, Durie 2006 Table 5 footnote [V]): which
 * compartment drives response and progression. Serum M-protein ≥ 1.0 g/dL and urine M-protein
 * ≥ 200 mg/24 h [V]; serum FLC only when neither is measurable, involved FLC ≥ 10 mg/dL (comparator
 * [P], setting `flcMeasurableComparator`) with an abnormal κ/λ ratio [V]; bone marrow only when all
 * three are unmeasurable and baseline plasma cells ≥ 30 % [V]. EBMT 1998 predates serum FLC, so its
 * FLC compartment is never used. A plasmacytoma is "present at baseline" when its SPD is > 0.
 */
import { describeCheck, type Explanation, type RuleDefinition, type ThresholdCheck } from '../rule.ts';
import type { BaselineValues } from './baseline-values.ts';
import { DeferredExplanation } from './deferred-explanation.ts';
import { formatNumber } from './response-format.ts';
import type { Compartment, LightChain } from './response-settings.ts';

export const measurableDiseaseRule: RuleDefinition = {
  id: 'response-measurable-disease',
  version: '2006',
  title: 'Measurable disease at baseline (serum ≥ 1.0 g/dL, urine ≥ 200 mg/24 h, FLC ≥ 10 mg/dL, marrow ≥ 30 %)',
  specSection: '§1.1',
  source: 'Durie BGM, et al. Leukemia 2006;20:1467–73, Table 5 footnote; CIBMTR Forms Manual',
  evidence: 'V',
};

export const serumMeasurableGPerDl = 1.0;
export const urineMeasurableMgPer24h = 200;
export const flcMeasurableMgPerDl = 10;
export const marrowMeasurablePercent = 30;

export interface CompartmentCheck {
  readonly compartment: Compartment;
  /** Whether the baseline value meets the threshold (null when not measured at baseline). */
  readonly meetsThreshold: boolean | null;
  /** Whether the compartment drives response and progression (measurable and not superseded). */
  readonly drivesResponse: boolean;
  readonly explanation: Explanation;
}

export interface MeasurableDisease {
  readonly serum: boolean;
  readonly urine: boolean;
  readonly flc: boolean;
  readonly marrow: boolean;
  /** Baseline plasmacytoma SPD > 0. */
  readonly hasPlasmacytoma: boolean;
  /** From the baseline κ/λ ratio; null without baseline FLC or with a normal ratio. */
  readonly involvedLightChain: LightChain | null;
  /** All four compartments in priority order, with the reasons. */
  readonly compartments: readonly CompartmentCheck[];
}

export interface MeasurableDiseaseOptions {
  readonly flcMeasurableComparator: '>=' | '>';
  /** False for EBMT 1998, which has no FLC compartment. */
  readonly usesFreeLightChains: boolean;
}

const names: Readonly<Record<Compartment, string>> = {
  serum: 'serum M-protein',
  urine: 'urine M-protein',
  flc: 'serum FLC',
  marrow: 'bone marrow plasma cells',
};

/** `checkThreshold` (rule.ts) without the object spread (this runs once per patient in bulk derivations). */
function thresholdCheck(check: Omit<ThresholdCheck, 'isMet'>): ThresholdCheck {
  const { quantity, value, unit, comparator, threshold } = check;
  const isMet = comparator === '>=' ? value >= threshold : value > threshold;
  return { quantity, value, unit, comparator, threshold, isMet };
}

function explain(compartment: Compartment, checks: readonly ThresholdCheck[], verdict: () => string): Explanation {
  return new DeferredExplanation(measurableDiseaseRule, checks, () => {
    const details = checks.length > 0 ? `${checks.map(describeCheck).join(' and ')}: ` : '';
    return `${names[compartment]}: ${details}${verdict()} (§1.1).`;
  });
}

/** Decides the measurable compartments from the baseline values (see the module header). */
export function determineMeasurableDisease(
  baseline: BaselineValues,
  options: MeasurableDiseaseOptions,
): MeasurableDisease {
  const compartments: CompartmentCheck[] = [];

  const serumCheck =
    baseline.serumMProtein === null
      ? null
      : thresholdCheck({
          quantity: `baseline serum M-protein (${baseline.serumMProtein.date})`,
          value: baseline.serumMProtein.value,
          unit: 'g/dL',
          comparator: '>=',
          threshold: serumMeasurableGPerDl,
        });
  const serum = serumCheck?.isMet ?? false;
  compartments.push({
    compartment: 'serum',
    meetsThreshold: serumCheck?.isMet ?? null,
    drivesResponse: serum,
    explanation: explain('serum', serumCheck ? [serumCheck] : [], () => measuredVerdict(serumCheck)),
  });

  const urineCheck =
    baseline.urineMProtein === null
      ? null
      : thresholdCheck({
          quantity: `baseline urine M-protein (${baseline.urineMProtein.date})`,
          value: baseline.urineMProtein.value,
          unit: 'mg/24h',
          comparator: '>=',
          threshold: urineMeasurableMgPer24h,
        });
  const urine = urineCheck?.isMet ?? false;
  compartments.push({
    compartment: 'urine',
    meetsThreshold: urineCheck?.isMet ?? null,
    drivesResponse: urine,
    explanation: explain('urine', urineCheck ? [urineCheck] : [], () => measuredVerdict(urineCheck)),
  });

  const flcBaseline = baseline.freeLightChains;
  let flcMeets: boolean | null = null;
  let flcChecks: ThresholdCheck[] = [];
  if (flcBaseline !== null) {
    const involvedCheck = thresholdCheck({
      quantity: `baseline involved FLC (${flcBaseline.involved === 'kappa' ? 'κ' : 'λ'}, ${flcBaseline.date})`,
      value: flcBaseline.involvedMgPerDl,
      unit: 'mg/dL',
      comparator: options.flcMeasurableComparator,
      threshold: flcMeasurableMgPerDl,
    });
    flcChecks = [involvedCheck];
    flcMeets = involvedCheck.isMet && !flcBaseline.isRatioNormal;
  }
  const flc = options.usesFreeLightChains && flcMeets === true && !serum && !urine;
  let flcUse = '';
  if (!options.usesFreeLightChains) flcUse = '; not used: EBMT 1998 has no FLC criteria';
  else if (flcMeets === true && (serum || urine)) flcUse = '; not used: serum or urine M-protein is measurable';
  else if (flc) flcUse = '; drives response';
  compartments.push({
    compartment: 'flc',
    meetsThreshold: flcMeets,
    drivesResponse: flc,
    // The verdict closure is an argument, not a named constant: esbuild's keepNames (tsx) names a
    // named closure with a defineProperty call each time it is made, once per patient here.
    explanation: explain('flc', flcChecks, () => {
      if (flcBaseline === null) return `not measured at baseline${flcUse}`;
      const ratio = `κ/λ ratio ${formatNumber(flcBaseline.ratio)} ${flcBaseline.isRatioNormal ? 'normal (0.26–1.65)' : 'abnormal'}`;
      return `${ratio}; ${flcMeets === true ? 'meets' : 'does not meet'} the FLC threshold${flcUse}`;
    }),
  });

  const marrowCheck =
    baseline.marrowPlasmaCells === null
      ? null
      : thresholdCheck({
          quantity: `baseline bone marrow plasma cells (${baseline.marrowPlasmaCells.date})`,
          value: baseline.marrowPlasmaCells.value,
          unit: '%',
          comparator: '>=',
          threshold: marrowMeasurablePercent,
        });
  const marrowMeets = marrowCheck?.isMet ?? null;
  const marrow = marrowMeets === true && !serum && !urine && !flc;
  let marrowVerdict = measuredVerdict(marrowCheck);
  if (marrowMeets === true && !marrow) marrowVerdict += '; not used: a serum, urine or FLC compartment is measurable';
  compartments.push({
    compartment: 'marrow',
    meetsThreshold: marrowMeets,
    drivesResponse: marrow,
    explanation: explain('marrow', marrowCheck ? [marrowCheck] : [], () => marrowVerdict),
  });

  return {
    serum,
    urine,
    flc,
    marrow,
    hasPlasmacytoma: baseline.plasmacytomaSpd !== null && baseline.plasmacytomaSpd.value > 0,
    involvedLightChain: flcBaseline !== null && !flcBaseline.isRatioNormal ? flcBaseline.involved : null,
    compartments,
  };
}

function measuredVerdict(check: ThresholdCheck | null): string {
  if (check === null) return 'not measured at baseline';
  return check.isMet ? 'measurable' : 'not measurable';
}
