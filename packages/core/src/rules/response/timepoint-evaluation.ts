/**
 * The time-point response engine shared by the four criteria sets (clinical-spec.md §1.2, §1.6 step
 * 4): the thresholds live in each `timepoint-response-*.ts` file as a `CriteriaDefinition`; this file
 * applies them. At one assessment: PD if any progression criterion is met (progression.ts); NE when
 * no compartment measurable at baseline was assessed; otherwise each applicable parameter caps the
 * level it supports, the response is the lowest cap ("lowest category supported by all applicable
 * parameters" [V]), % criteria are applied only to compartments measurable at baseline [IMPL], a
 * missing measurable parameter caps at SD and a missing datum critical for CR (serum or urine IFE,
 * marrow) downgrades to the next level [V]. CR overrides the caps when every M-protein is
 * undetectable and its own requirements hold. sCR needs marrow clonality data the lab vocabulary does
 * not carry, so it is given only with `stringentCompleteResponse: 'normal-flc-ratio-sufficient'`.
 * Confirmation is not decided here (confirmation.ts).
 */
import type { ResponseCategory } from '../../domain/response-category.ts';
import type { ThresholdCheck } from '../rule.ts';
import { negative as importedNegative, type TimepointValues } from './assessment-values.ts';
import { type BaselineValues, type DatedValue, freeLightChainDifference, isFlcRatioNormal } from './baseline-values.ts';
import type { MeasurableDisease } from './measurable-disease.ts';
import {
  assessProgression as importedAssessProgression,
  type ProgressionFinding,
  type ProgressionNadirs,
} from './progression.ts';
import {
  compare as importedCompare,
  isAtLeast as importedIsAtLeast,
  isBelow as importedIsBelow,
} from './response-format.ts';
import type { ResolvedCriteria } from './response-settings.ts';
import { type Grade, type LevelReason, renderReasons, type TimepointReason } from './timepoint-explanation.ts';

// Imported bindings read once: where modules load as CommonJS (tsx, the benchmark) every read of an
// imported binding is a getter call, and these are read per assessment.
const assessProgression = importedAssessProgression;
const negative = importedNegative;
const compare = importedCompare;
const isAtLeast = importedIsAtLeast;
const isBelow = importedIsBelow;

/** Category ranks, best first, matching `responseCategories` in the domain. */
export const rankStringentComplete = 0;
export const rankComplete = 1;
export const rankVeryGoodPartial = 2;
export const rankPartial = 3;
export const rankMinimal = 4;
export const rankStable = 5;
export const rankProgressive = 6;
export const rankNotEvaluable = 7;
export const categoryByRank: readonly ResponseCategory[] = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'];

export interface TimepointInput {
  /** What was measured on the assessment date. */
  readonly values: TimepointValues;
  readonly baseline: BaselineValues;
  readonly measurable: MeasurableDisease;
  /** Nadirs from the values before this date (the caller updates them afterwards). */
  readonly nadirs: ProgressionNadirs;
  /** The post-baseline marrow result that counts at this date (marrow need not be repeated), or null. */
  readonly marrow: DatedValue | null;
  /** The post-baseline plasmacytoma SPD that counts at this date (imaging), or null. */
  readonly plasmacytoma: DatedValue | null;
}

/** What judging the levels reads: everything but the nadirs (progression is judged before). */
type JudgedInput = Omit<TimepointInput, 'nadirs'>;

/**
 * The unconfirmed response at one assessment, with its reasons and checks; for a graded time point
 * they are recorded on first read (same inputs, same rules), and the text is rendered when read.
 */
