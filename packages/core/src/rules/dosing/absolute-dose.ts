/**
 * The absolute bortezomib dose: dose (mg) = dose level (mg/m²) × BSA (m²), clinical-spec.md §6.2 [V].
 * A BSA cap (e.g. 2.0–2.2 m²) and vial rounding are institutional (§6.2 [U]); both are settings
 * (`bodySurfaceAreaCapM2`, `doseRoundingIncrementMg`) and default to none, as the spec says.
 */
import { checkThreshold, type Explanation, type RuleDefinition, type ThresholdCheck } from '../rule.ts';
import { explainDosing, formatDoseNumber } from './dosing-explanation.ts';

export const absoluteDoseRule: RuleDefinition = {
  id: 'bortezomib-absolute-dose',
  version: '1',
  title: 'Bortezomib dose in mg = dose level (mg/m²) × body surface area (m²); cap and rounding institutional',
  specSection: '§6.2',
  source: 'clinical-spec.md §6.2 (VELCADE label dosing by BSA); cap and rounding [U]',
  evidence: 'V',
};

export interface AbsoluteDoseSettings {
  /** §6.2 [U] BSA cap in m² applied before multiplying, or null for none (default). */
  readonly bodySurfaceAreaCapM2: number | null;
  /** §6.2 [U] round the dose to the nearest multiple of this many mg (e.g. 0.1), or null for none (default). */
  readonly doseRoundingIncrementMg: number | null;
}

export const defaultAbsoluteDoseSettings: AbsoluteDoseSettings = {
  bodySurfaceAreaCapM2: null,
  doseRoundingIncrementMg: null,
};

export interface AbsoluteDoseInput {
  readonly doseMgPerM2: number;
  readonly bodySurfaceAreaM2: number;
}

export interface AbsoluteDose {
  readonly doseMg: number;
  /** The BSA multiplied: the input, or the cap when it applied. */
  readonly bodySurfaceAreaUsedM2: number;
  readonly isCapped: boolean;
  readonly explanation: Explanation;
}

/** Computes the dose in mg; throws `RangeError` on a non-positive dose level, BSA, cap or increment. */
export function deriveAbsoluteDose(
  input: AbsoluteDoseInput,
  settings: AbsoluteDoseSettings = defaultAbsoluteDoseSettings,
): AbsoluteDose {
  const { doseMgPerM2, bodySurfaceAreaM2 } = input;
  const { bodySurfaceAreaCapM2: cap, doseRoundingIncrementMg: increment } = settings;
  for (const [name, value] of [
    ['dose level (mg/m²)', doseMgPerM2],
    ['BSA (m²)', bodySurfaceAreaM2],
    ['BSA cap (m²)', cap ?? 1],
    ['rounding increment (mg)', increment ?? 1],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0))
      throw new RangeError(`${name} must be a positive number (got ${value})`);
  }
  const checks: ThresholdCheck[] = [];
  let bodySurfaceAreaUsedM2 = bodySurfaceAreaM2;
  let isCapped = false;
  if (cap !== null) {
    const capCheck = checkThreshold({
      quantity: 'BSA',
      value: bodySurfaceAreaM2,
      unit: 'm²',
      comparator: '>',
      threshold: cap,
    });
    checks.push(capCheck);
    if (capCheck.isMet) {
      bodySurfaceAreaUsedM2 = cap;
      isCapped = true;
    }
  }
  const unroundedMg = doseMgPerM2 * bodySurfaceAreaUsedM2;
  const doseMg =
    increment === null ? unroundedMg : Number((Math.round(unroundedMg / increment) * increment).toPrecision(12));
  const capText =
    cap === null
      ? 'no BSA cap'
      : isCapped
        ? `BSA capped at ${formatDoseNumber(cap)} m²`
        : `BSA under the ${formatDoseNumber(cap)} m² cap`;
  const roundText =
    increment === null
      ? 'not rounded'
      : `rounded to the nearest ${formatDoseNumber(increment)} mg from ${formatDoseNumber(unroundedMg, 4)} mg`;
  return {
    doseMg,
    bodySurfaceAreaUsedM2,
    isCapped,
    explanation: explainDosing(
      absoluteDoseRule,
      checks,
      `dose ${formatDoseNumber(doseMg, 4)} mg = ${formatDoseNumber(doseMgPerM2)} mg/m² × ${formatDoseNumber(bodySurfaceAreaUsedM2, 4)} m² (${capText}; ${roundText}; §6.2).`,
    ),
  };
}
