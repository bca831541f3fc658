/** Small helpers the dosing rules share to write their explanations; no clinical logic lives here. */
import type { Explanation, RuleDefinition, ThresholdCheck } from '../rule.ts';

export function explainDosing(rule: RuleDefinition, checks: readonly ThresholdCheck[], text: string): Explanation {
  return { ruleId: rule.id, ruleVersion: rule.version, checks, text };
}

/** A number as a reader sees it: at most `decimals` decimals, no trailing zeros ("1.3", "71.9", "1.733"). */
export function formatDoseNumber(value: number, decimals = 3): string {
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}

/** A dose level as the label prints it, with at least one decimal ("1.0", "0.7", "1.35"). */
export function formatDoseLevel(value: number): string {
  const tenths = value * 10;
  return Math.abs(tenths - Math.round(tenths)) < 1e-9 ? value.toFixed(1) : formatDoseNumber(value);
}
