/**
 * Harrell's concordance for right-censored data with its infinitesimal-jackknife (IJ) standard
 * error, as R survival 3.5-3 `concordancefit(..., reverse = TRUE)` reports for a Cox model. O(n log n)
 * with two Fenwick trees over the ranked risk scores; no per-row objects.
 */
import { coxTimeGroups, rankDistinctValues } from './cox-time-groups.ts';

/** Pair counts (weighted), oriented as R prints them for a Cox model (higher risk, shorter time). */
export interface CoxConcordanceCounts {
  readonly concordant: number;
  readonly discordant: number;
  /** Comparable pairs tied on the risk score (R `tied.x`). */
  readonly tiedOnRisk: number;
  /** Event pairs at the same time with different risk scores (R `tied.y`). */
  readonly tiedOnTime: number;
  /** Event pairs at the same time and the same risk score (R `tied.xy`). */
  readonly tiedOnTimeAndRisk: number;
}

export interface CoxConcordance {
  /** (concordant + tiedOnRisk/2) / (concordant + discordant + tiedOnRisk); null when no pair is comparable. */
  readonly c: number | null;
  /** IJ standard error of C; null when no pair is comparable. */
  readonly se: number | null;
  readonly counts: CoxConcordanceCounts;
}

/** Rows ordered by time, censored before events within a time (see `coxTimeGroups`). */
export interface SortedConcordanceData {
  readonly groupStart: Int32Array;
  readonly eventStart: Int32Array;
  /** Rank of each sorted row's risk score among the distinct scores (0-based). */
  readonly riskRank: Int32Array;
  readonly rankCount: number;
  readonly weights: Float64Array | null;
}

/** Fenwick prefix sum over ranks < rank. */
function prefixSum(tree: Float64Array, rank: number): number {
  let sum = 0;
  for (let i = rank; i > 0; i -= i & -i) sum += tree[i] as number;
  return sum;
}

function addAt(tree: Float64Array, rank: number, weight: number): void {
  for (let i = rank + 1; i < tree.length; i += i & -i) tree[i] = (tree[i] as number) + weight;
}

/**
 * Harrell's C and its IJ se on rows already sorted by time (censored before events within a time);
 * shared by `coxConcordance` and `coxRegression`. A pair (i, j) is comparable when i has an event at
 * tᵢ and j is still at risk (tⱼ > tᵢ, or tⱼ = tᵢ and j censored), as in survival's `concordance3`;
 * formulas as in `coxConcordance`.
 *
 * Reference: Therneau & Watson (2017); survival 3.5-3 `concordancefit(reverse = TRUE)`.
 *
 * @example
 * concordanceOfSortedData({ groupStart, eventStart, riskRank, rankCount, weights: null });
 *
 * Validated against: R survival 3.5-3 coxph (golden/lung.json … `concordance` C and se).
 */
export function concordanceOfSortedData(data: SortedConcordanceData): CoxConcordance {
  const { groupStart, eventStart, riskRank, rankCount, weights } = data;
  const groupCount = eventStart.length;
  const n = groupStart[groupCount] as number;
  // Per-row pair totals, in R's non-reversed orientation (survivor has the larger score = concordant).
  const difference = new Float64Array(n); // concordant − discordant
  const comparable = new Float64Array(n); // concordant + discordant + tied on risk
  const tree = new Float64Array(rankCount + 1);
  const atRank = new Float64Array(rankCount);
  const deathsAtRank = new Float64Array(rankCount);
  let total = 0;
  let larger = 0;
  let smaller = 0;
  let tiedRisk = 0;
  let tiedTime = 0;
  let tiedTimeAndRisk = 0;

  // Pass 1, descending time: each event against those still at risk (later, or censored at its time).
  for (let g = groupCount - 1; g >= 0; g -= 1) {
    const start = groupStart[g] as number;
    const firstEvent = eventStart[g] as number;
    const end = groupStart[g + 1] as number;
    for (let row = start; row < firstEvent; row += 1) {
      const weight = weights === null ? 1 : (weights[row] as number);
      const rank = riskRank[row] as number;
      addAt(tree, rank, weight);
      atRank[rank] = (atRank[rank] as number) + weight;
      total += weight;
    }
    let deadWeight = 0;
    for (let row = firstEvent; row < end; row += 1) {
      const weight = weights === null ? 1 : (weights[row] as number);
      const rank = riskRank[row] as number;
      const below = prefixSum(tree, rank);
      const equal = atRank[rank] as number;
      const above = total - below - equal;
      larger += weight * above;
      smaller += weight * below;
      tiedRisk += weight * equal;
      difference[row] = above - below;
      comparable[row] = above + below + equal;
      tiedTime += weight * deadWeight;
      deadWeight += weight;
      tiedTimeAndRisk += weight * (deathsAtRank[rank] as number);
      deathsAtRank[rank] = (deathsAtRank[rank] as number) + weight;
    }
    for (let row = firstEvent; row < end; row += 1) {
      const weight = weights === null ? 1 : (weights[row] as number);
      const rank = riskRank[row] as number;
      deathsAtRank[rank] = 0;
      addAt(tree, rank, weight);
      atRank[rank] = (atRank[rank] as number) + weight;
      total += weight;
    }
  }

  // Pass 2, ascending time: each row against the earlier events whose risk set it belongs to (events
  // before its time; for a censored row also the events at its time).
  tree.fill(0);
  atRank.fill(0);
  total = 0;
  for (let g = 0; g < groupCount; g += 1) {
    const start = groupStart[g] as number;
    const firstEvent = eventStart[g] as number;
    const end = groupStart[g + 1] as number;
    for (let row = firstEvent; row < end; row += 1) {
      const rank = riskRank[row] as number;
      const below = prefixSum(tree, rank);
      const equal = atRank[rank] as number;
      const above = total - below - equal;
      difference[row] = (difference[row] as number) + (below - above);
      comparable[row] = (comparable[row] as number) + (above + below + equal);
    }
    for (let row = firstEvent; row < end; row += 1) {
      const weight = weights === null ? 1 : (weights[row] as number);
      const rank = riskRank[row] as number;
      addAt(tree, rank, weight);
      atRank[rank] = (atRank[rank] as number) + weight;
      total += weight;
    }
    for (let row = start; row < firstEvent; row += 1) {
      const rank = riskRank[row] as number;
      const below = prefixSum(tree, rank);
      const equal = atRank[rank] as number;
      const above = total - below - equal;
      difference[row] = below - above;
      comparable[row] = above + below + equal;
    }
  }

  const counts: CoxConcordanceCounts = {
    concordant: smaller,
    discordant: larger,
    tiedOnRisk: tiedRisk,
    tiedOnTime: tiedTime - tiedTimeAndRisk,
    tiedOnTimeAndRisk: tiedTimeAndRisk,
  };
  const pairs = larger + smaller + tiedRisk;
  if (!(pairs > 0)) return { c: null, se: null, counts };
  // survival's concordancefit: Somers' d, its IJ dfbeta per row, then reverse = TRUE flips C.
  const somers = (larger - smaller) / pairs;
  let sumOfSquares = 0;
  for (let row = 0; row < n; row += 1) {
    const weight = weights === null ? 1 : (weights[row] as number);
    const dfbeta = weight * ((difference[row] as number) / pairs - (somers / pairs) * (comparable[row] as number));
    sumOfSquares += dfbeta * dfbeta;
  }
  return { c: 1 - (somers + 1) / 2, se: Math.sqrt(sumOfSquares / 4), counts };
}

