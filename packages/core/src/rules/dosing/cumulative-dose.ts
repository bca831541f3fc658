/**
 * Cumulative bortezomib dose of a course in mg/m² (sum of the dose levels given) and in mg (sum of
 * the recorded absolute doses), clinical-spec.md §6.5 [V]. A dose without a recorded mg amount is
 * derived as mg/m² × BSA when a BSA is given (no cap, no rounding), otherwise the mg total is null:
 * a partial sum is never reported as the total.
 */
import type { Explanation, RuleDefinition } from '../rule.ts';
import { type BortezomibAdministration, sortBortezomibAdministrations } from './bortezomib-cycles.ts';
import { explainDosing, formatDoseNumber } from './dosing-explanation.ts';

export const cumulativeDoseRule: RuleDefinition = {
  id: 'bortezomib-cumulative-dose',
  version: '1',
  title: 'Cumulative bortezomib dose (mg/m² and mg)',
  specSection: '§6.5',
  source: 'clinical-spec.md §6.5 (cumulative dose reported beside relative dose intensity)',
  evidence: 'V',
};

export interface CumulativeDoseInput {
  readonly administrations: readonly BortezomibAdministration[];
  /** BSA used to derive the mg of doses recorded only in mg/m². */
  readonly bodySurfaceAreaM2?: number;
}

export interface CumulativeDose {
  readonly doseCount: number;
  readonly totalMgPerM2: number;
  /** Null when a dose has no recorded mg and no BSA was given to derive it. */
  readonly totalMg: number | null;
  /** Doses whose mg was derived as mg/m² × BSA. */
  readonly derivedMgDoseCount: number;
  readonly explanation: Explanation;
}

export function deriveCumulativeDose(input: CumulativeDoseInput): CumulativeDose {
  const { bodySurfaceAreaM2 } = input;
  if (bodySurfaceAreaM2 !== undefined && !(Number.isFinite(bodySurfaceAreaM2) && bodySurfaceAreaM2 > 0)) {
    throw new RangeError(`BSA must be a positive number of m² (got ${bodySurfaceAreaM2})`);
  }
  const administrations = sortBortezomibAdministrations(input.administrations);
  let totalMgPerM2 = 0;
  let totalMg = 0;
  let derivedMgDoseCount = 0;
  let missingMgDoseCount = 0;
  for (const { doseMgPerM2, doseMg } of administrations) {
    totalMgPerM2 += doseMgPerM2;
    if (doseMg !== undefined) {
      totalMg += doseMg;
    } else if (bodySurfaceAreaM2 !== undefined) {
      totalMg += doseMgPerM2 * bodySurfaceAreaM2;
      derivedMgDoseCount += 1;
    } else {
      missingMgDoseCount += 1;
    }
  }
  const doseCount = administrations.length;
  const first = administrations[0]?.date;
  const last = administrations[doseCount - 1]?.date;
  const span =
    first === undefined ? 'no doses' : `${doseCount} dose${doseCount === 1 ? '' : 's'} from ${first} to ${last}`;
  const mgText =
    missingMgDoseCount > 0
      ? `mg total not computable: ${missingMgDoseCount} dose${missingMgDoseCount === 1 ? '' : 's'} without a recorded mg amount and no BSA given`
      : `${formatDoseNumber(totalMg)} mg${derivedMgDoseCount > 0 ? ` (${derivedMgDoseCount} derived as mg/m² × BSA ${formatDoseNumber(bodySurfaceAreaM2 ?? 0, 4)} m²)` : ''}`;
  return {
    doseCount,
    totalMgPerM2,
    totalMg: missingMgDoseCount > 0 ? null : totalMg,
    derivedMgDoseCount,
    explanation: explainDosing(
      cumulativeDoseRule,
      [],
      `cumulative dose ${formatDoseNumber(totalMgPerM2)} mg/m² over ${span}; ${mgText} (§6.5).`,
    ),
  };
}
