/**
 * Body surface area from height (cm) and weight (kg) by Mosteller (NEJM 1987) or DuBois & DuBois
 * (1916), as clinical-spec.md §6.2 gives them [V]: Mosteller √(H × W / 3600); DuBois
 * 0.007184 × W^0.425 × H^0.725. Rounding is institutional (§6.2 [U]) and so a setting
 * (`bodySurfaceAreaDecimals`, default none: the unrounded value is used). It does not cap the BSA
 * (a cap changes the dose, so it lives in `deriveAbsoluteDose`) and does not check plausibility
 * beyond positive finite inputs.
 */
import type { Explanation, RuleDefinition } from '../rule.ts';
import { explainDosing, formatDoseNumber } from './dosing-explanation.ts';

export const bodySurfaceAreaMostellerRule: RuleDefinition = {
  id: 'body-surface-area-mosteller',
  version: '1987',
  title: 'Body surface area, Mosteller: √(height cm × weight kg / 3600)',
  specSection: '§6.2',
  source: 'Mosteller RD. N Engl J Med 1987;317:1098',
  evidence: 'V',
};

export const bodySurfaceAreaDuBoisRule: RuleDefinition = {
  id: 'body-surface-area-du-bois',
  version: '1916',
  title: 'Body surface area, DuBois & DuBois: 0.007184 × weight kg^0.425 × height cm^0.725',
  specSection: '§6.2',
  source: 'DuBois D, DuBois EF. Arch Intern Med 1916;17:863–71',
  evidence: 'V',
};

export type BodySurfaceAreaFormula = 'mosteller' | 'du-bois';

export interface BodyMeasurement {
  readonly heightCm: number;
  readonly weightKg: number;
}

export interface BodySurfaceAreaSettings {
  /** [IMPL] default `mosteller`. */
  readonly formula: BodySurfaceAreaFormula;
  /** §6.2 [U] institutional rounding: decimals kept (half away from zero), or null for none (default). */
  readonly bodySurfaceAreaDecimals: number | null;
}

export const defaultBodySurfaceAreaSettings: BodySurfaceAreaSettings = {
  formula: 'mosteller',
  bodySurfaceAreaDecimals: null,
};

export interface BodySurfaceArea {
  /** m², rounded when the setting asks for it. */
  readonly bodySurfaceAreaM2: number;
  readonly unroundedM2: number;
  readonly formula: BodySurfaceAreaFormula;
  readonly explanation: Explanation;
}

/** Computes the BSA; throws `RangeError` unless height and weight are positive finite numbers. */
export function deriveBodySurfaceArea(
  measurement: BodyMeasurement,
  settings: BodySurfaceAreaSettings = defaultBodySurfaceAreaSettings,
): BodySurfaceArea {
  const { heightCm, weightKg } = measurement;
  if (!(Number.isFinite(heightCm) && heightCm > 0 && Number.isFinite(weightKg) && weightKg > 0)) {
    throw new RangeError(`height (cm) and weight (kg) must be positive numbers (got ${heightCm} cm, ${weightKg} kg)`);
  }
  const { formula, bodySurfaceAreaDecimals: decimals } = settings;
  if (decimals !== null && !(Number.isInteger(decimals) && decimals >= 0)) {
    throw new RangeError(`bodySurfaceAreaDecimals must be a non-negative integer or null (got ${decimals})`);
  }
  const unroundedM2 = computeBodySurfaceArea(heightCm, weightKg, formula);
  const bodySurfaceAreaM2 = decimals === null ? unroundedM2 : roundHalfAwayFromZero(unroundedM2, decimals);
  const rule = formula === 'mosteller' ? bodySurfaceAreaMostellerRule : bodySurfaceAreaDuBoisRule;
  const expression =
    formula === 'mosteller'
      ? `√(${formatDoseNumber(heightCm)} × ${formatDoseNumber(weightKg)} / 3600)`
      : `0.007184 × ${formatDoseNumber(weightKg)}^0.425 × ${formatDoseNumber(heightCm)}^0.725`;
  const rounding =
    decimals === null ? 'not rounded' : `rounded to ${decimals} decimals from ${formatDoseNumber(unroundedM2, 6)} m²`;
  return {
    bodySurfaceAreaM2,
    unroundedM2,
    formula,
    explanation: explainDosing(
      rule,
      [],
      `BSA ${formatDoseNumber(bodySurfaceAreaM2, 4)} m² by ${formula === 'mosteller' ? 'Mosteller' : 'DuBois'} = ${expression} (height ${formatDoseNumber(heightCm)} cm, weight ${formatDoseNumber(weightKg)} kg; ${rounding}; §6.2).`,
    ),
  };
}

function computeBodySurfaceArea(heightCm: number, weightKg: number, formula: BodySurfaceAreaFormula): number {
  switch (formula) {
    case 'mosteller':
      return Math.sqrt((heightCm * weightKg) / 3600);
    case 'du-bois':
      return 0.007184 * weightKg ** 0.425 * heightCm ** 0.725;
    default: {
      const unreachable: never = formula;
      throw new RangeError(`unknown BSA formula ${String(unreachable)}`);
    }
  }
}

/** Rounds half away from zero at `decimals`, robust to binary representation (1.005 → 1.01). */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}
