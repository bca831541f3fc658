/**
 * Number formatting and tolerant comparison shared by the response rules: explanations print values
 * the way a clinician reads them (3.4 g/dL, −61.8 %), and percentage thresholds are compared with a
 * 1e-9 tolerance so that an exact 50 % computed in floating point (e.g. 3.4 → 1.7) meets "≥ 50 %".
 */

const tolerance = 1e-9;

/** `value ≥ threshold`, tolerant of floating-point noise. */
export function isAtLeast(value: number, threshold: number): boolean {
  return value >= threshold - tolerance;
}

/** `value > threshold`, tolerant of floating-point noise (an exact tie is not greater). */
export function isGreater(value: number, threshold: number): boolean {
  return value > threshold + tolerance;
}

/** `value < threshold`, tolerant of floating-point noise. */
export function isBelow(value: number, threshold: number): boolean {
  return value < threshold - tolerance;
}

export function compare(value: number, comparator: '>=' | '>', threshold: number): boolean {
  return comparator === '>=' ? isAtLeast(value, threshold) : isGreater(value, threshold);
}

/** Up to three decimals, no trailing zeros: 3.4, 0.125, 1200. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(rounded === 0 ? 0 : rounded);
}

/** A signed percentage with one decimal: "−61.8%", "+25%", "0%". */
export function formatSignedPercent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return '0%';
  return rounded > 0 ? `+${rounded}%` : `−${-rounded}%`;
}

/** A signed absolute change with its unit: "+0.5 g/dL", "−120 mg/24h". */
export function formatSignedChange(value: number, unit: string): string {
  const text = formatNumber(Math.abs(value));
  return `${value < 0 ? '−' : '+'}${text} ${unit}`;
}

export function comparatorSign(comparator: '>=' | '>' | '<' | '<='): string {
  return comparator === '>=' ? '≥' : comparator === '<=' ? '≤' : comparator;
}

/** Relative change in percent from `reference` to `value` (positive = increase); NaN when reference is 0. */
export function percentChange(reference: number, value: number): number {
  return reference === 0 ? Number.NaN : ((value - reference) / reference) * 100;
}
