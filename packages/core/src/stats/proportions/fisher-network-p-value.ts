import { compensatedSum } from './compensated-sum.ts';

/**
 * Internal: the exact p-value of Fisher's test for an r×c table, the total probability (under
 * independence, given both margins) of all tables no more probable than the observed one, by a
 * network algorithm in the spirit of Mehta & Patel: columns are filled one at a time; a node is the
 * multiset of remaining row totals; partial tables reaching a node with equal probability are merged;
 * a path is resolved without enumeration when the most (least) probable completion through its node
 * is below (above) the observed probability, and then contributes in closed form; the paths of a node
 * are kept sorted so that this test is a binary search per column split; the last two columns are
 * resolved by binary search over their sorted completions.
 *
 * Reference: C. R. Mehta and N. R. Patel, "A network algorithm for performing Fisher's exact test in
 * r×c contingency tables", JASA 78 (1983) 427–434; "Algorithm 643: FEXACT", ACM TOMS 12 (1986).
 */

/** Tables whose log probability exceeds the observed one by at most this are counted as "as extreme". */
const logTolerance = 1e-7;

interface PathGroup {
  /** Σ −log x! over the cells filled so far. */
  past: number;
  /** Number of partial tables with this value (a float: it can exceed 2^53). */
  weight: number;
}

interface NodeState {
  readonly rows: Int32Array;
  /** Path groups keyed by their value rounded to 1e−9. */
  readonly groups: Map<number, PathGroup>;
}

interface CompletionSummary {
  /** Largest and smallest Σ −log x! over all completions of the node. */
  readonly maximum: number;
  readonly minimum: number;
}

interface LastTwoColumns extends CompletionSummary {
  /** Completion values in ascending order and Σ_{i≤j} exp(value_i − maximum). */
  readonly values: Float64Array;
  readonly cumulative: Float64Array;
}

function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  let sum = 0;
  let compensation = 0;
  for (let i = 2; i <= n; i += 1) {
    const value = Math.log(i);
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
    table[i] = sum + compensation;
  }
  return table;
}

type ColumnVisitor = (cells: Int32Array, value: number) => void;
type ColumnEnumerator = (rows: Int32Array, total: number, visit: ColumnVisitor) => void;

/**
 * Returns forEachColumn(rows, total, visit), which calls visit(cells, value) for every way to split
 * `total` over the rows with cells[i] ≤ rows[i], where value = Σ −log cells[i]!.
 */
function columnEnumerator(logFactorial: Float64Array): ColumnEnumerator {
  return (rows, total, visit) => {
    const r = rows.length;
    const cells = new Int32Array(r);
    // capacity[i] = Σ_{j ≥ i} rows[j]: what rows i.. can still absorb.
    const capacity = new Int32Array(r + 1);
    for (let i = r - 1; i >= 0; i -= 1) capacity[i] = (capacity[i + 1] ?? 0) + (rows[i] ?? 0);
    const place = (i: number, left: number, value: number): void => {
      if (i === r - 1) {
        cells[i] = left;
        visit(cells, value - (logFactorial[left] ?? 0));
        return;
      }
      const lowest = Math.max(0, left - (capacity[i + 1] ?? 0));
      const highest = Math.min(rows[i] ?? 0, left);
      for (let v = lowest; v <= highest; v += 1) {
        cells[i] = v;
        place(i + 1, left - v, value - (logFactorial[v] ?? 0));
      }
    };
    if (total <= (capacity[0] ?? 0)) place(0, total, 0);
  };
}

type NodeKey = number | string;

/**
 * Sorted remaining row totals as a map key: a number Σ rows[i]·(N+1)^i when that is exact in double
 * precision, otherwise a string.
 */
function nodeKeyMaker(rowCount: number, grandTotal: number): (rows: ArrayLike<number>) => NodeKey {
  const base = grandTotal + 1;
  if (base ** rowCount < Number.MAX_SAFE_INTEGER) {
    return (rows) => {
      let key = 0;
      for (let i = rows.length - 1; i >= 0; i -= 1) key = key * base + (rows[i] ?? 0);
      return key;
    };
  }
  return (rows) => Array.prototype.join.call(rows, ',');
}

/** rows − cells, sorted in decreasing order, written into `into` (insertion sort: r is small). */
function writeSortedRemainder(rows: Int32Array, cells: Int32Array, into: Int32Array): void {
  for (let i = 0; i < rows.length; i += 1) {
    const value = (rows[i] ?? 0) - (cells[i] ?? 0);
    let j = i - 1;
    while (j >= 0 && (into[j] ?? 0) < value) {
      into[j + 1] = into[j] ?? 0;
      j -= 1;
    }
    into[j + 1] = value;
  }
}

