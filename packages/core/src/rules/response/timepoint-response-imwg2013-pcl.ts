/**
 * Time-point response by the IMWG 2013 plasma cell leukaemia criteria (clinical-spec.md §5.1,
 * Fernández de Larrea 2013 as reproduced [V]): every level also needs marrow and blood plasma cells —
 * sCR/CR: marrow < 5 %, blood 0 % by morphology, negative serum and urine IFE (FLC-only: normal
 * ratio), extramedullary disease absent; VGPR: serum ≥ 90 % down and urine < 100 mg/24 h (FLC-only:
 * dFLC ≥ 90 % down), marrow < 5 %, blood 0 %, extramedullary absent; PR: serum ≥ 50 % and urine ≥ 90 %
 * and < 200 mg/24 h as printed [P] (setting `pclPartialResponseUrine`), FLC-only dFLC ≥ 50 %, marrow
 * ≤ 25 %, blood ≤ 5 %, plasmacytoma ≥ 50 % smaller; no MR. PD: serum > 25 % and ≥ 0.5 g/dL; urine
 * > 25 % and ≥ 200 mg/24 h; marrow > 25 % or ≥ 10 points as printed [P] (setting
 * `pclMarrowProgression`); blood > 5 points; new lesions, plasmacytoma increase, hypercalcaemia; dFLC
 * is not listed (setting `pclFlcProgression`, default on [IMPL]). Responses must last ≥ 6 weeks
 * (sustained confirmation). The "classify by marrow when serology and marrow disagree" footnote is
 * met by requiring both; flow cytometry (sCR) is not in the lab vocabulary.
 */
import type { RuleDefinition } from '../rule.ts';
import {
  type CriteriaDefinition,
  type ResponseOptions,
  resolveCriteria,
  resolveResponseSettings,
} from './response-settings.ts';
import { evaluateTimepoint, type TimepointEvaluation, type TimepointInput } from './timepoint-evaluation.ts';

export const imwg2013PclResponseRule: RuleDefinition = {
  id: 'response-imwg-2013-pcl',
  version: '2013',
  title: 'IMWG 2013 plasma cell leukaemia response criteria: time-point response (marrow and blood plasma cells)',
  specSection: '§5.1',
  source: 'Fernández de Larrea C, et al. Leukemia 2013;27:780–91 (table as reproduced in PMC7873074)',
  evidence: 'P',
};

export const imwg2013PclCriteria: CriteriaDefinition = {
  criteria: 'imwg2013-pcl',
  rule: imwg2013PclResponseRule,
  hasStringentCompleteResponse: true,
  hasVeryGoodPartialResponse: true,
  minimalResponse: 'never',
  usesFreeLightChains: true,
  progressionRelativeComparator: '>',
  serumFiveGramNadirRule: false,
  minimalResponseUrineAbove200: false,
  flcVeryGoodPartialComparator: '>=',
  flcOnlyClauses: 'always',
  hypercalcaemiaIsProgression: true,
  marrowProgression: { relativeComparator: '>', combine: 'either', scope: 'any-patient' },
  defaultMarrowReading: 'increase-at-least-10',
  nadir: 'running-minimum',
  defaultConfirmation: 'sustained-duration',
  plasmaCellLeukaemiaCompartments: true,
  circulatingPlasmaCellProgression: false,
  veryGoodPartialNeedsPlasmacytomaAbsent: true,
};

/** The unconfirmed IMWG 2013 PCL response at one assessment. */
export function deriveTimepointResponseImwg2013Pcl(
  input: TimepointInput,
  options: ResponseOptions = {},
): TimepointEvaluation {
  return evaluateTimepoint(
    resolveCriteria(imwg2013PclCriteria, resolveResponseSettings(imwg2013PclCriteria, options)),
    input,
  );
}
