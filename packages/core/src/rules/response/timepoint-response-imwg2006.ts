/**
 * Time-point response by the IMWG 2006 International Uniform Response Criteria (clinical-spec.md §1.2,
 * Durie 2006 Table 5 [V], with the Rajkumar 2011 FLC-only clauses [P]): sCR, CR (negative serum and
 * urine IFE, marrow < 5 %, plasmacytomas gone), VGPR (M-protein only on IFE, or serum ≥ 90 % down and
 * urine < 100 mg/24 h; FLC-only: dFLC > 90 % down [P]), PR (serum ≥ 50 %; urine ≥ 90 % or < 200 mg/24 h;
 * FLC-only dFLC ≥ 50 %; marrow-only ≥ 50 %; plasmacytoma SPD ≥ 50 %), SD, PD (§1.4). MR is absent from
 * the Durie table [V] and offered as an option (setting `imwg2006MinimalResponse`, default off; the
 * Rajkumar 2011 ranges serum 25–49 %, urine 50–89 %). Marrow PD wording is ambiguous (setting
 * `imwgMarrowProgressionReading`, default "new value ≥ 10 %"); the FLC-only clauses are [P] (setting
 * `flcOnlyDiseaseRajkumar2011`). PD is measured from the running nadir including baseline.
 */
import type { RuleDefinition } from '../rule.ts';
import {
  type CriteriaDefinition,
  type ResponseOptions,
  resolveCriteria,
  resolveResponseSettings,
} from './response-settings.ts';
import { evaluateTimepoint, type TimepointEvaluation, type TimepointInput } from './timepoint-evaluation.ts';

export const imwg2006ResponseRule: RuleDefinition = {
  id: 'response-imwg-2006',
  version: '2006',
  title: 'IMWG 2006 International Uniform Response Criteria: time-point response',
  specSection: '§1.2',
  source:
    'Durie BGM, et al. Leukemia 2006;20:1467–73, Table 5; Rajkumar SV, et al. Blood 2011;117:4691–5 (FLC-only clauses, MR option)',
  evidence: 'V',
};

export const imwg2006Criteria: CriteriaDefinition = {
  criteria: 'imwg2006',
  rule: imwg2006ResponseRule,
  hasStringentCompleteResponse: true,
  hasVeryGoodPartialResponse: true,
  minimalResponse: 'optional',
  usesFreeLightChains: true,
  progressionRelativeComparator: '>=',
  serumFiveGramNadirRule: true,
  minimalResponseUrineAbove200: false,
  flcVeryGoodPartialComparator: '>',
  flcOnlyClauses: 'setting',
  hypercalcaemiaIsProgression: true,
  marrowProgression: { relativeComparator: '>=', combine: 'both', scope: 'any-patient' },
  defaultMarrowReading: 'value-at-least-10',
  nadir: 'running-minimum',
  defaultConfirmation: 'consecutive-assessments',
  plasmaCellLeukaemiaCompartments: false,
  circulatingPlasmaCellProgression: false,
  veryGoodPartialNeedsPlasmacytomaAbsent: false,
};

/** The unconfirmed IMWG 2006 response at one assessment. */
export function deriveTimepointResponseImwg2006(
  input: TimepointInput,
  options: ResponseOptions = {},
): TimepointEvaluation {
  return evaluateTimepoint(
    resolveCriteria(imwg2006Criteria, resolveResponseSettings(imwg2006Criteria, options)),
    input,
  );
}
