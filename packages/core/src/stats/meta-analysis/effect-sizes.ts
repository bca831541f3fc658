/**
 * Shared input shapes for the meta-analysis of proportions: per-study counts, effect sizes (yi, vi)
 * and their precondition checks. Holds no estimator.
 */

/** Transformation of the study proportions: metafor `measure = "PLO"` (logit) or `"PFT"` (double arcsine). */
export type ProportionMeasure = 'logit' | 'double-arcsine';

/** Per-study counts: `events[i]` responders out of `n[i]` patients, with optional study labels. */
export interface ProportionStudies {
  readonly events: readonly number[];
  readonly n: readonly number[];
  readonly labels?: readonly string[];
}

/** Per-study effect sizes `yi` with their sampling variances `vi` (metafor escalc output). */
export interface EffectSizes {
  readonly yi: readonly number[];
  readonly vi: readonly number[];
}

/** Throws a RangeError unless `events[i]` and `n[i]` are integers with 0 ≤ events ≤ n and n ≥ 1. */
export function assertProportionCounts(events: number, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`n must be a positive integer (got ${n})`);
  }
  if (!Number.isInteger(events) || events < 0 || events > n) {
    throw new RangeError(`events must be an integer in 0..n (got ${events} of ${n})`);
  }
}

/** Throws a RangeError unless the studies are non-empty, of equal length and with valid counts. */
export function assertProportionStudies(studies: ProportionStudies): void {
  const { events, n, labels } = studies;
  if (events.length === 0) throw new RangeError('at least one study is needed');
  if (events.length !== n.length) {
    throw new RangeError(`events and n differ in length (${events.length} vs ${n.length})`);
  }
  if (labels !== undefined && labels.length !== events.length) {
    throw new RangeError(`labels and events differ in length (${labels.length} vs ${events.length})`);
  }
  for (let i = 0; i < events.length; i += 1) assertProportionCounts(events[i] ?? Number.NaN, n[i] ?? Number.NaN);
}

/** Throws a RangeError unless yi and vi are non-empty, of equal length, yi finite and vi finite and > 0. */
export function assertEffectSizes(effectSizes: EffectSizes): void {
  const { yi, vi } = effectSizes;
  if (yi.length === 0) throw new RangeError('at least one study is needed');
  if (yi.length !== vi.length) throw new RangeError(`yi and vi differ in length (${yi.length} vs ${vi.length})`);
  for (let i = 0; i < yi.length; i += 1) {
    const y = yi[i] ?? Number.NaN;
    const v = vi[i] ?? Number.NaN;
    if (!Number.isFinite(y)) throw new RangeError(`yi[${i}] must be finite (got ${y})`);
    // metafor's DL and the heterogeneity statistics need every sampling variance > 0 ("allvipos").
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`vi[${i}] must be finite and > 0 (got ${v})`);
  }
}

/** A τ² estimate as metafor's rma.uni reports it: τ² truncated at 0 and `se.tau2` (null where R gives NA). */
export interface Tau2Estimate {
  /** metafor's method code: Hedges (HE), DerSimonian–Laird (DL) or restricted maximum likelihood (REML). */
  readonly method: 'HE' | 'DL' | 'REML';
  /** Between-study variance on the transformed scale, ≥ 0. */
  readonly tau2: number;
  /** Standard error of τ² (`se.tau2`); null for a single study, where R gives NA. */
  readonly seTau2: number | null;
}
