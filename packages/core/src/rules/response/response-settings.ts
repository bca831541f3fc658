/**
 * The response criteria sets and every [IMPL] setting of the response engine, with their defaults
 * (clinical-spec.md §1.6, §2, §3, §5.1). Each criteria file (`timepoint-response-*.ts`) describes its
 * fixed thresholds as a `CriteriaDefinition`; `resolveResponseSettings` merges the caller's options
 * with the per-criteria defaults once per call, so the hot loop reads plain fields. No I/O, no clock.
 */

import type { ResponseCategory } from '../../domain/response-category.ts';
import type { RuleDefinition } from '../rule.ts';

export type ResponseCriteria = 'imwg2006' | 'imwg2016' | 'ebmt1998' | 'imwg2013-pcl';
export const responseCriteriaSets: readonly ResponseCriteria[] = ['imwg2006', 'imwg2016', 'ebmt1998', 'imwg2013-pcl'];

/** The four disease compartments of §1.1, in the order of priority the criteria give them. */
export type Compartment = 'serum' | 'urine' | 'flc' | 'marrow';

/** One reduction threshold of a criteria set: reaching it supports the level `category`. */
export interface Grade {
  readonly rank: number;
  readonly category: ResponseCategory;
  readonly percent: number;
  readonly comparator: '>=' | '>';
}
export type LightChain = 'kappa' | 'lambda';
export type ConfirmationMode = 'consecutive-assessments' | 'sustained-duration';
/** §1.4: the 2006 wording read as "new BMPC value ≥ 10 %" or the 2016 "absolute increase ≥ 10 points". */
export type MarrowProgressionReading = 'value-at-least-10' | 'increase-at-least-10';

/**
 * Every configurable choice of the engine. All are optional; `resolveResponseSettings` fills the
 * defaults listed in docs/rules/response.md.
 */
export interface ResponseOptions {
  /** Criteria set (default 'imwg2006', the criteria Musto 2007 cites). */
  readonly criteria?: ResponseCriteria;
  /** §1.6 step 1 [IMPL]: baseline = last value within this many days on or before the index date (30). */
  readonly baselineWindowDays?: number;
  /** §1.1 [P]: involved FLC "≥ 10 mg/dL" (Durie footnote, default '>=') or "> 10 mg/dL" (CIBMTR). */
  readonly flcMeasurableComparator?: '>=' | '>';
  /** §1.2: minimal response in IMWG 2006 mode (default false; always on in EBMT 1998 and IMWG 2016). */
  readonly imwg2006MinimalResponse?: boolean;
  /** §1.2 [P]: Rajkumar 2011 FLC-only clauses (VGPR > 90 % dFLC; CR needs a normal ratio) in IMWG modes (true). */
  readonly flcOnlyDiseaseRajkumar2011?: boolean;
  /** §1.4 [IMPL]: marrow PD reading in IMWG modes (default: 2006 → value, 2016 → increase). */
  readonly imwgMarrowProgressionReading?: MarrowProgressionReading;
  /** §2 [IMPL]: IMWG 2016 nadir = lowest value held on two consecutive measurements (default) or lowest value. */
  readonly imwg2016Nadir?: 'lowest-confirmed' | 'lowest-value';
  /** §5.1 [P]: PCL marrow PD "> 25 % ↑ or absolute ↑ ≥ 10 %" as printed ('either', default) or both. */
  readonly pclMarrowProgression?: 'either' | 'both';
  /** §5.1 [P]: PCL PR urine "≥ 90 % and < 200 mg/24 h" as printed ('and', default) or the MM "or". */
  readonly pclPartialResponseUrine?: 'and' | 'or';
  /** §5.1 [IMPL]: dFLC PD (> 10 mg/dL) also in PCL mode, which lists none (default true). */
  readonly pclFlcProgression?: boolean;
  /** §1.2/§3 [IMPL]: two consecutive assessments (IMWG) or sustained ≥ N days (EBMT, PCL footnote). */
  readonly confirmation?: ConfirmationMode;
  /** §3: the sustained-duration window in days (42 = 6 weeks). */
  readonly sustainedResponseDays?: number;
  /** §1.2 [IMPL]: require SD to be confirmed like a response (default false). */
  readonly confirmStableDisease?: boolean;
  /** §1.6 step 5 [IMPL]: death confirms a single biochemical PD ('any-cause', default) or never. */
  readonly deathConfirmsProgression?: 'any-cause' | 'never';
  /** §1.4 [IMPL]: serum/urine PD only in compartments measurable at baseline (default) or any measured one. */
  readonly progressionScope?: 'measurable-compartments' | 'any-measured-compartment';
  /** §1.4/§2 [IMPL]: plasmacytoma SPD increase from nadir that is PD (50 %, the 2016 quantification). */
  readonly plasmacytomaProgressionPercent?: number;
  /** §1.2 [IMPL]: a marrow or imaging result counts at an assessment when within ± this many days (30). */
  readonly marrowImagingWindowDays?: number;
  /** §1.4 [U]: correct calcium for albumin (same-day albumin) before the > 11.5 mg/dL check (true). */
  readonly correctCalciumForAlbumin?: boolean;
  /** §4.1 [U]: reference albumin of the correction formula, g/dL (4.0). */
  readonly albuminReferenceGPerDl?: number;
  /** §1.2: sCR needs marrow clonality data, absent from the lab vocabulary (default), or only a normal FLC ratio. */
  readonly stringentCompleteResponse?: 'requires-clonality-data' | 'normal-flc-ratio-sufficient';
  /** §1.6 step 9 [IMPL]: labs on the new line's start date are pre-dose ('belong-to-prior-line') or excluded. */
  readonly sameDayAsNewTherapy?: 'belong-to-prior-line' | 'excluded';
}

