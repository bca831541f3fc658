/**
 * Plain-text output shared by the km, cox and meta commands: aligned tables and numbers rounded for
 * reading (the `--json` output carries full precision). Rounding lives here, never in core.
 */

/** `digits` significant digits with trailing zeros removed; `missing` for null (R's NA). */
export function formatSignificant(value: number | null, digits = 4, missing = 'NA'): string {
  if (value === null || Number.isNaN(value)) return missing;
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 10 ** digits) return String(Number(value.toPrecision(digits)));
  // R style: trailing zeros dropped, two-digit exponent (1.08e-06).
  const [mantissa = '', exponent = '0'] = value.toExponential(Math.max(0, digits - 1)).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  const power = Number(exponent);
  return `${trimmed}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

/** A p-value as R's `format.pval` shows it at 4 digits: `< 2.2e-16` below machine precision. */
export function formatPValue(p: number | null): string {
  if (p === null) return 'NA';
  if (p < 2.220446049250313e-16) return '< 2.2e-16';
  return formatSignificant(p, 4);
}

/** A percentage of a proportion in [0, 1], at `decimals` places. */
export function formatPercent(proportion: number | null, decimals = 1): string {
  return proportion === null ? 'NA' : `${(proportion * 100).toFixed(decimals)}%`;
}

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const renderRow = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [renderRow(header), ...rows.map(renderRow)].join('\n');
}