/** Input of `coxConcordance`: one row per subject. */
export interface CoxConcordanceData {
  readonly time: ArrayLike<number>;
  /** 1 = event, 0 = censored (1/2 coding is accepted as in `Surv`). */
  readonly event: ArrayLike<number>;
  /** Higher = higher hazard (e.g. a Cox linear predictor). */
  readonly riskScore: ArrayLike<number>;
}

export interface CoxConcordanceOptions {
  readonly weights?: ArrayLike<number>;
  /** Merge near-tied times as R's `timefix` (default true, as `concordance()`). */
  readonly timefix?: boolean;
}

/**
 * Harrell's C for a risk score: the share of comparable pairs in which the subject with the higher
 * score fails first, ties in the score counting one half, with the IJ standard error.
 *
 * A pair is comparable when the earlier time is an event; the later subject is at risk if its time is
 * greater, or equal and censored (censoring after deaths). Event pairs tied in time are not
 * comparable. C = (concordant + tied/2)/(concordant + discordant + tied); se² = Σᵢ dfbetaᵢ²/4 with
 * dfbetaᵢ = wᵢ[(cᵢ − dᵢ)/N − (D/N)(cᵢ + dᵢ + tᵢ)/N], D = Somers' d, N = comparable pairs.
 *
 * Reference: Harrell et al. (1982) "Evaluating the yield of medical tests"; Therneau & Watson (2017)
 * "The concordance statistic and the Cox model"; survival 3.5-3 `concordancefit(reverse = TRUE)`.
 *
 * @example
 * coxConcordance({ time: [1, 2, 3], event: [1, 1, 0], riskScore: [3, 2, 1] }); // c = 1
 *
 * Validated against: R survival 3.5-3 coxph (golden/lung.json … `concordance` C and se).
 */
export function coxConcordance(data: CoxConcordanceData, options: CoxConcordanceOptions = {}): CoxConcordance {
  const n = data.time.length;
  if (data.event.length !== n || data.riskScore.length !== n) {
    throw new RangeError('coxConcordance: time, event and riskScore must have the same length');
  }
  const weights = options.weights;
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError('coxConcordance: weights must have one value per row');
  }
  let maxEvent = 0;
  for (let i = 0; i < n; i += 1) {
    if (!Number.isFinite(data.time[i] as number) || !Number.isFinite(data.riskScore[i] as number)) {
      throw new RangeError(`coxConcordance: row ${i} has a missing or infinite time or risk score`);
    }
    maxEvent = Math.max(maxEvent, data.event[i] as number);
  }
  const eventShift = maxEvent === 2 ? 1 : 0;
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const event = (data.event[i] as number) - eventShift;
    if (event !== 0 && event !== 1) throw new RangeError(`coxConcordance: event of row ${i} is not 0/1 or 1/2`);
    status[i] = event;
  }
  const groups = coxTimeGroups(data.time, status, options.timefix ?? true);
  const { rank, sortedDistinct } = rankDistinctValues(data.riskScore);
  const riskRank = new Int32Array(n);
  const sortedWeights = weights === undefined ? null : new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const position = groups.position[i] as number;
    riskRank[position] = rank[i] as number;
    if (sortedWeights !== null && weights !== undefined) sortedWeights[position] = weights[i] as number;
  }
  return concordanceOfSortedData({
    groupStart: groups.groupStart,
    eventStart: groups.eventStart,
    riskRank,
    rankCount: sortedDistinct.length,
    weights: sortedWeights,
  });
}
