/**
 * What every clinical rule declares (house-style.md "Clinical rules"): an id, a version, the
 * specification section it implements and how sure that source is, so reports can list the rules
 * they used and every derived value can say which rule made it.
 */
export type EvidenceLevel = 'V' | 'P' | 'U' | 'IMPL';

export interface RuleDefinition {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  /** Section of clinical-spec.md, e.g. "§5". */
  readonly specSection: string;
  readonly source: string;
  readonly evidence: EvidenceLevel;
}

/** One threshold checked while deriving a value: what was compared, with what, and the outcome. */
export interface ThresholdCheck {
  readonly quantity: string;
  readonly value: number;
  readonly unit: string;
  readonly comparator: '>' | '>=' | '<' | '<=';
  readonly threshold: number;
  readonly isMet: boolean;
}

/** Why a derived value is what it is: the rule, the inputs used, the thresholds met or missed. */
export interface Explanation {
  readonly ruleId: string;
  readonly ruleVersion: string;
  readonly checks: readonly ThresholdCheck[];
  readonly text: string;
}

export function checkThreshold(quantity: Omit<ThresholdCheck, 'isMet'>): ThresholdCheck {
  const { value, comparator, threshold } = quantity;
  const isMet =
    comparator === '>'
      ? value > threshold
      : comparator === '>='
        ? value >= threshold
        : comparator === '<'
          ? value < threshold
          : value <= threshold;
  return { ...quantity, isMet };
}

/** "22 % > 20 % (met)" — one check as a reader sees it. */
export function describeCheck(check: ThresholdCheck): string {
  const sign = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' }[check.comparator];
  const unit = check.unit === '%' ? ' %' : ` ${check.unit}`;
  return `${check.quantity} ${formatPlain(check.value)}${unit} ${check.isMet ? '' : 'not '}${sign} ${formatPlain(check.threshold)}${unit}`;
}

function formatPlain(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}
