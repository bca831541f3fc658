/**
 * Time-point response by the EBMT/IBMTR/ABMTR criteria (clinical-spec.md §3, Bladé 1998 [V]): CR
 * (negative serum and urine IFE, marrow < 5 %, plasmacytomas gone), PR (serum ≥ 50 %; urine ≥ 90 % or
 * < 200 mg/24 h; non-secretory: marrow ≥ 50 %; plasmacytomas ≥ 50 %), MR (serum 25–49 %; urine
 * 50–89 % and still > 200 mg/24 h; marrow or plasmacytoma 25–49 %), no change (reported as SD), PD
 * (> 25 % rise with ≥ 0.5 g/dL serum, ≥ 200 mg/24 h urine, ≥ 10 points marrow; new or enlarging
 * lesions; corrected calcium > 11.5 mg/dL) [P]. No sCR, no VGPR, no FLC (the criteria predate serum
 * FLC). Every response must be sustained ≥ 6 weeks (confirmation.ts, setting `sustainedResponseDays`).
 * "Plateau" [U] is not derived.
 */
import type { RuleDefinition } from '../rule.ts';
import {
  type CriteriaDefinition,
  type ResponseOptions,
  resolveCriteria,
  resolveResponseSettings,
} from './response-settings.ts';
import { evaluateTimepoint, type TimepointEvaluation, type TimepointInput } from './timepoint-evaluation.ts';

export const ebmt1998ResponseRule: RuleDefinition = {
  id: 'response-ebmt-1998',
  version: '1998',
  title: 'EBMT/IBMTR/ABMTR 1998 response criteria: time-point response (responses sustained ≥ 6 weeks)',
  specSection: '§3',
  source: 'Bladé J, et al. Br J Haematol 1998;102:1115–23',
  evidence: 'V',
};

export const ebmt1998Criteria: CriteriaDefinition = {
  criteria: 'ebmt1998',
  rule: ebmt1998ResponseRule,
  hasStringentCompleteResponse: false,
  hasVeryGoodPartialResponse: false,
  minimalResponse: 'always',
  usesFreeLightChains: false,
  progressionRelativeComparator: '>',
  serumFiveGramNadirRule: false,
  minimalResponseUrineAbove200: true,
  flcVeryGoodPartialComparator: '>',
  flcOnlyClauses: 'setting',
  hypercalcaemiaIsProgression: true,
  marrowProgression: { relativeComparator: '>', combine: 'both', scope: 'any-patient' },
  defaultMarrowReading: 'increase-at-least-10',
  nadir: 'running-minimum',
  defaultConfirmation: 'sustained-duration',
  plasmaCellLeukaemiaCompartments: false,
  circulatingPlasmaCellProgression: false,
  veryGoodPartialNeedsPlasmacytomaAbsent: false,
};

/** The unconfirmed EBMT 1998 response at one assessment. */
export function deriveTimepointResponseEbmt1998(
  input: TimepointInput,
  options: ResponseOptions = {},
): TimepointEvaluation {
  return evaluateTimepoint(
    resolveCriteria(ebmt1998Criteria, resolveResponseSettings(ebmt1998Criteria, options)),
    input,
  );
}
