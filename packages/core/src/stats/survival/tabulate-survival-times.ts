/**
 * The shared hot path of Kaplan–Meier and the log-rank test: validates right-censored columns and
 * counts events and subjects per (stratum, distinct time, column) without sorting the rows.
 * One validating pass hashes each row's time (and codes) to a dense id; only the distinct values are
 * sorted; one counting pass follows. No per-row objects: typed arrays only, so 10^7 rows stay well
 * inside memory.
 */
import { timefixRunStarts } from './apply-timefix.ts';
import { DistinctNumberIndex } from './distinct-number-index.ts';

/** Right-censored survival data as columns: `time[i] ≥ 0` (finite), `event[i]` 1 = event, 0 = censored. */
export interface SurvivalColumns {
  readonly time: ArrayLike<number>;
  readonly event: ArrayLike<number>;
}

export interface TabulationInput extends SurvivalColumns {
  /** Stratum codes; each stratum is tabulated separately (KM curves, log-rank strata). */
  readonly stratum?: ArrayLike<number> | undefined;
  /** Column codes counted side by side within a stratum (log-rank groups). */
  readonly column?: ArrayLike<number> | undefined;
  /** Names used in error messages for the stratum and column inputs. */
  readonly stratumName: string;
  readonly columnName: string;
  readonly timefix: boolean;
  /**
   * Largest (strata × distinct times × columns) table counted in one dense pass; beyond it rows are
   * grouped by stratum first. Default max(2n, 2^20). Exposed so tests can force either path.
   */
  readonly denseCellLimit?: number;
}

/** Counts for one stratum: one entry per distinct time present in it, ascending. */
export interface TabulatedStratum {
  /** Stratum code, or null when there is no stratum column. */
  readonly code: number | null;
  readonly n: number;
  /** Ranks into `SurvivalTimeTable.times`, ascending. */
  readonly ranks: Int32Array;
  /** Events at `ranks[i]` in column `c`: `events[i * columns + c]`. */
  readonly events: Int32Array;
  /** Subjects (events and censorings) with time `ranks[i]` in column `c`: `subjects[i * columns + c]`. */
  readonly subjects: Int32Array;
}

export interface SurvivalTimeTable {
  /** Distinct times after timefix, ascending. */
  readonly times: Float64Array;
  /** Column codes, ascending (`[]` when there is no column input; then there is one unnamed column). */
  readonly columnCodes: readonly number[];
  /** Subjects per column code. */
  readonly columnSizes: readonly number[];
  readonly strata: readonly TabulatedStratum[];
}

function checkLength(name: string, values: ArrayLike<number> | undefined, n: number): void {
  if (values !== undefined && values.length !== n) {
    throw new RangeError(`${name} has ${values.length} values but time has ${n}`);
  }
}

/** Dense ids for group codes, with a direct lookup for the usual small non-negative integer codes. */
class CodeIndex {
  private readonly index = new DistinctNumberIndex();
  private readonly small = new Int32Array(256).fill(-1);

  constructor(private readonly name: string) {}

  idOf(code: number, row: number): number {
    if (code >= 0 && code < 256 && (code | 0) === code) {
      const cached = this.small[code] as number;
      if (cached >= 0) return cached;
      const id = this.index.idOf(code + 0);
      this.small[code] = id;
      return id;
    }
    if (!Number.isFinite(code))
      throw new RangeError(`${this.name}[${row}] must be a finite number (got ${String(code)})`);
    return this.index.idOf(code + 0);
  }

  /** Codes in ascending order, and the ascending rank of each id. */
  ranks(): { codes: number[]; rankOfId: Int32Array } {
    const sorted = this.index.values().sort();
    const rankOfId = new Int32Array(sorted.length);
    for (let rank = 0; rank < sorted.length; rank += 1) rankOfId[this.index.find(sorted[rank] as number)] = rank;
    return { codes: Array.from(sorted), rankOfId };
  }
}

/**
 * Sorted distinct times after timefix, and the merged rank of each first-seen time id. Only the D
 * distinct values are sorted, never the n rows.
 */
function rankDistinctTimes(
  index: DistinctNumberIndex,
  timefix: boolean,
): { times: Float64Array; rankOfId: Int32Array } {
  const sorted = index.values().sort();
  const count = sorted.length;
  const runStart = timefix ? timefixRunStarts(sorted) : null;
  const merged: number[] = [];
  const rankOfId = new Int32Array(count);
  for (let rank = 0; rank < count; rank += 1) {
    const start = runStart === null ? rank : (runStart[rank] as number);
    if (start === rank) merged.push(sorted[rank] as number);
    rankOfId[index.find(sorted[rank] as number)] = merged.length - 1;
  }
  return { times: Float64Array.from(merged), rankOfId };
}

