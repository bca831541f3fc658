/**
 * Plasma cell leukaemia by the IMWG 2003 definition (> 20 % circulating plasma cells and/or
 * > 2 × 10⁹/L) and the IMWG 2021 definition (≥ 5 % on the blood smear), from the peripheral-blood
 * plasma cell percentage and the white cell count (absolute count derived). Implements
 * clinical-spec.md §5 [V]; the strict ">" of 2003 and the "≥" of 2021 are as the spec states.
 * It does not decide primary vs secondary (that is the prior-myeloma history, recorded as data)
 * and does not check the 2021 requirement that symptomatic myeloma criteria are otherwise met.
 */
import { checkThreshold, describeCheck, type Explanation, type RuleDefinition, type ThresholdCheck } from './rule.ts';

export const pclImwg2003Rule: RuleDefinition = {
  id: 'pcl-imwg-2003',
  version: '2003',
  title: 'Plasma cell leukaemia, IMWG 2003 (> 20 % and/or > 2 × 10⁹/L circulating plasma cells)',
  specSection: '§5',
  source: 'International Myeloma Working Group. Br J Haematol 2003;121:749–57',
  evidence: 'V',
};

export const pclImwg2021Rule: RuleDefinition = {
  id: 'pcl-imwg-2021',
  version: '2021',
  title: 'Plasma cell leukaemia, IMWG 2021 (≥ 5 % circulating plasma cells)',
  specSection: '§5',
  source: 'Fernández de Larrea C, et al. Blood Cancer J 2021;11:192',
  evidence: 'V',
};

export interface PclClassificationInput {
  readonly peripheralBloodPlasmaCellsPercent: number;
  readonly whiteBloodCellsPer1e9L: number;
}

export interface PclDefinitionResult {
  readonly isMet: boolean;
  readonly explanation: Explanation;
}

export interface PclClassification {
  /** WBC × PC% / 100, in 10⁹/L. */
  readonly absolutePlasmaCellsPer1e9L: number;
  readonly imwg2003: PclDefinitionResult;
  readonly imwg2021: PclDefinitionResult;
}

/** Derives the absolute circulating plasma cell count: WBC (10⁹/L) × PC (%) / 100. */
export function deriveAbsolutePlasmaCellCount(input: PclClassificationInput): number {
  return (input.whiteBloodCellsPer1e9L * input.peripheralBloodPlasmaCellsPercent) / 100;
}

export function classifyPlasmaCellLeukaemia(input: PclClassificationInput): PclClassification {
  const { peripheralBloodPlasmaCellsPercent: percent, whiteBloodCellsPer1e9L: wbc } = input;
  if (!(percent >= 0 && percent <= 100) || !(wbc >= 0) || !Number.isFinite(wbc)) {
    throw new RangeError(`plasma cells must be 0–100 % and WBC a non-negative number (got ${percent} %, ${wbc})`);
  }
  const absolute = deriveAbsolutePlasmaCellCount(input);
  const percent2003 = checkThreshold({
    quantity: 'PB plasma cells',
    value: percent,
    unit: '%',
    comparator: '>',
    threshold: 20,
  });
  const absolute2003 = checkThreshold({
    quantity: 'absolute PB plasma cells',
    value: absolute,
    unit: '× 10⁹/L',
    comparator: '>',
    threshold: 2,
  });
  const percent2021 = checkThreshold({
    quantity: 'PB plasma cells',
    value: percent,
    unit: '%',
    comparator: '>=',
    threshold: 5,
  });
  return {
    absolutePlasmaCellsPer1e9L: absolute,
    imwg2003: explain(pclImwg2003Rule, [percent2003, absolute2003], percent2003.isMet || absolute2003.isMet),
    imwg2021: explain(pclImwg2021Rule, [percent2021], percent2021.isMet),
  };
}

function explain(rule: RuleDefinition, checks: readonly ThresholdCheck[], isMet: boolean): PclDefinitionResult {
  const verdict = isMet ? 'met' : 'not met';
  return {
    isMet,
    explanation: {
      ruleId: rule.id,
      ruleVersion: rule.version,
      checks,
      text: `${rule.title}: ${verdict} (${checks.map(describeCheck).join('; ')}).`,
    },
  };
}
