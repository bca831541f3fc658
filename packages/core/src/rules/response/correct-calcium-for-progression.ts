/**
 * Albumin-corrected serum calcium for the hypercalcaemia criterion of progression (clinical-spec.md
 * §1.4: corrected Ca > 11.5 mg/dL, compared in mg/dL [V]). Formula (§4.1, lab convention [U]):
 * Ca_corrected (mg/dL) = Ca_measured (mg/dL) + 0.8 × (albumin_reference − albumin (g/dL)), reference
 * albumin 4.0 g/dL (setting `albuminReferenceGPerDl`; switch off with `correctCalciumForAlbumin`).
 * Without a same-day albumin the measured value is used and the explanation says so. It cannot know
 * whether the hypercalcaemia is "attributable solely to the plasma-cell disorder"; that stays a
 * clinician's call on the explained result.
 */
import { correctCalciumForAlbumin } from '../corrected-calcium.ts';

/** Hypercalcaemia threshold of IMWG 2006, EBMT 1998 and IMWG 2013 PCL progression (§1.4, §3, §5.1). */
export const hypercalcaemiaMgPerDl = 11.5;

export interface CorrectedCalcium {
  readonly valueMgPerDl: number;
  readonly isCorrected: boolean;
}

/**
 * Corrects `calciumMgPerDl` for `albuminGPerDl` (NaN when not measured) against `referenceGPerDl`;
 * returns the measured value, flagged uncorrected, when albumin is missing.
 */
export function correctCalciumForProgression(
  calciumMgPerDl: number,
  albuminGPerDl: number,
  referenceGPerDl: number,
): CorrectedCalcium {
  if (Number.isNaN(albuminGPerDl)) return { valueMgPerDl: calciumMgPerDl, isCorrected: false };
  return { valueMgPerDl: correctCalciumForAlbumin(calciumMgPerDl, albuminGPerDl, referenceGPerDl), isCorrected: true };
}
