/** Counts of a category within a denominator, as Table 1 prints "5 (42 %)". */
export interface CategoryCount {
  readonly label: string;
  readonly count: number;
  readonly denominator: number;
  /** count / denominator in [0, 1]; null when the denominator is 0. */
  readonly proportion: number | null;
}

export function countCategory(label: string, count: number, denominator: number): CategoryCount {
  return { label, count, denominator, proportion: denominator === 0 ? null : count / denominator };
}

/** Counts each listed level of `values` (in the order given) over all values. */
export function countLevels<TValue extends string>(
  values: readonly TValue[],
  levels: ReadonlyArray<{ readonly value: TValue; readonly label: string }>,
): CategoryCount[] {
  return levels.map(({ value, label }) =>
    countCategory(label, values.filter((item) => item === value).length, values.length),
  );
}