export class TimepointEvaluation {
  readonly category: ResponseCategory;
  /** `category` as a rank, 0 = sCR … 7 = NE. */
  readonly rank: number;
  /** The PD criteria met (empty unless the category is PD). */
  readonly progression: readonly ProgressionFinding[];
  /** Whether a PD rests on an imaging finding, which needs no confirmation. */
  readonly isImagingProgression: boolean;
  #reasons: readonly TimepointReason[] | null;
  #checks: readonly ThresholdCheck[] | null;
  // What a graded time point was judged from (copied: the caller reuses its input record); null for
  // PD and NE, whose reasons are known at construction.
  readonly #criteria: ResolvedCriteria | null;
  readonly #values: TimepointValues | null;
  readonly #baseline: BaselineValues | null;
  readonly #measurable: MeasurableDisease | null;
  readonly #marrow: DatedValue | null;
  readonly #plasmacytoma: DatedValue | null;
  #because: string | null = null;

  /**
   * PD and NE take their findings, reasons and checks. A graded time point takes the judged input and
   * the criteria and keeps what it was judged from (the input's fields are copied: the caller reuses
   * its record), so that its reasons and checks can be recorded when first read: judging again from
   * the same immutable inputs gives the same rank, and recording them for every assessment costs more
   * than the judgement itself.
   */
  constructor(
    rank: number,
    detail:
      | {
          readonly progression: readonly ProgressionFinding[];
          readonly reasons: readonly TimepointReason[];
          readonly checks: readonly ThresholdCheck[];
        }
      | { readonly progression: readonly ProgressionFinding[] }
      | JudgedInput,
    criteria: ResolvedCriteria | null = null,
  ) {
    const category = categoryByRank[rank];
    if (category === undefined) throw new RangeError(`no response category has rank ${rank}`);
    this.category = category;
    this.rank = rank;
    if ('values' in detail) {
      if (criteria === null) throw new RangeError('a graded time point needs the criteria it was judged by');
      this.progression = noFindings;
      this.isImagingProgression = false;
      this.#reasons = null;
      this.#checks = null;
      this.#criteria = criteria;
      this.#values = detail.values;
      this.#baseline = detail.baseline;
      this.#measurable = detail.measurable;
      this.#marrow = detail.marrow;
      this.#plasmacytoma = detail.plasmacytoma;
      return;
    }
    this.progression = detail.progression;
    let isImaging = false;
    for (const finding of detail.progression) isImaging ||= finding.isImaging;
    this.isImagingProgression = isImaging;
    // PD: the reasons and checks are the findings', listed on first read.
    this.#reasons = 'reasons' in detail ? detail.reasons : null;
    this.#checks = 'checks' in detail ? detail.checks : null;
    this.#criteria = null;
    this.#values = null;
    this.#baseline = null;
    this.#measurable = null;
    this.#marrow = null;
    this.#plasmacytoma = null;
  }