/** p-value for a table of non-negative integers with at least two rows and two columns. */
export function fisherNetworkPValue(table: ReadonlyArray<ReadonlyArray<number>>): number {
  const r0 = table.length;
  const c0 = table[0]?.length ?? 0;
  // Fill along the longer side, so each column splits over the fewer categories.
  const transpose = r0 > c0;
  const r = transpose ? c0 : r0;
  const c = transpose ? r0 : c0;
  const cell = (i: number, j: number): number => (transpose ? table[j]?.[i] : table[i]?.[j]) ?? 0;
  const rowTotals = new Int32Array(r);
  const columnTotals = new Int32Array(c);
  let grandTotal = 0;
  for (let i = 0; i < r; i += 1) {
    for (let j = 0; j < c; j += 1) {
      rowTotals[i] = (rowTotals[i] ?? 0) + cell(i, j);
      columnTotals[j] = (columnTotals[j] ?? 0) + cell(i, j);
      grandTotal += cell(i, j);
    }
  }
  if (grandTotal === 0 || r < 2) return 1;
  const logFactorial = logFactorials(grandTotal);
  const lf = (v: number): number => logFactorial[v] ?? 0;
  const forEachColumn = columnEnumerator(logFactorial);
  const keyOf = nodeKeyMaker(r, grandTotal);
  const scratch = new Int32Array(r);
  const sortedRemainder = (rows: Int32Array, cells: Int32Array): Int32Array => {
    const next = new Int32Array(rows.length);
    writeSortedRemainder(rows, cells, next);
    return next;
  };
  let observed = 0;
  for (let i = 0; i < r; i += 1) for (let j = 0; j < c; j += 1) observed -= lf(cell(i, j));
  const threshold = observed + logTolerance;
  // log of the common factor Π R_i! Π C_j! / N!.
  let logConstant = -lf(grandTotal);
  for (const v of rowTotals) logConstant += lf(v);
  for (const v of columnTotals) logConstant += lf(v);
  // Small columns first: early nodes then differ little, and the largest column is the forced last one.
  const columns = Int32Array.from(columnTotals).sort();
  const remainingAfter = new Float64Array(c + 1);
  for (let j = c - 1; j >= 0; j -= 1) remainingAfter[j] = (remainingAfter[j + 1] ?? 0) + lf(columns[j] ?? 0);

  /** log Σ over completions of Π 1/x! from stage j: log N'! − Σ log R_i! − Σ_{k≥j} log C_k!. */
  const logTotal = (rows: Int32Array, stage: number): number => {
    let n = 0;
    let value = 0;
    for (const v of rows) {
      n += v;
      value -= lf(v);
    }
    return value + lf(n) - (remainingAfter[stage] ?? 0);
  };

  const lastTwoCache = new Map<NodeKey, LastTwoColumns>();
  const lastTwo = (rows: Int32Array, key: NodeKey): LastTwoColumns => {
    const cached = lastTwoCache.get(key);
    if (cached !== undefined) return cached;
    const collected: number[] = [];
    forEachColumn(rows, columns[c - 2] ?? 0, (cells, value) => {
      let total = value;
      for (let i = 0; i < rows.length; i += 1) total -= lf((rows[i] ?? 0) - (cells[i] ?? 0));
      collected.push(total);
    });
    const values = Float64Array.from(collected).sort();
    const maximum = values[values.length - 1] ?? 0;
    const cumulative = new Float64Array(values.length);
    let running = 0;
    for (let i = 0; i < values.length; i += 1) {
      running += Math.exp((values[i] ?? 0) - maximum);
      cumulative[i] = running;
    }
    const summary = { maximum, minimum: values[0] ?? 0, values, cumulative };
    lastTwoCache.set(key, summary);
    return summary;
  };

  const boundsCache = Array.from({ length: c }, () => new Map<NodeKey, CompletionSummary>());
  const bounds = (rows: Int32Array, stage: number): CompletionSummary => {
    const key = keyOf(rows);
    const cache = boundsCache[stage] ?? new Map<NodeKey, CompletionSummary>();
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let summary: CompletionSummary;
    if (stage === c - 2) {
      summary = lastTwo(rows, key);
    } else {
      let maximum = Number.NEGATIVE_INFINITY;
      let minimum = Number.POSITIVE_INFINITY;
      forEachColumn(rows, columns[stage] ?? 0, (cells, value) => {
        const child = bounds(sortedRemainder(rows, cells), stage + 1);
        maximum = Math.max(maximum, value + child.maximum);
        minimum = Math.min(minimum, value + child.minimum);
      });
      summary = { maximum, minimum };
    }
    cache.set(key, summary);
    return summary;
  };

  const contributions: number[] = [];
  const rootRows = Int32Array.from(rowTotals).sort().reverse();
  let stageNodes = new Map<NodeKey, NodeState>([
    [keyOf(rootRows), { rows: rootRows, groups: new Map([[0, { past: 0, weight: 1 }]]) }],
  ]);
  for (let stage = 0; stage <= c - 2; stage += 1) {
    const nextNodes = new Map<NodeKey, NodeState>();
    for (const [key, node] of stageNodes) {
      const summary = bounds(node.rows, stage);
      const total = logTotal(node.rows, stage);
      const pending: PathGroup[] = [];
      for (const group of node.groups.values()) {
        if (group.past + summary.maximum <= threshold) {
          // Every completion is as extreme as the observed table: add them all in closed form.
          contributions.push(group.weight * Math.exp(group.past + total + logConstant));
        } else if (group.past + summary.minimum > threshold) {
          // No completion is as extreme as the observed table.
        } else if (stage === c - 2) {
          const last = lastTwo(node.rows, key);
          // Count completions with value ≤ threshold − past.
          const limit = threshold - group.past;
          let low = 0;
          let high = last.values.length;
          while (low < high) {
            const middle = (low + high) >>> 1;
            if ((last.values[middle] ?? 0) <= limit) low = middle + 1;
            else high = middle;
          }
          if (low > 0) {
            contributions.push(
              group.weight * Math.exp(group.past + last.maximum + logConstant) * (last.cumulative[low - 1] ?? 0),
            );
          }
        } else {
          pending.push(group);
        }
      }
      if (pending.length === 0) continue;
      // Expand the undecided groups together, sorted by value so that, for each column split, the
      // groups whose every completion through the child is (or is not) as extreme as the observed
      // table are found by binary search and added in closed form; only the band in between is
      // carried to the child.
      pending.sort((left, right) => left.past - right.past);
      const topPast = pending[pending.length - 1]?.past ?? 0;
      const cumulativeMass = new Float64Array(pending.length + 1);
      for (let i = 0; i < pending.length; i += 1) {
        const group = pending[i] ?? { past: 0, weight: 0 };
        cumulativeMass[i + 1] = (cumulativeMass[i] ?? 0) + group.weight * Math.exp(group.past - topPast);
      }
      /** Number of pending groups with past ≤ limit. */
      const countAtMost = (limit: number): number => {
        let low = 0;
        let high = pending.length;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if ((pending[middle]?.past ?? 0) <= limit) low = middle + 1;
          else high = middle;
        }
        return low;
      };
      forEachColumn(node.rows, columns[stage] ?? 0, (cells, value) => {
        writeSortedRemainder(node.rows, cells, scratch);
        const childSummary = bounds(scratch, stage + 1);
        const allUpTo = countAtMost(threshold - value - childSummary.maximum);
        if (allUpTo > 0) {
          contributions.push(
            (cumulativeMass[allUpTo] ?? 0) * Math.exp(topPast + value + logTotal(scratch, stage + 1) + logConstant),
          );
        }
        const someUpTo = countAtMost(threshold - value - childSummary.minimum);
        if (someUpTo <= allUpTo) return;
        const childKey = keyOf(scratch);
        let child = nextNodes.get(childKey);
        if (child === undefined) {
          child = { rows: Int32Array.from(scratch), groups: new Map() };
          nextNodes.set(childKey, child);
        }
        const groups = child.groups;
        for (let i = allUpTo; i < someUpTo; i += 1) {
          const group = pending[i] ?? { past: 0, weight: 0 };
          const past = group.past + value;
          const pastKey = Math.round(past * 1e9);
          const existing = groups.get(pastKey);
          if (existing === undefined) groups.set(pastKey, { past, weight: group.weight });
          // Keep the exact mass when values differing by less than 1e−9 share a group.
          else existing.weight += group.weight * Math.exp(past - existing.past);
        }
      });
    }
    stageNodes = nextNodes;
  }
  return Math.max(0, Math.min(1, compensatedSum(contributions)));
}
