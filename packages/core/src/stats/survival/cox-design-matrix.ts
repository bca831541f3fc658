/**
 * Treatment-contrast dummy columns for a categorical variable, named as R's `model.matrix` names
 * them (`celltypesmallcell`), so a Cox design matrix can be checked term by term against R.
 * Pure; the CLI decides which variables are factors.
 */

export interface TreatmentContrasts {
  /** Levels in order; the first is the reference (no column). */
  readonly levels: readonly string[];
  /** Column names: variable name + level, for levels 2…k. */
  readonly names: readonly string[];
  /** One 0/1 column per non-reference level; NaN (R's NA) where the value is missing. */
  readonly columns: readonly Float64Array[];
}

/**
 * Builds R's default (treatment, `contr.treatment`) coding of a factor: for each level except the
 * first, a column that is 1 when the value equals that level and 0 otherwise; a missing value (null)
 * gives NaN in every column, so the row is dropped like `na.omit`.
 *
 * Levels default to the distinct values sorted by UTF-16 code units. R's `factor()` sorts in the
 * locale's collation instead, which can differ for mixed case or accents: pass `levels` explicitly
 * to match R (as for veteran's `celltype`: squamous, smallcell, adeno, large).
 *
 * Reference: Chambers & Hastie (1992) "Statistical Models in S", §2.3 (contrasts).
 *
 * @example
 * treatmentContrasts(['P', 'S', 'P'], undefined, 'type');
 * // { levels: ['P', 'S'], names: ['typeS'], columns: [Float64Array [0, 1, 0]] }
 *
 * Validated against: R 4.2.2 model.matrix via coxph term names (golden/veteran.json
 * `celltypesmallcell`, `celltypeadeno`, `celltypelarge`; golden/aml.json `xNonmaintained`).
 *
 * @throws RangeError when a value is not one of the given levels, or the levels repeat.
 */
export function treatmentContrasts(
  values: ReadonlyArray<string | null>,
  levels?: readonly string[],
  variableName = '',
): TreatmentContrasts {
  const observed = new Set<string>();
  for (const value of values) if (value !== null) observed.add(value);
  const orderedLevels = levels ?? [...observed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const levelIndex = new Map<string, number>();
  for (const [index, level] of orderedLevels.entries()) {
    if (levelIndex.has(level)) throw new RangeError(`treatmentContrasts: level "${level}" is repeated`);
    levelIndex.set(level, index);
  }
  const columns = orderedLevels.slice(1).map(() => new Float64Array(values.length));
  for (const [row, value] of values.entries()) {
    if (value === null) {
      for (const column of columns) column[row] = Number.NaN;
      continue;
    }
    const index = levelIndex.get(value);
    if (index === undefined) {
      throw new RangeError(`treatmentContrasts: value "${value}" in row ${row} is not one of the levels`);
    }
    if (index > 0) (columns[index - 1] as Float64Array)[row] = 1;
  }
  return {
    levels: orderedLevels,
    names: orderedLevels.slice(1).map((level) => `${variableName}${level}`),
    columns,
  };
}
