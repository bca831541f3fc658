/**
 * Albumin-corrected serum calcium, the value CTCAE grades hyper- and hypocalcaemia on
 * (clinical-spec.md §4.1, [U] lab convention): Ca_corr (mg/dL) = Ca + 0.8 × (reference albumin −
 * albumin g/dL). The reference albumin (4.0 g/dL by default) varies between laboratories, hence the
 * setting `calciumReferenceAlbuminGPerDl`. It applies in both directions (albumin above the reference
 * lowers the value), as the formula is written.
 */
import type { RuleDefinition } from './rule.ts';

export const correctedCalciumRule: RuleDefinition = {
  id: 'corrected-calcium',
  version: '1',
  title: 'Albumin-corrected calcium: Ca + 0.8 × (reference albumin − albumin)',
  specSection: '§4.1',
  source: 'Laboratory convention (https://arupconsult.com/content/hypercalcemia), as clinical-spec.md §4.1 states it',
  evidence: 'U',
};

/** Default reference albumin, g/dL (§4.1: "reference albumin 4.0–4.5 g/dL varies by lab"). */
export const defaultReferenceAlbuminGPerDl = 4.0;

/** Corrected calcium in mg/dL from measured calcium (mg/dL) and albumin (g/dL). */
export function correctCalciumForAlbumin(
  calciumMgPerDl: number,
  albuminGPerDl: number,
  referenceAlbuminGPerDl: number = defaultReferenceAlbuminGPerDl,
): number {
  if (!(calciumMgPerDl >= 0) || !Number.isFinite(calciumMgPerDl)) {
    throw new RangeError(`calcium must be a non-negative number of mg/dL (got ${calciumMgPerDl})`);
  }
  if (!(albuminGPerDl > 0) || !Number.isFinite(albuminGPerDl)) {
    throw new RangeError(`albumin must be a positive number of g/dL (got ${albuminGPerDl})`);
  }
  if (!(referenceAlbuminGPerDl > 0) || !Number.isFinite(referenceAlbuminGPerDl)) {
    throw new RangeError(`reference albumin must be a positive number of g/dL (got ${referenceAlbuminGPerDl})`);
  }
  return calciumMgPerDl + 0.8 * (referenceAlbuminGPerDl - albuminGPerDl);
}
