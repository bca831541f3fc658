/**
 * How numbers read in a report: percentages with one decimal, exact CIs with an en dash, "NR" for
 * a median not reached, p-values to two significant digits. The only place rounding happens.
 */
export const notReached = 'NR';

export function formatNumber(value: number | null, decimals = 1): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = value.toFixed(decimals);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** Drops trailing zeros: 12 → "12", 6.5 → "6.5". */
export function formatCompact(value: number | null, decimals = 2): string {
  if (value === null || Number.isNaN(value)) return '—';
  return String(Number(value.toFixed(decimals)));
}

export function formatPercent(proportion: number | null, decimals = 1): string {
  return proportion === null ? '—' : `${formatNumber(100 * proportion, decimals)}%`;
}

/** "91.7% (61.5–99.8)". */
export function formatPercentWithInterval(estimate: number, lower: number, upper: number, decimals = 1): string {
  return `${formatPercent(estimate, decimals)} (${formatNumber(100 * lower, decimals)}–${formatNumber(100 * upper, decimals)})`;
}

/** A time that may be "not reached". */
export function formatTime(value: number | null, decimals = 1): string {
  return value === null ? notReached : formatCompact(value, decimals);
}

/** "8 (6–NR)". */
export function formatMedianWithInterval(median: number | null, lower: number | null, upper: number | null): string {
  return `${formatTime(median)} (${formatTime(lower)}–${formatTime(upper)})`;
}

/** Two significant digits; below 0.0001 as "< 0.0001". */
export function formatPValue(p: number | null): string {
  if (p === null || Number.isNaN(p)) return '—';
  if (p < 0.0001) return '< 0.0001';
  if (p >= 0.1) return p.toFixed(2);
  return p.toPrecision(2).replace(/e.*$/, '');
}

/** "5 (41.7%)". */
export function formatCount(count: number, denominator: number): string {
  return denominator === 0 ? String(count) : `${count} (${formatPercent(count / denominator)})`;
}

/** "61.5 (42–74)". */
export function formatMedianRange(median: number | null, min: number | null, max: number | null, decimals = 1): string {
  return `${formatCompact(median, decimals)} (${formatCompact(min, decimals)}–${formatCompact(max, decimals)})`;
}