/** The resolved settings: what a result was derived with, printed in its audit trail. */
export type ResponseSettings = {
  readonly [TKey in keyof ResponseOptions]-?: Exclude<ResponseOptions[TKey], undefined>;
};

/** How a criteria set judges marrow PD (§1.4, §2, §3, §5.1). */
export interface MarrowProgressionDefinition {
  /** Comparator of the relative clause: "≥ 25 %" (IMWG) or "> 25 %" (EBMT, PCL). */
  readonly relativeComparator: '>=' | '>';
  /** Whether the relative and absolute clauses must both hold or either suffices. */
  readonly combine: 'both' | 'either';
  readonly scope: 'any-patient' | 'no-measurable-serum-urine-flc';
}

/** The fixed content of one criteria set: which categories exist and the thresholds it prints. */
export interface CriteriaDefinition {
  readonly criteria: ResponseCriteria;
  readonly rule: RuleDefinition;
  readonly hasStringentCompleteResponse: boolean;
  readonly hasVeryGoodPartialResponse: boolean;
  readonly minimalResponse: 'always' | 'never' | 'optional';
  /** EBMT 1998 predates serum FLC; the other sets use it. */
  readonly usesFreeLightChains: boolean;
  /** Relative PD clause comparator for serum/urine/FLC: "≥ 25 %" or "> 25 %". */
  readonly progressionRelativeComparator: '>=' | '>';
  /** IMWG: an increase ≥ 1 g/dL is PD when the serum nadir is ≥ 5 g/dL. */
  readonly serumFiveGramNadirRule: boolean;
  /** EBMT/2011: MR urine must still be > 200 mg/24 h. */
  readonly minimalResponseUrineAbove200: boolean;
  /** dFLC VGPR clause: "> 90 %" (Rajkumar 2011) or "≥ 90 %" (PCL 2013). */
  readonly flcVeryGoodPartialComparator: '>' | '>=';
  /** FLC-only clauses: 'setting' follows `flcOnlyDiseaseRajkumar2011`. */
  readonly flcOnlyClauses: 'always' | 'setting';
  readonly hypercalcaemiaIsProgression: boolean;
  readonly marrowProgression: MarrowProgressionDefinition;
  readonly defaultMarrowReading: MarrowProgressionReading;
  /** 'running-minimum' (2006) or 'lowest-confirmed' (2016). */
  readonly nadir: 'running-minimum' | 'lowest-confirmed';
  readonly defaultConfirmation: ConfirmationMode;
  /** IMWG 2013 PCL: marrow and blood plasma cells are part of every response level. */
  readonly plasmaCellLeukaemiaCompartments: boolean;
  /** IMWG 2016: ≥ 50 % (≥ 200 cells/µL) rise of circulating PCs when they are the only measure. */
  readonly circulatingPlasmaCellProgression: boolean;
  /** PCL 2013: VGPR needs extramedullary disease absent (IMWG lets ≥ 50 % SPD reduction through). */
  readonly veryGoodPartialNeedsPlasmacytomaAbsent: boolean;
}

/** A criteria definition with the settings applied: what the timepoint engine reads. */
export interface ResolvedCriteria {
  readonly definition: CriteriaDefinition;
  readonly settings: ResponseSettings;
  readonly hasMinimalResponse: boolean;
  readonly hasFlcOnlyClauses: boolean;
  readonly marrowReading: MarrowProgressionReading;
  readonly marrowCombine: 'both' | 'either';
  readonly nadir: 'running-minimum' | 'lowest-confirmed';
  /** Reduction grades per compartment, best first (§1.2, §3, §5.1). */
  readonly grades: {
    readonly serum: readonly Grade[];
    readonly flc: readonly Grade[];
    readonly marrow: readonly Grade[];
    readonly plasmacytoma: readonly Grade[];
  };
}

function grade(rank: number, percent: number, comparator: '>=' | '>' = '>='): Grade {
  const categories = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'] as const;
  return { rank, category: categories[rank] ?? 'NE', percent, comparator };
}

const veryGoodPartialRank = 2;
const partialRank = 3;
const minimalRank = 4;