interface RowCodes {
  /** 2 × time id + event, per row. */
  readonly timeEvent: Int32Array;
  /** Stratum rank per row (null: one stratum). */
  readonly stratumOfRow: Int32Array | null;
  /** Column rank per row (null: one column). */
  readonly columnOfRow: Int32Array | null;
}

/** Emits one stratum's nonzero (time, column) cells in ascending time order. */
function collectStratum(
  code: number | null,
  n: number,
  touchedRanks: Int32Array,
  cellOf: (rank: number) => number,
  counts: { readonly events: Int32Array; readonly subjects: Int32Array; readonly columns: number },
): TabulatedStratum {
  const { columns } = counts;
  const rows = touchedRanks.length;
  const events = new Int32Array(rows * columns);
  const subjects = new Int32Array(rows * columns);
  for (let i = 0; i < rows; i += 1) {
    const base = cellOf(touchedRanks[i] as number);
    for (let c = 0; c < columns; c += 1) {
      events[i * columns + c] = counts.events[base + c] as number;
      subjects[i * columns + c] = counts.subjects[base + c] as number;
    }
  }
  return { code, n, ranks: touchedRanks, events, subjects };
}

/** One counting pass into a dense (stratum, time, column) table; used when that table is small. */
function tabulateDense(
  codes: RowCodes,
  rankOfId: Int32Array,
  shape: { readonly strata: number; readonly times: number; readonly columns: number },
  stratumCodes: ReadonlyArray<number | null>,
): TabulatedStratum[] {
  const { strata, times, columns } = shape;
  const { timeEvent, stratumOfRow, columnOfRow } = codes;
  const events = new Int32Array(strata * times * columns);
  const subjects = new Int32Array(strata * times * columns);
  const stratumSizes = new Int32Array(strata);
  const n = timeEvent.length;
  for (let row = 0; row < n; row += 1) {
    const code = timeEvent[row] as number;
    const s = stratumOfRow === null ? 0 : (stratumOfRow[row] as number);
    const cell =
      (s * times + (rankOfId[code >> 1] as number)) * columns +
      (columnOfRow === null ? 0 : (columnOfRow[row] as number));
    subjects[cell] = (subjects[cell] as number) + 1;
    events[cell] = (events[cell] as number) + (code & 1);
    stratumSizes[s] = (stratumSizes[s] as number) + 1;
  }
  const out: TabulatedStratum[] = [];
  for (let s = 0; s < strata; s += 1) {
    const present: number[] = [];
    for (let rank = 0; rank < times; rank += 1) {
      const base = (s * times + rank) * columns;
      let total = 0;
      for (let c = 0; c < columns; c += 1) total += subjects[base + c] as number;
      if (total > 0) present.push(rank);
    }
    out.push(
      collectStratum(
        stratumCodes[s] ?? null,
        stratumSizes[s] as number,
        Int32Array.from(present),
        (rank) => (s * times + rank) * columns,
        {
          events,
          subjects,
          columns,
        },
      ),
    );
  }
  return out;
}

/**
 * Rows grouped by stratum with a stable counting sort, then each stratum counted over the times it
 * touches (sorted per stratum); used when a dense table would be large (many strata × many times).
 */
function tabulateByStratum(
  codes: RowCodes,
  rankOfId: Int32Array,
  shape: { readonly strata: number; readonly times: number; readonly columns: number },
  stratumCodes: ReadonlyArray<number | null>,
): TabulatedStratum[] {
  const { strata, times, columns } = shape;
  const { timeEvent, stratumOfRow, columnOfRow } = codes;
  const n = timeEvent.length;
  const stratumStart = new Int32Array(strata + 1);
  let rowOrder: Int32Array | null = null;
  if (stratumOfRow === null) {
    stratumStart[1] = n;
  } else {
    for (let row = 0; row < n; row += 1) {
      const s = (stratumOfRow[row] as number) + 1;
      stratumStart[s] = (stratumStart[s] as number) + 1;
    }
    for (let s = 0; s < strata; s += 1)
      stratumStart[s + 1] = (stratumStart[s + 1] as number) + (stratumStart[s] as number);
    const next = stratumStart.slice(0, strata);
    rowOrder = new Int32Array(n);
    for (let row = 0; row < n; row += 1) {
      const s = stratumOfRow[row] as number;
      const position = next[s] as number;
      rowOrder[position] = row;
      next[s] = position + 1;
    }
  }
  const localOfRank = new Int32Array(times).fill(-1);
  const out: TabulatedStratum[] = [];
  for (let s = 0; s < strata; s += 1) {
    const from = stratumStart[s] as number;
    const to = stratumStart[s + 1] as number;
    const capacity = Math.min(times, to - from);
    const touched = new Int32Array(capacity);
    const events = new Int32Array(capacity * columns);
    const subjects = new Int32Array(capacity * columns);
    let touchedCount = 0;
    for (let k = from; k < to; k += 1) {
      const row = rowOrder === null ? k : (rowOrder[k] as number);
      const code = timeEvent[row] as number;
      const rank = rankOfId[code >> 1] as number;
      let local = localOfRank[rank] as number;
      if (local < 0) {
        local = touchedCount;
        touchedCount += 1;
        localOfRank[rank] = local;
        touched[local] = rank;
      }
      const cell = local * columns + (columnOfRow === null ? 0 : (columnOfRow[row] as number));
      subjects[cell] = (subjects[cell] as number) + 1;
      events[cell] = (events[cell] as number) + (code & 1);
    }
    const ranks = touched.slice(0, touchedCount).sort();
    out.push(
      collectStratum(stratumCodes[s] ?? null, to - from, ranks, (rank) => (localOfRank[rank] as number) * columns, {
        events,
        subjects,
        columns,
      }),
    );
    for (let i = 0; i < touchedCount; i += 1) localOfRank[touched[i] as number] = -1;
  }
  return out;
}

