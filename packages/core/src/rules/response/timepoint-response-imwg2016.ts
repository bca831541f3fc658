/**
 * Time-point response by the IMWG 2016 consensus criteria (clinical-spec.md §2, Kumar 2016): as
 * IMWG 2006 (§1.2) with these differences — MR is part of the standard table (serum 25–49 %, urine
 * 50–89 %, plasmacytoma 25–49 %) [P]; PD is measured from the lowest confirmed value [V] (nadir.ts;
 * the pairwise reading is [IMPL], setting `imwg2016Nadir`); marrow PD only without measurable serum,
 * urine or FLC and as an absolute rise ≥ 10 points [V]/[P] (setting `imwgMarrowProgressionReading`);
 * hypercalcaemia is clinical relapse, not PD [P]; circulating plasma cells rising ≥ 50 % (≥ 200
 * cells/µL, read as the absolute rise) are PD when no serum, urine or FLC compartment is measurable
 * [P]; lesion growth quantified as ≥ 50 % (setting `plasmacytomaProgressionPercent`) [P]; SD needs no
 * confirmation (setting `confirmStableDisease`). The MRD categories need MRD data the lab vocabulary
 * does not carry and are not derived.
 */
import type { RuleDefinition } from '../rule.ts';
import {
  type CriteriaDefinition,
  type ResponseOptions,
  resolveCriteria,
  resolveResponseSettings,
} from './response-settings.ts';
import { evaluateTimepoint, type TimepointEvaluation, type TimepointInput } from './timepoint-evaluation.ts';
import { imwg2006Criteria } from './timepoint-response-imwg2006.ts';

export const imwg2016ResponseRule: RuleDefinition = {
  id: 'response-imwg-2016',
  version: '2016',
  title: 'IMWG 2016 consensus response criteria: time-point response (MRD categories not derived)',
  specSection: '§2',
  source: 'Kumar S, et al. Lancet Oncol 2016;17:e328–46 (as reproduced in Curr Oncol 2023, PMC9954856)',
  evidence: 'P',
};

export const imwg2016Criteria: CriteriaDefinition = {
  ...imwg2006Criteria,
  criteria: 'imwg2016',
  rule: imwg2016ResponseRule,
  minimalResponse: 'always',
  hypercalcaemiaIsProgression: false,
  marrowProgression: { relativeComparator: '>=', combine: 'both', scope: 'no-measurable-serum-urine-flc' },
  defaultMarrowReading: 'increase-at-least-10',
  nadir: 'lowest-confirmed',
  circulatingPlasmaCellProgression: true,
};

/** The unconfirmed IMWG 2016 response at one assessment. */
export function deriveTimepointResponseImwg2016(
  input: TimepointInput,
  options: ResponseOptions = {},
): TimepointEvaluation {
  return evaluateTimepoint(
    resolveCriteria(imwg2016Criteria, resolveResponseSettings(imwg2016Criteria, options)),
    input,
  );
}