function buildGrades(
  definition: CriteriaDefinition,
  hasMinimalResponse: boolean,
  hasFlcOnlyClauses: boolean,
): ResolvedCriteria['grades'] {
  const minimal = hasMinimalResponse ? [grade(minimalRank, 25)] : [];
  const serum = [
    ...(definition.hasVeryGoodPartialResponse ? [grade(veryGoodPartialRank, 90)] : []),
    grade(partialRank, 50),
    ...minimal,
  ];
  const flc = [
    ...(definition.hasVeryGoodPartialResponse && hasFlcOnlyClauses
      ? [grade(veryGoodPartialRank, 90, definition.flcVeryGoodPartialComparator)]
      : []),
    grade(partialRank, 50),
  ];
  const plasmacytomaRank =
    definition.veryGoodPartialNeedsPlasmacytomaAbsent || !definition.hasVeryGoodPartialResponse
      ? partialRank
      : veryGoodPartialRank;
  return {
    serum,
    flc,
    marrow: [grade(partialRank, 50), ...minimal],
    plasmacytoma: [grade(plasmacytomaRank, 50), ...minimal],
  };
}

export function resolveCriteria(definition: CriteriaDefinition, settings: ResponseSettings): ResolvedCriteria {
  const hasMinimalResponse =
    definition.minimalResponse === 'always' ||
    (definition.minimalResponse === 'optional' && settings.imwg2006MinimalResponse);
  const hasFlcOnlyClauses = definition.flcOnlyClauses === 'always' || settings.flcOnlyDiseaseRajkumar2011;
  const isImwg = definition.criteria === 'imwg2006' || definition.criteria === 'imwg2016';
  const isPcl = definition.criteria === 'imwg2013-pcl';
  return {
    definition,
    settings,
    hasMinimalResponse,
    hasFlcOnlyClauses,
    marrowReading: isImwg ? settings.imwgMarrowProgressionReading : definition.defaultMarrowReading,
    marrowCombine: isPcl ? settings.pclMarrowProgression : definition.marrowProgression.combine,
    nadir:
      definition.criteria === 'imwg2016' && settings.imwg2016Nadir === 'lowest-value'
        ? 'running-minimum'
        : definition.nadir,
    grades: buildGrades(definition, hasMinimalResponse, hasFlcOnlyClauses),
  };
}

function requireNonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0 (got ${value})`);
  return value;
}

/** Fills every unset option with its default for `definition` (docs/rules/response.md lists them). */
export function resolveResponseSettings(
  definition: CriteriaDefinition,
  options: ResponseOptions = {},
): ResponseSettings {
  if (options.criteria !== undefined && options.criteria !== definition.criteria) {
    throw new RangeError(`options ask for ${options.criteria} but the ${definition.criteria} criteria were given`);
  }
  const settings: ResponseSettings = {
    criteria: definition.criteria,
    baselineWindowDays: requireNonNegativeInteger('baselineWindowDays', options.baselineWindowDays ?? 30),
    flcMeasurableComparator: options.flcMeasurableComparator ?? '>=',
    imwg2006MinimalResponse: options.imwg2006MinimalResponse ?? false,
    flcOnlyDiseaseRajkumar2011: options.flcOnlyDiseaseRajkumar2011 ?? true,
    imwgMarrowProgressionReading: options.imwgMarrowProgressionReading ?? definition.defaultMarrowReading,
    imwg2016Nadir: options.imwg2016Nadir ?? 'lowest-confirmed',
    pclMarrowProgression: options.pclMarrowProgression ?? 'either',
    pclPartialResponseUrine: options.pclPartialResponseUrine ?? 'and',
    pclFlcProgression: options.pclFlcProgression ?? true,
    confirmation: options.confirmation ?? definition.defaultConfirmation,
    sustainedResponseDays: requireNonNegativeInteger('sustainedResponseDays', options.sustainedResponseDays ?? 42),
    confirmStableDisease: options.confirmStableDisease ?? false,
    deathConfirmsProgression: options.deathConfirmsProgression ?? 'any-cause',
    progressionScope: options.progressionScope ?? 'measurable-compartments',
    plasmacytomaProgressionPercent: options.plasmacytomaProgressionPercent ?? 50,
    marrowImagingWindowDays: requireNonNegativeInteger(
      'marrowImagingWindowDays',
      options.marrowImagingWindowDays ?? 30,
    ),
    correctCalciumForAlbumin: options.correctCalciumForAlbumin ?? true,
    albuminReferenceGPerDl: options.albuminReferenceGPerDl ?? 4,
    stringentCompleteResponse: options.stringentCompleteResponse ?? 'requires-clonality-data',
    sameDayAsNewTherapy: options.sameDayAsNewTherapy ?? 'belong-to-prior-line',
  };
  if (!(settings.plasmacytomaProgressionPercent > 0)) {
    throw new RangeError(`plasmacytomaProgressionPercent must be > 0 (got ${settings.plasmacytomaProgressionPercent})`);
  }
  if (!(settings.albuminReferenceGPerDl > 0)) {
    throw new RangeError(`albuminReferenceGPerDl must be > 0 (got ${settings.albuminReferenceGPerDl})`);
  }
  return settings;
}
