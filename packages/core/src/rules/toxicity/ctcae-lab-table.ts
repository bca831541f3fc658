/**
 * The shape of one CTCAE laboratory term in one CTCAE version (clinical-spec.md §4 and §4.1): its
 * grade bands from the highest grade down, each one strict inequality in the direction of
 * abnormality, so that "grade = highest grade whose condition is met" gives the spec's half-open
 * ranges (platelets grade 3 "< 50 – 25" means 25 ≤ x < 50) without per-term code. A table holds what
 * CTCAE prints and nothing else; grading lives in grade-lab-adverse-event.ts.
 */
import type { QuantitativeLabTest } from '../../domain/laboratory.ts';
import type { RuleDefinition } from '../rule.ts';

/** The CTCAE versions the engine grades: v3.0 (Musto 2007) and v5.0 (current). */
export type CtcaeVersion = 'v3' | 'v5';

export const ctcaeVersions: readonly CtcaeVersion[] = ['v3', 'v5'];

/** "CTCAE v3.0" / "CTCAE v5.0", as reports print the version. */
export const ctcaeVersionLabels: Readonly<Record<CtcaeVersion, string>> = { v3: 'CTCAE v3.0', v5: 'CTCAE v5.0' };

/** 0 = no adverse event; 5 = death related to the adverse event (§4); defined with the study model. */
export type { CtcaeGrade } from '../../domain/study.ts';

/** A grade a clinician can state from a term's clinical descriptors. */
export type CtcaeClinicalGrade = 1 | 2 | 3 | 4 | 5;

/** The laboratory terms graded from a value (clinical-spec.md §4.1). */
export type LabAdverseEventTermId =
  | 'platelet-count-decreased'
  | 'neutrophil-count-decreased'
  | 'white-blood-cell-decreased'
  | 'lymphocyte-count-decreased'
  | 'anemia'
  | 'creatinine-increased'
  | 'hypercalcemia'
  | 'hypocalcemia'
  | 'hyperkalemia'
  | 'hypokalemia'
  | 'hyperuricemia'
  | 'hypophosphatemia';

/** What a threshold is expressed in: an absolute value in the canonical unit, or a multiple of ULN, LLN or baseline. */
export type CtcaeReference = 'absolute' | 'uln' | 'lln' | 'baseline';

export interface CtcaeBandCondition {
  readonly reference: CtcaeReference;
  /** The threshold itself for `absolute`; otherwise the multiple of ULN, LLN or baseline. */
  readonly multiple: number;
}

export interface CtcaeGradeBand {
  readonly grade: 1 | 2 | 3 | 4;
  /** Alternatives (CTCAE's ";" between criteria): the band is met when any condition is. */
  readonly conditions: readonly CtcaeBandCondition[];
  /**
   * `value-and-clinical-descriptor`: the value range alone is not enough, CTCAE also asks for a clinical
   * descriptor (hyperuricaemia "with physiologic consequences", hypokalaemia v5 grade 2 "symptomatic").
   * When nobody stated it, the setting `unstatedClinicalDescriptor` decides.
   */
  readonly needs: 'value' | 'value-and-clinical-descriptor';
  /** The CTCAE wording of the band. */
  readonly text: string;
}

/** A grade CTCAE defines by clinical descriptors only (no number): reachable only from a stated clinical grade. */
export interface CtcaeDescriptorOnlyGrade {
  readonly grade: CtcaeClinicalGrade;
  readonly text: string;
}

/** One term in one version. */
export interface CtcaeLabTable {
  readonly rule: RuleDefinition;
  readonly version: CtcaeVersion;
  /** The term as that version prints it ("Platelet count decreased", "Platelets"). */
  readonly term: string;
  /** Direction of abnormality: `low` grades values below thresholds, `high` above. */
  readonly direction: 'low' | 'high';
  /** What the value is, for explanations ("platelets", "corrected calcium"). */
  readonly quantity: string;
  /** Canonical unit of the value and of absolute thresholds (laboratory.ts). */
  readonly unit: string;
  /** Highest grade first. */
  readonly bands: readonly CtcaeGradeBand[];
  readonly descriptorOnlyGrades: readonly CtcaeDescriptorOnlyGrade[];
}

/** A laboratory term in both versions, with the laboratory test it is graded from. */
export interface CtcaeLabTerm {
  readonly id: LabAdverseEventTermId;
  readonly test: QuantitativeLabTest;
  readonly v3: CtcaeLabTable;
  readonly v5: CtcaeLabTable;
}

/** An absolute threshold in the canonical unit. */
export function absolute(threshold: number): CtcaeBandCondition {
  return { reference: 'absolute', multiple: threshold };
}

export function timesUln(multiple: number): CtcaeBandCondition {
  return { reference: 'uln', multiple };
}

export function timesLln(multiple: number): CtcaeBandCondition {
  return { reference: 'lln', multiple };
}

export function timesBaseline(multiple: number): CtcaeBandCondition {
  return { reference: 'baseline', multiple };
}

/** A band graded from the value alone. */
export function valueBand(grade: 1 | 2 | 3 | 4, text: string, ...conditions: CtcaeBandCondition[]): CtcaeGradeBand {
  return { grade, conditions, needs: 'value', text };
}

/** A band whose value range also needs a clinical descriptor. */
export function descriptorBand(
  grade: 1 | 2 | 3 | 4,
  text: string,
  ...conditions: CtcaeBandCondition[]
): CtcaeGradeBand {
  return { grade, conditions, needs: 'value-and-clinical-descriptor', text };
}

/** CTCAE grade 5 wording shared by the terms that define it. */
export const deathGrade: CtcaeDescriptorOnlyGrade = { grade: 5, text: 'Death' };

/** v5 grade 4 wording for terms whose grade 4 has no number. */
export const lifeThreateningGrade: CtcaeDescriptorOnlyGrade = {
  grade: 4,
  text: 'Life-threatening consequences; urgent intervention indicated',
};

/** Where the v5.0 rows come from (clinical-spec.md §4 sources, [V]). */
export const ctcaeV5Source =
  'NCI CTCAE v5.0 (27 Nov 2017) as transcribed in pharmaverse/admiral data-raw/adlb_grading/ncictcaev5.json and oncohub/CTCAE5 ctcaev5.js';

/** Where the v3.0 rows come from: the v3 document's rows could not be retrieved (clinical-spec.md §4, §9 item 2). */
export const ctcaeV3Source =
  'NCI CTCAE v3.0 (31 Mar 2003, published 9 Aug 2006); rows not retrieved, numbers as clinical-spec.md §4.1 gives them (CTCAE v4 transcription admiral ncictcaev4.json and secondary tables)';

/** The rule definition of one term in one version. */
export function ctcaeLabRule(
  id: LabAdverseEventTermId,
  version: CtcaeVersion,
  details: { readonly title: string; readonly evidence: RuleDefinition['evidence'] },
): RuleDefinition {
  return {
    id: `ctcae-${version}-${id}`,
    version: version === 'v3' ? '3.0' : '5.0',
    title: `${ctcaeVersionLabels[version]} ${details.title}`,
    specSection: '§4.1',
    source: version === 'v3' ? ctcaeV3Source : ctcaeV5Source,
    evidence: details.evidence,
  };
}