/**
 * Validates the columns (throwing a RangeError that names the first bad index) and tabulates them.
 * Times equal after timefix share a rank; −0 is read as 0.
 */
export function tabulateSurvivalTimes(input: TabulationInput): SurvivalTimeTable {
  const { time, event, stratum, column } = input;
  const n = time.length;
  if (n === 0) throw new RangeError('at least one observation is needed');
  checkLength('event', event, n);
  checkLength(input.stratumName, stratum, n);
  checkLength(input.columnName, column, n);

  // The one pass over the rows: validate, and give each row dense first-seen ids.
  const timeIndex = new DistinctNumberIndex();
  const stratumIndex = stratum === undefined ? null : new CodeIndex(input.stratumName);
  const columnIndex = column === undefined ? null : new CodeIndex(input.columnName);
  const timeEvent = new Int32Array(n);
  const stratumOfRow = stratum === undefined ? null : new Int32Array(n);
  const columnOfRow = column === undefined ? null : new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const t = time[i] as number;
    if (!(t >= 0 && t < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`time[${i}] must be finite and ≥ 0 (got ${String(t)})`);
    }
    const e = event[i];
    if (e !== 0 && e !== 1) throw new RangeError(`event[${i}] must be 0 (censored) or 1 (event) (got ${String(e)})`);
    timeEvent[i] = (timeIndex.idOf(t + 0) << 1) | e;
    if (stratumIndex !== null && stratumOfRow !== null) stratumOfRow[i] = stratumIndex.idOf(stratum?.[i] as number, i);
    if (columnIndex !== null && columnOfRow !== null) columnOfRow[i] = columnIndex.idOf(column?.[i] as number, i);
  }

  const { times, rankOfId } = rankDistinctTimes(timeIndex, input.timefix);
  const stratumRanks = stratumIndex?.ranks() ?? null;
  const columnRanks = columnIndex?.ranks() ?? null;
  // Ids → ascending ranks, in place.
  if (stratumRanks !== null && stratumOfRow !== null) {
    for (let i = 0; i < n; i += 1) stratumOfRow[i] = stratumRanks.rankOfId[stratumOfRow[i] as number] as number;
  }
  const columnSizes = new Int32Array(columnRanks === null ? 0 : columnRanks.codes.length);
  if (columnRanks !== null && columnOfRow !== null) {
    for (let i = 0; i < n; i += 1) {
      const c = columnRanks.rankOfId[columnOfRow[i] as number] as number;
      columnOfRow[i] = c;
      columnSizes[c] = (columnSizes[c] as number) + 1;
    }
  }

  const shape = {
    strata: stratumRanks === null ? 1 : stratumRanks.codes.length,
    times: times.length,
    columns: columnRanks === null ? 1 : columnRanks.codes.length,
  };
  const stratumCodes = stratumRanks === null ? [null] : stratumRanks.codes;
  const codes = { timeEvent, stratumOfRow, columnOfRow };
  const cellLimit = input.denseCellLimit ?? Math.max(2 * n, 1 << 20);
  const strata =
    shape.strata * shape.times * shape.columns <= cellLimit
      ? tabulateDense(codes, rankOfId, shape, stratumCodes)
      : tabulateByStratum(codes, rankOfId, shape, stratumCodes);
  return {
    times,
    columnCodes: columnRanks === null ? [] : columnRanks.codes,
    columnSizes: Array.from(columnSizes),
    strata,
  };
}