  /** The reasons behind the category, in order. */
  get reasons(): readonly TimepointReason[] {
    if (this.#reasons === null) this.#record();
    return this.#reasons as readonly TimepointReason[];
  }

  /** The thresholds met and missed. */
  get checks(): readonly ThresholdCheck[] {
    if (this.#checks === null) this.#record();
    return this.#checks as readonly ThresholdCheck[];
  }

  /** Why, in one readable line. */
  get because(): string {
    this.#because ??= renderReasons(this.reasons);
    return this.#because;
  }

  toJSON(): {
    category: ResponseCategory;
    rank: number;
    progression: readonly ProgressionFinding[];
    isImagingProgression: boolean;
    reasons: readonly TimepointReason[];
    checks: readonly ThresholdCheck[];
  } {
    return {
      category: this.category,
      rank: this.rank,
      progression: this.progression,
      isImagingProgression: this.isImagingProgression,
      reasons: this.reasons,
      checks: this.checks,
    };
  }

  #record(): void {
    const criteria = this.#criteria;
    const values = this.#values;
    const baseline = this.#baseline;
    const measurable = this.#measurable;
    if (criteria === null || values === null || baseline === null || measurable === null) {
      const checks: ThresholdCheck[] = [];
      for (const finding of this.progression) {
        for (const check of finding.checks) checks.push(check);
      }
      this.#reasons = [{ kind: 'progression', findings: this.progression }];
      this.#checks = checks;
      return;
    }
    const levels = createLevels([], []);
    const rank = judgeLevels(criteria, levels, {
      values,
      baseline,
      measurable,
      marrow: this.#marrow,
      plasmacytoma: this.#plasmacytoma,
    });
    if (rank !== this.rank) throw new RangeError(`recording the reasons gave ${rank}, not ${this.rank}`);
    this.#reasons = levels.reasons;
    this.#checks = levels.checks;
  }
}

/**
 * Mutable working state of one evaluation: the lowest cap so far and, when recording, the reasons
 * and checks (null while only the rank is judged: the caps are the same either way).
 */
interface Levels {
  rank: number;
  isCompleteCandidate: boolean;
  reasons: TimepointReason[] | null;
  missing: string[] | null;
  checks: ThresholdCheck[] | null;
}

function createLevels(reasons: TimepointReason[] | null, checks: ThresholdCheck[] | null): Levels {
  return { rank: rankVeryGoodPartial, isCompleteCandidate: true, reasons, missing: null, checks };
}

/** The one working state of rank-only judgements (nothing is kept from it, and nothing re-enters). */
const quietLevels = createLevels(null, null);

function cap(levels: Levels, rank: number): void {
  if (rank > levels.rank) levels.rank = rank;
}

function markMissing(levels: Levels, what: string): void {
  if (levels.reasons !== null) {
    if (levels.missing === null) levels.missing = [];
    levels.missing.push(what);
  }
  levels.isCompleteCandidate = false;
  cap(levels, rankStable);
}

interface Reduction {
  readonly name: string;
  /** "serum M-protein reduction from baseline" (a constant, so no string is built per assessment). */
  readonly quantity: string;
  readonly unit: string;
  readonly reference: number;
  readonly value: number;
  readonly grades: readonly Grade[];
  /** Date of a carried marrow or imaging result. */
  readonly date: DatedValue['date'] | null;
}

/**
 * Applies reduction grades (best first), records the reason and the thresholds met and missed, and
 * returns the rank supported (SD when none is reached).
 */
function gradeReduction(levels: Levels, reduction: Reduction): number {
  const { grades } = reduction;
  const percent = ((reduction.reference - reduction.value) / reduction.reference) * 100;
  let metIndex = -1;
  for (let index = 0; index < grades.length; index += 1) {
    const grade = grades[index] as Grade;
    if (compare(percent, grade.comparator, grade.percent)) {
      metIndex = index;
      break;
    }
  }
  const met = metIndex >= 0 ? (grades[metIndex] as Grade) : null;
  const next = metIndex === 0 ? null : ((metIndex < 0 ? grades[grades.length - 1] : grades[metIndex - 1]) ?? null);
  const quantity = reduction.quantity;
  if (met !== null) {
    levels.checks?.push({
      quantity,
      value: percent,
      unit: '%',
      comparator: met.comparator,
      threshold: met.percent,
      isMet: true,
    });
  }
  if (next !== null) {
    levels.checks?.push({
      quantity,
      value: percent,
      unit: '%',
      comparator: next.comparator,
      threshold: next.percent,
      isMet: false,
    });
  }
  const rank = met === null ? rankStable : met.rank;
  levels.reasons?.push({
    kind: 'change',
    name: reduction.name,
    unit: reduction.unit,
    reference: reduction.reference,
    value: reduction.value,
    percent: -percent,
    date: reduction.date,
    category: categoryByRank[rank] ?? null,
    met,
    next,
    note: null,
  });
  return rank;
}

function undetectable(
  levels: Levels,
  name: string,
  detail: { readonly unit: string; readonly reference: number },
): void {
  levels.reasons?.push({
    kind: 'change',
    name,
    unit: detail.unit,
    reference: detail.reference,
    value: 0,
    percent: -100,
    date: null,
    category: null,
    met: null,
    next: null,
    note: 'not detectable on electrophoresis',
  });
}

function evaluateSerum(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): void {
  const reference = (input.baseline.serumMProtein as DatedValue).value;
  const value = input.values.serumMProtein;
  if (value === 0) {
    undetectable(levels, 'serum M-protein', { unit: 'g/dL', reference });
    return;
  }
  levels.isCompleteCandidate = false;
  const grades = criteria.grades.serum;
  cap(
    levels,
    gradeReduction(levels, {
      name: 'serum M-protein',
      quantity: 'serum M-protein reduction from baseline',
      unit: 'g/dL',
      reference,
      value,
      grades,
      date: null,
    }),
  );
}

const urineNotes = {
  veryGoodPartial: 'VGPR level (< 100 mg/24h)',
  partialBoth: 'PR level (reduction ≥ 90% and < 200 mg/24h; VGPR needs < 100 mg/24h)',
  partialReduced: 'PR level (reduction ≥ 90%; VGPR needs < 100 mg/24h)',
  partialBelow200: 'PR level (< 200 mg/24h; VGPR needs < 100 mg/24h)',
  partialReducedNoVgpr: 'PR level (reduction ≥ 90%)',
  partialBelow200NoVgpr: 'PR level (< 200 mg/24h)',
  minimal: 'MR level (reduction ≥ 50%; PR needs reduction ≥ 90% or < 200 mg/24h)',
  minimalAbove200: 'MR level (reduction ≥ 50%, still > 200 mg/24h; PR needs reduction ≥ 90% or < 200 mg/24h)',
  stableMinimal: 'SD level (PR needs reduction ≥ 90% or < 200 mg/24h; MR needs reduction ≥ 50%)',
  stable: 'SD level (PR needs reduction ≥ 90% or < 200 mg/24h)',
  stableBoth: 'SD level (PR needs reduction ≥ 90% and < 200 mg/24h)',
} as const;

function evaluateMeasurableUrine(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): void {
  const reference = (input.baseline.urineMProtein as DatedValue).value;
  const value = input.values.urineMProtein;
  if (value === 0) {
    undetectable(levels, 'urine M-protein', { unit: 'mg/24h', reference });
    return;
  }
  levels.isCompleteCandidate = false;
  const reduction = ((reference - value) / reference) * 100;
  const definition = criteria.definition;
  const hasVgpr = definition.hasVeryGoodPartialResponse;
  const isBelow100 = isBelow(value, 100);
  const isReduced90 = isAtLeast(reduction, 90);
  const isBelow200 = isBelow(value, 200);
  const needsBoth = definition.criteria === 'imwg2013-pcl' && criteria.settings.pclPartialResponseUrine === 'and';
  const isPartial = needsBoth ? isReduced90 && isBelow200 : isReduced90 || isBelow200;
  let rank: number;
  let note: string;
  if (hasVgpr && isBelow100) {
    rank = rankVeryGoodPartial;
    note = urineNotes.veryGoodPartial;
  } else if (isPartial) {
    rank = rankPartial;
    if (needsBoth) note = urineNotes.partialBoth;
    else if (isReduced90) note = hasVgpr ? urineNotes.partialReduced : urineNotes.partialReducedNoVgpr;
    else note = hasVgpr ? urineNotes.partialBelow200 : urineNotes.partialBelow200NoVgpr;
  } else if (
    criteria.hasMinimalResponse &&
    isAtLeast(reduction, 50) &&
    (!definition.minimalResponseUrineAbove200 || value > 200)
  ) {
    rank = rankMinimal;
    note = definition.minimalResponseUrineAbove200 ? urineNotes.minimalAbove200 : urineNotes.minimal;
  } else {
    rank = rankStable;
    note = needsBoth
      ? urineNotes.stableBoth
      : criteria.hasMinimalResponse
        ? urineNotes.stableMinimal
        : urineNotes.stable;
  }
  const quantity = 'urine M-protein';
  if (hasVgpr)
    levels.checks?.push({ quantity, value, unit: 'mg/24h', comparator: '<', threshold: 100, isMet: isBelow100 });
  if (rank !== rankVeryGoodPartial) {
    levels.checks?.push(
      {
        quantity: 'urine M-protein reduction from baseline',
        value: reduction,
        unit: '%',
        comparator: '>=',
        threshold: 90,
        isMet: isReduced90,
      },
      { quantity, value, unit: 'mg/24h', comparator: '<', threshold: 200, isMet: isBelow200 },
    );
  }
  levels.reasons?.push({
    kind: 'change',
    name: 'urine M-protein',
    unit: 'mg/24h',
    reference,
    value,
    percent: -reduction,
    date: null,
    category: null,
    met: null,
    next: null,
    note,
  });
  cap(levels, rank);
}

/** VGPR route (b) needs urine < 100 mg/24 h even where urine is not measurable (§1.2). */
function evaluateNonMeasurableUrine(levels: Levels, input: JudgedInput): void {
  const baseline = input.baseline;
  const value = input.values.urineMProtein;
  if (Number.isNaN(value)) {
    if (baseline.urineMProtein !== null && baseline.urineMProtein.value > 0) {
      levels.reasons?.push({
        kind: 'note',
        text: 'urine M-protein not measured (present at baseline): VGPR needs < 100 mg/24h',
      });
      levels.isCompleteCandidate = false;
      cap(levels, rankPartial);
    }
    return;
  }
  if (value === 0) return;
  levels.isCompleteCandidate = false;
  if (!isBelow(value, 100)) {
    levels.checks?.push({
      quantity: 'urine M-protein',
      value,
      unit: 'mg/24h',
      comparator: '<',
      threshold: 100,
      isMet: false,
    });
    levels.reasons?.push({
      kind: 'level',
      name: 'urine M-protein',
      value,
      unit: 'mg/24h',
      date: null,
      note: 'not measurable at baseline; VGPR needs < 100 mg/24h',
    });
    cap(levels, rankPartial);
  }
}

function evaluateFreeLightChains(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): void {
  const flc = input.baseline.freeLightChains;
  const involved = input.measurable.involvedLightChain;
  if (flc === null || involved === null) return;
  const value = freeLightChainDifference(involved, input.values.flcKappa, input.values.flcLambda);
  const grades = criteria.grades.flc;
  // FLC-only disease may still reach CR with a normal ratio although dFLC is not zero (§1.2, 2011 note).
  cap(
    levels,
    gradeReduction(levels, {
      name: 'dFLC',
      quantity: 'dFLC reduction from baseline',
      unit: 'mg/dL',
      reference: flc.differenceMgPerDl,
      value,
      grades,
      date: null,
    }),
  );
}

function evaluateMarrowOnly(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): void {
  const marrow = input.marrow as DatedValue;
  const reference = (input.baseline.marrowPlasmaCells as DatedValue).value;
  const grades = criteria.grades.marrow;
  const name = 'bone marrow plasma cells';
  cap(
    levels,
    gradeReduction(levels, {
      name,
      quantity: 'bone marrow plasma cell reduction from baseline',
      unit: '%',
      reference,
      value: marrow.value,
      grades,
      date: marrow.date,
    }),
  );
  // Marrow-only disease supports PR at best (§1.1); CR is judged separately.
  cap(levels, rankPartial);
}

function evaluatePlasmacytoma(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): void {
  const plasmacytoma = input.plasmacytoma;
  const reference = (input.baseline.plasmacytomaSpd as DatedValue).value;
  if (plasmacytoma === null) {
    markMissing(levels, 'plasmacytoma SPD (present at baseline)');
    return;
  }
  const { value, date } = plasmacytoma;
  if (value === 0) {
    levels.reasons?.push({
      kind: 'change',
      name: 'plasmacytoma SPD',
      unit: 'cm2',
      reference,
      value: 0,
      percent: -100,
      date,
      category: null,
      met: null,
      next: null,
      note: 'disappeared',
    });
    return;
  }
  levels.isCompleteCandidate = false;
  const grades = criteria.grades.plasmacytoma;
  const first = grades[0] as Grade;
  const percent = ((reference - value) / reference) * 100;
  if (first.rank === rankVeryGoodPartial && isAtLeast(percent, first.percent)) {
    // IMWG: a ≥ 50 % smaller plasmacytoma meets the PR requirement and does not limit VGPR (§1.2).
    levels.checks?.push({
      quantity: 'plasmacytoma SPD reduction from baseline',
      value: percent,
      unit: '%',
      comparator: '>=',
      threshold: 50,
      isMet: true,
    });
    levels.reasons?.push({
      kind: 'change',
      name: 'plasmacytoma SPD',
      unit: 'cm2',
      reference,
      value,
      percent: -percent,
      date,
      category: null,
      met: null,
      next: null,
      note: 'meets the PR requirement (reduction ≥ 50%); CR needs disappearance',
    });
    return;
  }
  cap(
    levels,
    gradeReduction(levels, {
      name: 'plasmacytoma SPD',
      quantity: 'plasmacytoma SPD reduction from baseline',
      unit: 'cm2',
      reference,
      value,
      grades,
      date,
    }),
  );
}

/** IMWG 2013 PCL: marrow < 5 % for VGPR/CR, ≤ 25 % for PR (§5.1). */
function evaluatePclMarrow(levels: Levels, marrow: DatedValue | null): void {
  if (marrow === null) {
    markMissing(levels, 'bone marrow plasma cells (PCL criteria)');
    return;
  }
  const quantity = 'bone marrow plasma cells';
  const below5 = isBelow(marrow.value, 5);
  levels.checks?.push({ quantity, value: marrow.value, unit: '%', comparator: '<', threshold: 5, isMet: below5 });
  const reason = { kind: 'level', name: quantity, value: marrow.value, unit: '%', date: marrow.date } as const;
  if (below5) {
    levels.reasons?.push({ ...reason, note: '< 5%' });
    return;
  }
  levels.isCompleteCandidate = false;
  const atMost25 = marrow.value <= 25;
  levels.checks?.push({ quantity, value: marrow.value, unit: '%', comparator: '<=', threshold: 25, isMet: atMost25 });
  levels.reasons?.push({
    ...reason,
    note: atMost25 ? 'PR level (5–25%; VGPR needs < 5%)' : 'SD level (PR needs ≤ 25%)',
  });
  cap(levels, atMost25 ? rankPartial : rankStable);
}

/** IMWG 2013 PCL: blood plasma cells 0 for VGPR/CR, ≤ 5 % for PR (§5.1). */
function evaluatePclBlood(levels: Levels, value: number): void {
  if (Number.isNaN(value)) {
    markMissing(levels, 'blood plasma cells (PCL criteria)');
    return;
  }
  const name = 'blood plasma cells';
  if (value === 0) {
    levels.reasons?.push({ kind: 'level', name, value, unit: '%', date: null, note: 'negative by morphology' });
    return;
  }
  levels.isCompleteCandidate = false;
  const atMost5 = value <= 5;
  levels.checks?.push({ quantity: name, value, unit: '%', comparator: '<=', threshold: 5, isMet: atMost5 });
  const note = atMost5 ? 'PR level (1–5%; VGPR and CR need 0%)' : 'SD level (PR needs ≤ 5%)';
  levels.reasons?.push({ kind: 'level', name, value, unit: '%', date: null, note });
  cap(levels, atMost5 ? rankPartial : rankStable);
}

const immunofixationText = {
  serum: ['serum IFE not done', 'serum IFE negative', 'serum IFE positive'],
  urine: ['urine IFE not done', 'urine IFE negative', 'urine IFE positive'],
} as const;

/** Whether the FLC ratio is normal on this date; null when κ or λ was not measured. */
function flcRatioNormalAt(values: TimepointValues): boolean | null {
  if (Number.isNaN(values.flcKappa) || Number.isNaN(values.flcLambda)) return null;
  return isFlcRatioNormal(values.flcKappa, values.flcLambda);
}

/** CR requirements (§1.2, §3, §5.1); returns whether all hold and records the reasons. */
function checkCompleteResponse(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): boolean {
  const { values, measurable } = input;
  // The items are listed only when recording; the count of failures decides either way.
  const isRecording = levels.reasons !== null;
  const met: (string | LevelReason)[] | null = isRecording ? [] : null;
  const failed: (string | LevelReason)[] | null = isRecording ? [] : null;
  let failures = 0;
  if (values.serumImmunofixation === negative) met?.push(immunofixationText.serum[values.serumImmunofixation]);
  else {
    failures += 1;
    failed?.push(immunofixationText.serum[values.serumImmunofixation]);
  }
  if (values.urineImmunofixation === negative) met?.push(immunofixationText.urine[values.urineImmunofixation]);
  else {
    failures += 1;
    failed?.push(immunofixationText.urine[values.urineImmunofixation]);
  }
  const marrow = input.marrow;
  if (marrow === null) {
    failures += 1;
    failed?.push('no bone marrow result');
  } else {
    const below5 = isBelow(marrow.value, 5);
    const quantity = 'bone marrow plasma cells';
    levels.checks?.push({ quantity, value: marrow.value, unit: '%', comparator: '<', threshold: 5, isMet: below5 });
    if (!below5) failures += 1;
    (below5 ? met : failed)?.push({
      kind: 'level',
      name: quantity,
      value: marrow.value,
      unit: '%',
      date: marrow.date,
      note: below5 ? '< 5%' : 'not < 5%',
    });
  }
  const needsNormalRatio =
    measurable.flc && (criteria.hasFlcOnlyClauses || criteria.definition.criteria === 'imwg2013-pcl');
  if (needsNormalRatio) {
    const isNormal = flcRatioNormalAt(values);
    if (isNormal !== true) failures += 1;
    if (isNormal === null) failed?.push('FLC ratio not measured (FLC-only disease)');
    else
      (isNormal ? met : failed)?.push(
        isNormal ? 'FLC ratio normal (FLC-only disease)' : 'FLC ratio abnormal (FLC-only disease)',
      );
  }
  const isMet = failures === 0;
  if (met !== null && failed !== null) levels.reasons?.push({ kind: 'complete', isMet, items: isMet ? met : failed });
  return isMet;
}

function checkStringent(criteria: ResolvedCriteria, levels: Levels, values: TimepointValues): number {
  if (criteria.settings.stringentCompleteResponse === 'requires-clonality-data') {
    levels.reasons?.push(stringentNotes.notAssessable);
    return rankComplete;
  }
  const isNormal = flcRatioNormalAt(values);
  if (isNormal === true) {
    levels.reasons?.push(stringentNotes.met);
    return rankStringentComplete;
  }
  levels.reasons?.push(isNormal === null ? stringentNotes.notMeasured : stringentNotes.abnormal);
  return rankComplete;
}

const stringentNotes = {
  notAssessable: {
    kind: 'note',
    text: 'sCR not assessable: marrow clonality (immunohistochemistry or flow) is not in the data',
  },
  met: { kind: 'note', text: 'sCR: FLC ratio normal (clonality not assessed, setting stringentCompleteResponse)' },
  notMeasured: { kind: 'note', text: 'sCR not met: FLC ratio not measured' },
  abnormal: { kind: 'note', text: 'sCR not met: FLC ratio abnormal' },
} as const;

const noChecks: readonly ThresholdCheck[] = [];
const noFindings: readonly ProgressionFinding[] = [];

function describeDriving(measurable: MeasurableDisease): string {
  const names: string[] = [];
  if (measurable.serum) names.push('serum M-protein');
  if (measurable.urine) names.push('urine M-protein');
  if (measurable.flc) names.push('FLC');
  if (measurable.marrow) names.push('bone marrow plasma cells');
  return names.join(', ');
}

const noMeasurableDisease: readonly TimepointReason[] = [
  { kind: 'note', text: 'no measurable disease at baseline (§1.1), so response cannot be assessed' },
];

/** The unconfirmed time-point response at `input.values.date` under `criteria`. */
export function evaluateTimepoint(criteria: ResolvedCriteria, input: TimepointInput): TimepointEvaluation {
  const { values, measurable } = input;
  const progression = assessProgression(criteria, { values, measurable, nadirs: input.nadirs });
  if (progression.length > 0) return new TimepointEvaluation(rankProgressive, { progression });
  const hasSerum = !Number.isNaN(values.serumMProtein);
  const hasUrine = !Number.isNaN(values.urineMProtein);
  const hasFlc = !Number.isNaN(values.flcKappa) && !Number.isNaN(values.flcLambda);
  if (!measurable.serum && !measurable.urine && !measurable.flc && !measurable.marrow) {
    return new TimepointEvaluation(rankNotEvaluable, {
      progression: noFindings,
      reasons: noMeasurableDisease,
      checks: noChecks,
    });
  }
  const isEvaluable =
    (measurable.serum && hasSerum) ||
    (measurable.urine && hasUrine) ||
    (measurable.flc && hasFlc) ||
    (measurable.marrow && !Number.isNaN(values.marrowPlasmaCells));
  if (!isEvaluable) {
    const text = `no measurable compartment assessed (${describeDriving(measurable)} not measured)`;
    return new TimepointEvaluation(rankNotEvaluable, {
      progression: noFindings,
      reasons: [{ kind: 'note', text }],
      checks: noChecks,
    });
  }
  // Rank only; the reasons and checks are recorded by judging again when first read.
  quietLevels.rank = rankVeryGoodPartial;
  quietLevels.isCompleteCandidate = true;
  quietLevels.missing = null;
  const rank = judgeLevels(criteria, quietLevels, input);
  // The input record itself, not a copy of its fields: the evaluation copies what it keeps.
  return new TimepointEvaluation(rank, input, criteria);
}

/**
 * The caps of every applicable parameter and the CR/sCR requirements at an evaluable, non-PD
 * assessment; records reasons and checks in `levels` when it has lists for them. Reads no nadir.
 */
function judgeLevels(criteria: ResolvedCriteria, levels: Levels, input: JudgedInput): number {
  const { values, measurable } = input;
  const definition = criteria.definition;
  const hasSerum = !Number.isNaN(values.serumMProtein);
  const hasUrine = !Number.isNaN(values.urineMProtein);
  const hasFlc = !Number.isNaN(values.flcKappa) && !Number.isNaN(values.flcLambda);
  if (measurable.serum) {
    if (hasSerum) evaluateSerum(criteria, levels, input);
    else markMissing(levels, 'serum M-protein (measurable at baseline)');
  }
  if (measurable.urine) {
    if (hasUrine) evaluateMeasurableUrine(criteria, levels, input);
    else markMissing(levels, 'urine M-protein (measurable at baseline)');
  } else if (definition.hasVeryGoodPartialResponse) {
    evaluateNonMeasurableUrine(levels, input);
  }
  if (measurable.flc) {
    if (hasFlc) evaluateFreeLightChains(criteria, levels, input);
    else markMissing(levels, 'FLC κ and λ (measurable at baseline)');
  }
  if (measurable.marrow) {
    if (input.marrow === null) markMissing(levels, 'bone marrow plasma cells (measurable at baseline)');
    else evaluateMarrowOnly(criteria, levels, input);
  }
  if (measurable.hasPlasmacytoma) evaluatePlasmacytoma(criteria, levels, input);
  if (definition.plasmaCellLeukaemiaCompartments) {
    evaluatePclMarrow(levels, input.marrow);
    evaluatePclBlood(levels, values.bloodPlasmaCells);
  }
  if (levels.missing !== null) levels.reasons?.push({ kind: 'missing', items: levels.missing });
  let rank = levels.rank;
  if (!definition.hasVeryGoodPartialResponse && rank === rankVeryGoodPartial) rank = rankPartial;
  if (levels.isCompleteCandidate && checkCompleteResponse(criteria, levels, input)) {
    rank = rankComplete;
    if (definition.hasStringentCompleteResponse) rank = checkStringent(criteria, levels, values);
  }
  return rank;
}
