/**
 * Grades one laboratory value against one CTCAE term in v3.0 or v5.0 (clinical-spec.md §4, §4.1):
 * grade = the highest grade whose band is met, each band a strict inequality in the direction of
 * abnormality, so ranges are half-open ("< 50 – 25" = 25 ≤ x < 50; "> 1.5 – 3.0 × ULN" = 1.5 × ULN
 * < x ≤ 3.0 × ULN). A band that needs a missing ULN or LLN before any higher band is met makes the
 * value not gradable (§4: "without it grade 1 is not computable"), never grade 0. A missing baseline
 * only switches off the × baseline alternatives (creatinine v5). Values within one part in 10⁹ of a
 * threshold count as equal to it, so unit conversion and "1.5 × ULN" products do not move a value across
 * a boundary by floating-point noise. The value must be in the canonical unit (laboratory.ts).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { correctCalciumForAlbumin } from '../corrected-calcium.ts';
import type { Explanation, ThresholdCheck } from '../rule.ts';
import { type CtcaeGradingSettings, defaultCtcaeGradingSettings } from './ctcae-grading-settings.ts';
import {
  type CtcaeBandCondition,
  type CtcaeClinicalGrade,
  type CtcaeGrade,
  type CtcaeGradeBand,
  type CtcaeLabTable,
  type CtcaeVersion,
  ctcaeVersionLabels,
  type LabAdverseEventTermId,
} from './ctcae-lab-table.ts';
import { labAdverseEventTerms } from './lab-adverse-event-terms.ts';

export interface LabAdverseEventInput {
  /** The value in the canonical unit of the term's test (laboratory.ts). */
  readonly value: number;
  /** Upper limit of normal, same unit. */
  readonly uln?: number | undefined;
  /** Lower limit of normal, same unit. */
  readonly lln?: number | undefined;
  /** The patient's baseline value, same unit (used by creatinine v5 only). */
  readonly baseline?: number | undefined;
  /** Serum albumin in g/dL, for the calcium terms (corrected calcium). */
  readonly albuminGPerDl?: number | undefined;
  /**
   * The grade the term's clinical descriptors support, judged by a clinician ("with physiologic
   * consequences" = 3 for hyperuricaemia, "oral replacement therapy indicated" = 2 for v5
   * hypophosphataemia, death = 5). It raises the grade of an abnormal value: grade = max(value grade,
   * stated grade). It must be a grade the term defines in the version.
   */
  readonly clinicalGrade?: CtcaeClinicalGrade | undefined;
  /** Sample date, for the explanation. */
  readonly date?: CalendarDate | undefined;
}

export interface LabAdverseEventOptions {
  readonly version: CtcaeVersion;
  readonly settings?: CtcaeGradingSettings | undefined;
}

export type LabGradeNotGradableReason =
  | { readonly kind: 'missing-reference-limit'; readonly limit: 'uln' | 'lln'; readonly message: string }
  | { readonly kind: 'clinical-descriptor-unstated'; readonly grade: 1 | 2 | 3 | 4; readonly message: string }
  | { readonly kind: 'albumin-missing'; readonly message: string };

interface LabAdverseEventGradeBase {
  readonly termId: LabAdverseEventTermId;
  /** The term as the version prints it. */
  readonly term: string;
  readonly version: CtcaeVersion;
  /** The value graded, in `unit` (corrected calcium when albumin was given). */
  readonly gradedValue: number;
  readonly unit: string;
  readonly explanation: Explanation;
}

export type LabAdverseEventGrade =
  | (LabAdverseEventGradeBase & {
      readonly kind: 'graded';
      readonly grade: CtcaeGrade;
      /** CTCAE wording of the grade matched; null for grade 0. */
      readonly band: string | null;
    })
  | (LabAdverseEventGradeBase & {
      readonly kind: 'not-gradable';
      readonly grade: null;
      readonly reason: LabGradeNotGradableReason;
    });

/** The tables with a × baseline criterion (creatinine v5), computed once. */
const baselineTables: ReadonlySet<CtcaeLabTable> = new Set(
  Object.values(labAdverseEventTerms)
    .flatMap((term) => [term.v3, term.v5])
    .filter((table) => table.bands.some((band) => band.conditions.some((c) => c.reference === 'baseline'))),
);

/** Relative tolerance within which a value equals a threshold (floating-point noise, not clinical rounding). */
export const thresholdRelativeTolerance = 1e-9;

type ConditionOutcome = 'met' | 'not-met' | 'missing-uln' | 'missing-lln';

/** What a grading call was given, kept so that its explanation can be written when first read. */
export interface LabGradingCall {
  readonly termId: LabAdverseEventTermId;
  readonly input: LabAdverseEventInput;
  readonly options: LabAdverseEventOptions;
}

/** Grades again with recording on: the same inputs give the same grade, now with checks and text. */
function recordGrading(call: LabGradingCall): LabAdverseEventGrade {
  return grade(call.termId, call.input, { options: call.options, isRecording: true });
}

/**
 * The explanation of a grade, written on first read (checks, then text): grading a cohort's
 * laboratory values costs less than writing their explanations, and most are never read.
 * `toJSON` writes everything; spreading copies only the rule id and version.
 */
class DeferredLabExplanation implements Explanation {
  readonly ruleId: string;
  readonly ruleVersion: string;
  // The call's parts, not a call object: one object fewer per graded value of a cohort run.
  readonly #termId: LabAdverseEventTermId;
  readonly #input: LabAdverseEventInput;
  readonly #options: LabAdverseEventOptions;
  #recorded: Explanation | null = null;

  constructor(termId: LabAdverseEventTermId, input: LabAdverseEventInput, options: LabAdverseEventOptions) {
    const rule = labAdverseEventTerms[termId][options.version].rule;
    this.ruleId = rule.id;
    this.ruleVersion = rule.version;
    this.#termId = termId;
    this.#input = input;
    this.#options = options;
  }

  get checks(): readonly ThresholdCheck[] {
    return this.#explanation().checks;
  }

  get text(): string {
    return this.#explanation().text;
  }

  toJSON(): Explanation {
    return { ruleId: this.ruleId, ruleVersion: this.ruleVersion, checks: this.checks, text: this.text };
  }

  #explanation(): Explanation {
    this.#recorded ??= recordGrading({ termId: this.#termId, input: this.#input, options: this.#options }).explanation;
    return this.#recorded;
  }
}

/** A missing ULN or LLN, its message written on first read (see `DeferredLabExplanation`). */
class MissingLimitReason {
  readonly kind = 'missing-reference-limit';
  readonly limit: 'uln' | 'lln';
  readonly #call: LabGradingCall;
  #message: string | null = null;

  constructor(limit: 'uln' | 'lln', call: LabGradingCall) {
    this.limit = limit;
    this.#call = call;
  }

  get message(): string {
    if (this.#message === null) {
      const recorded = recordGrading(this.#call);
      this.#message = recorded.kind === 'not-gradable' ? recorded.reason.message : '';
    }
    return this.#message;
  }

  toJSON(): { kind: 'missing-reference-limit'; limit: 'uln' | 'lln'; message: string } {
    return { kind: this.kind, limit: this.limit, message: this.message };
  }
}

/** Grades `input.value` against `termId` in `options.version`. */
export function gradeLabAdverseEvent(
  termId: LabAdverseEventTermId,
  input: LabAdverseEventInput,
  options: LabAdverseEventOptions,
): LabAdverseEventGrade {
  return grade(termId, input, { options, isRecording: false });
}

/** Imported tables read once (each read is a getter call where modules load as CommonJS, e.g. tsx). */
const termsById = labAdverseEventTerms;
const defaultSettings = defaultCtcaeGradingSettings;

/** `quickLabGrade`: not gradable for a missing ULN (as `gradeLabAdverseEvent` would say). */
export const quickGradeMissingUln = -1;
/** `quickLabGrade`: not gradable for a missing LLN. */
export const quickGradeMissingLln = -3;
/** `quickLabGrade`: the quick path does not decide this value; grade it with `gradeLabAdverseEvent`. */
export const quickGradeUndecided = -2;

/**
 * The grade `gradeLabAdverseEvent` gives (0–4), computed without allocating anything, for the common
 * case of a cohort run; `quickGradeMissingUln` / `quickGradeMissingLln` when it would be not gradable for a missing ULN / LLN;
 * `quickGradeUndecided` for everything else (a stated clinical grade, an unstated clinical descriptor
 * under `not-gradable`, calcium without albumin under `not-gradable`), which the caller grades with
 * `gradeLabAdverseEvent`. Invalid input throws the same `RangeError` as `gradeLabAdverseEvent`. The
 * result objects and explanations of a quick grade are made with `deferredLabExplanation` and
 * `deferredMissingLimitReason`, which grade again on first read. A cohort run uses `quickLabGrader`
 * once per term instead (the same grading, compiled once).
 */
export function quickLabGrade(
  termId: LabAdverseEventTermId,
  input: LabAdverseEventInput,
  options: LabAdverseEventOptions,
): number {
  return quickLabGrader(termId, options).grade(input);
}

/** Where a band condition takes its reference from (a number, compared without string comparisons). */
const fromAbsolute = 0;
const fromUln = 1;
const fromLln = 2;
const fromBaseline = 3;

interface CompiledCondition {
  readonly reference: number;
  readonly multiple: number;
  /** An absolute threshold moved by the tolerance, as `isBeyond` moves it (unused for the others). */
  readonly bound: number;
}

interface CompiledBand {
  readonly grade: 1 | 2 | 3 | 4;
  readonly needsDescriptor: boolean;
  readonly conditions: readonly CompiledCondition[];
}

/**
 * The steps of a plain value's grading (no limit given: every ULN/LLN/baseline reference is missing),
 * in pairs `(step, argument)` of a `Float64Array`, read in order by `QuickLabGrader.grade`.
 */
const stepAbsolute = 0; // argument: the bound; met when the value is beyond it
const stepNeedsUln = 1; // nothing met yet in this band: the grade needs the ULN
const stepNeedsLln = 2; // nothing met yet in this band: the grade needs the LLN
const stepBandEnd = 3; // argument: what a met band returns (its grade, or quickGradeUndecided)
const stepBandSkip = 4; // a met band is passed over (descriptor assumed absent)

function compilePlainSteps(bands: readonly CompiledBand[], settings: CtcaeGradingSettings): Float64Array {
  const steps: number[] = [];
  for (const band of bands) {
    for (const condition of band.conditions) {
      if (condition.reference === fromAbsolute) steps.push(stepAbsolute, condition.bound);
      else if (condition.reference === fromUln) steps.push(stepNeedsUln, 0);
      else if (condition.reference === fromLln) steps.push(stepNeedsLln, 0);
      // A missing baseline only leaves its condition unmet.
    }
    const policy = band.needsDescriptor ? settings.unstatedClinicalDescriptor : null;
    if (policy === 'assume-absent') steps.push(stepBandSkip, 0);
    else steps.push(stepBandEnd, policy === 'not-gradable' ? quickGradeUndecided : band.grade);
  }
  return Float64Array.from(steps);
}

const referenceCodes: Readonly<Record<CtcaeBandCondition['reference'], number>> = {
  absolute: fromAbsolute,
  uln: fromUln,
  lln: fromLln,
  baseline: fromBaseline,
};

/**
 * `quickLabGrade` of one term in one version and settings, with the term's bands compiled once: the
 * references as numbers and the absolute thresholds (most of them) already moved by the tolerance.
 * Grading a value then reads no table by name, which a cohort run does for every laboratory value.
 */
export class QuickLabGrader {
  readonly #table: CtcaeLabTable;
  readonly #isLow: boolean;
  readonly #isCalcium: boolean;
  readonly #settings: CtcaeGradingSettings;
  readonly #bands: readonly CompiledBand[];
  /** `compilePlainSteps` of the bands: the loop of `grade` for a value given without limits. */
  readonly #plainSteps: Float64Array;

  constructor(termId: LabAdverseEventTermId, options: LabAdverseEventOptions) {
    const term = termsById[termId];
    const table = term[options.version];
    this.#table = table;
    this.#isLow = table.direction === 'low';
    this.#isCalcium = term.test === 'calcium';
    this.#settings = options.settings ?? defaultSettings;
    this.#bands = table.bands.map((band) => ({
      grade: band.grade,
      needsDescriptor: band.needs === 'value-and-clinical-descriptor',
      conditions: band.conditions.map((condition) => {
        // The same arithmetic as `isBeyond(value, condition.multiple * 1, direction)`, done once.
        const threshold = condition.multiple * 1;
        const margin = thresholdRelativeTolerance * Math.abs(threshold);
        return {
          reference: referenceCodes[condition.reference],
          multiple: condition.multiple,
          bound: table.direction === 'low' ? threshold - margin : threshold + margin,
        };
      }),
    }));
    this.#plainSteps = compilePlainSteps(this.#bands, this.#settings);
  }

  /** The `quickLabGrade` of `input` (see there). */
  grade(input: LabAdverseEventInput): number {
    // The common value (finite, ≥ 0, no limit or stated grade) passes every check of `checkInput`;
    // only the others are checked, with its errors.
    const isPlain =
      input.uln === undefined &&
      input.lln === undefined &&
      input.baseline === undefined &&
      input.albuminGPerDl === undefined &&
      input.clinicalGrade === undefined &&
      input.value >= 0 &&
      input.value !== Number.POSITIVE_INFINITY;
    if (isPlain && !this.#isCalcium) return this.#gradePlain(input.value);
    if (!isPlain) checkInput(input, this.#table);
    if (input.clinicalGrade !== undefined) return quickGradeUndecided;
    const settings = this.#settings;
    let value = input.value;
    if (this.#isCalcium) {
      if (input.albuminGPerDl !== undefined) {
        value = correctCalciumForAlbumin(input.value, input.albuminGPerDl, settings.calciumReferenceAlbuminGPerDl);
      } else if (settings.calciumWithoutAlbumin === 'not-gradable') {
        return quickGradeUndecided;
      }
    }
    const isLow = this.#isLow;
    const bands = this.#bands;
    for (let b = 0; b < bands.length; b += 1) {
      const band = bands[b] as CompiledBand;
      const conditions = band.conditions;
      let isMet = false;
      for (let c = 0; c < conditions.length; c += 1) {
        const condition = conditions[c] as CompiledCondition;
        const code = condition.reference;
        if (code === fromAbsolute) {
          if (isLow ? value < condition.bound : value > condition.bound) isMet = true;
          continue;
        }
        const reference = code === fromUln ? input.uln : code === fromLln ? input.lln : input.baseline;
        if (reference === undefined) {
          if (code === fromUln && !isMet) return quickGradeMissingUln;
          if (code === fromLln && !isMet) return quickGradeMissingLln;
          continue;
        }
        if (isBeyond(value, condition.multiple * reference, isLow ? 'low' : 'high')) isMet = true;
      }
      if (!isMet) continue;
      if (band.needsDescriptor) {
        const policy = settings.unstatedClinicalDescriptor;
        if (policy === 'assume-absent') continue;
        if (policy === 'not-gradable') return quickGradeUndecided;
      }
      return band.grade;
    }
    return 0;
  }

  /** The bands' loop above for a value without limits (not calcium), from the compiled steps. */
  #gradePlain(value: number): number {
    const steps = this.#plainSteps;
    const isLow = this.#isLow;
    let isMet = false;
    for (let index = 0; index < steps.length; index += 2) {
      const step = steps[index] as number;
      if (step === stepAbsolute) {
        const bound = steps[index + 1] as number;
        if (isLow ? value < bound : value > bound) isMet = true;
      } else if (step === stepBandEnd) {
        if (isMet) return steps[index + 1] as number;
      } else if (step === stepBandSkip) {
        isMet = false;
      } else if (!isMet) {
        return step === stepNeedsUln ? quickGradeMissingUln : quickGradeMissingLln;
      }
    }
    return 0;
  }
}

/** The compiled graders of an options object (read-only), made on first use of each term. */
const gradersByOptions = new WeakMap<LabAdverseEventOptions, Map<LabAdverseEventTermId, QuickLabGrader>>();

/** The `QuickLabGrader` of `termId` under `options`, compiled once per (read-only) options object. */
export function quickLabGrader(termId: LabAdverseEventTermId, options: LabAdverseEventOptions): QuickLabGrader {
  let graders = gradersByOptions.get(options);
  if (graders === undefined) {
    graders = new Map();
    gradersByOptions.set(options, graders);
  }
  let grader = graders.get(termId);
  if (grader === undefined) {
    grader = new QuickLabGrader(termId, options);
    graders.set(termId, grader);
  }
  return grader;
}

/** The explanation of a quick grade of `termId`, written on first read (as `gradeLabAdverseEvent`'s). */
export function deferredLabExplanation(
  termId: LabAdverseEventTermId,
  input: LabAdverseEventInput,
  options: LabAdverseEventOptions,
): Explanation {
  return new DeferredLabExplanation(termId, input, options);
}

/**
 * The reason of a quick grade `quickGradeMissingUln` or `quickGradeMissingLln` of `call`, its message
 * written on first read (as `gradeLabAdverseEvent`'s reason).
 */
export function deferredMissingLimitReason(limit: 'uln' | 'lln', call: LabGradingCall): LabGradeNotGradableReason {
  return new MissingLimitReason(limit, call);
}

/**
 * Grades; with `isRecording` it also writes the checks, the notes and the text, otherwise the
 * explanation (and a missing-limit message) is deferred to a recording run on first read.
 */
function grade(
  termId: LabAdverseEventTermId,
  input: LabAdverseEventInput,
  how: { readonly options: LabAdverseEventOptions; readonly isRecording: boolean },
): LabAdverseEventGrade {
  const { options, isRecording } = how;
  const term = labAdverseEventTerms[termId];
  const table = term[options.version];
  const settings = options.settings ?? defaultCtcaeGradingSettings;
  checkInput(input, table);
  const notes: string[] | null = isRecording ? [] : null;
  const context: GradingContext = {
    termId,
    table,
    input,
    value: input.value,
    quantity: table.quantity,
    checks: isRecording ? [] : null,
    parts: isRecording ? [] : null,
    options,
    isRecording,
  };

  if (term.test === 'calcium') {
    if (input.albuminGPerDl !== undefined) {
      const reference = settings.calciumReferenceAlbuminGPerDl;
      context.value = correctCalciumForAlbumin(input.value, input.albuminGPerDl, reference);
      notes?.push(
        `corrected calcium = ${format(input.value)} + 0.8 × (${format(reference)} − albumin ${format(input.albuminGPerDl)} g/dL) = ${format(context.value)} mg/dL`,
      );
    } else if (settings.calciumWithoutAlbumin === 'not-gradable') {
      const message = `albumin is needed to correct calcium before grading ${table.term} (setting calciumWithoutAlbumin)`;
      return notGradable({ kind: 'albumin-missing', message }, context);
    } else {
      context.quantity = 'calcium';
      notes?.push('no albumin given: calcium graded as reported, not corrected (setting calciumWithoutAlbumin)');
    }
  }
  const usesBaseline = baselineTables.has(table);
  if (input.baseline !== undefined && !usesBaseline) {
    notes?.push(`baseline not used: ${ctcaeVersionLabels[table.version]} ${table.term} has no baseline criterion`);
  } else if (input.baseline === undefined && usesBaseline) {
    notes?.push('no baseline given: the × baseline criteria were not applied');
  }

  let valueGrade: CtcaeGrade = 0;
  let matched: CtcaeGradeBand | null = null;
  for (const band of table.bands) {
    const outcome = evaluateBand(band, context);
    if (outcome === 'missing-uln' || outcome === 'missing-lln') {
      const limit = outcome === 'missing-uln' ? 'uln' : 'lln';
      if (!context.isRecording) return notGradable(new MissingLimitReason(limit, context), context);
      const message = `the ${limit.toUpperCase()} is needed to grade ${table.term}: ${context.quantity} ${format(context.value)} ${table.unit} meets no higher grade, and grade ${band.grade} is "${band.text}"`;
      return notGradable({ kind: 'missing-reference-limit', limit, message }, context);
    }
    if (outcome === 'not-met') continue;
    if (band.needs === 'value-and-clinical-descriptor') {
      // A stated clinical grade decides the descriptor below; here only the value range counts.
      if (input.clinicalGrade !== undefined) continue;
      const policy = settings.unstatedClinicalDescriptor;
      if (policy === 'assume-absent') {
        notes?.push(`grade ${band.grade} ("${band.text}") not given: clinical descriptor not stated, assumed absent`);
        continue;
      }
      if (policy === 'not-gradable') {
        const message = `grade ${band.grade} of ${table.term} ("${band.text}") needs a clinical descriptor that was not stated (setting unstatedClinicalDescriptor)`;
        return notGradable({ kind: 'clinical-descriptor-unstated', grade: band.grade, message }, context);
      }
      notes?.push(
        'clinical descriptor not stated: assumed present, the worst case (setting unstatedClinicalDescriptor)',
      );
    }
    valueGrade = band.grade;
    matched = band;
    break;
  }

  let gradeGiven: CtcaeGrade = valueGrade;
  let bandText = matched?.text ?? null;
  const stated = input.clinicalGrade;
  if (stated !== undefined) {
    if (valueGrade === 0) {
      notes?.push(`stated clinical grade ${stated} not applied: the value is not abnormal`);
    } else if (stated > valueGrade) {
      gradeGiven = stated;
      bandText = textOfGrade(table, stated);
      notes?.push(`grade ${stated} from the stated clinical grade (value alone: grade ${valueGrade})`);
    } else {
      notes?.push(`stated clinical grade ${stated} does not exceed the value's grade ${valueGrade}`);
    }
  }

  // Fields spelled out, not spread from a shared object: spreading costs an order of magnitude in throughput.
  return {
    termId,
    term: table.term,
    version: table.version,
    unit: table.unit,
    kind: 'graded',
    grade: gradeGiven,
    band: bandText,
    gradedValue: context.value,
    explanation: !context.isRecording
      ? new DeferredLabExplanation(context.termId, context.input, context.options)
      : {
          ruleId: table.rule.id,
          ruleVersion: table.rule.version,
          checks: recorded(context.checks),
          text: `${heading(context)} grade ${gradeGiven}${when(input)}: ${context.quantity} ${format(context.value)} ${table.unit}, ${bandText === null ? 'no grade band met' : `"${bandText}"`} (${recorded(context.parts).join('; ')})${suffix(recorded(notes))}.`,
        },
  };
}

/** A list kept while recording (the explanation is written only then). */
function recorded<TItem>(list: TItem[] | null): TItem[] {
  if (list === null) throw new RangeError('grading explanation is written only while recording');
  return list;
}

/**
 * What one grading call works on; one object per call, so the helpers take a single argument. It is
 * also the call a deferred explanation records again (its fields are final once grading returns).
 */
interface GradingContext extends LabGradingCall {
  readonly termId: LabAdverseEventTermId;
  readonly table: CtcaeLabTable;
  readonly input: LabAdverseEventInput;
  /** The value graded (corrected calcium when albumin was given). */
  value: number;
  /** What the value is called in explanations ("calcium" when it was not corrected). */
  quantity: string;
  /** Null unless recording. */
  readonly checks: ThresholdCheck[] | null;
  readonly parts: string[] | null;
  /** Whether checks, parts and notes are written now (else on first read of the explanation). */
  readonly isRecording: boolean;
}

function evaluateBand(band: CtcaeGradeBand, context: GradingContext): ConditionOutcome {
  const { table, input, value, quantity, checks, parts } = context;
  let outcome: ConditionOutcome = 'not-met';
  for (const condition of band.conditions) {
    const reference = referenceValue(condition, input);
    if (reference === undefined) {
      if (condition.reference === 'uln' && outcome !== 'met') return 'missing-uln';
      if (condition.reference === 'lln' && outcome !== 'met') return 'missing-lln';
      continue;
    }
    const threshold = condition.multiple * reference;
    const isMet = isBeyond(value, threshold, table.direction);
    if (isMet) outcome = 'met';
    if (checks === null || parts === null) continue;
    const comparator = table.direction === 'low' ? '<' : '>';
    const label = describeReference(condition, threshold);
    checks.push({
      quantity: condition.reference === 'absolute' ? quantity : `${quantity} vs ${label}`,
      value,
      unit: table.unit,
      comparator,
      threshold,
      isMet,
    });
    parts.push(`${comparator} ${label}: ${isMet ? 'met' : 'not met'}`);
  }
  return outcome;
}

function heading(context: GradingContext): string {
  return `${context.table.term} (${ctcaeVersionLabels[context.table.version]})`;
}

function when(input: LabAdverseEventInput): string {
  return input.date === undefined ? '' : ` on ${input.date}`;
}

function referenceValue(condition: CtcaeBandCondition, input: LabAdverseEventInput): number | undefined {
  switch (condition.reference) {
    case 'absolute':
      return 1;
    case 'uln':
      return input.uln;
    case 'lln':
      return input.lln;
    case 'baseline':
      return input.baseline;
  }
}

function describeReference(condition: CtcaeBandCondition, threshold: number): string {
  if (condition.reference === 'absolute') return format(threshold);
  const name = condition.reference === 'baseline' ? 'baseline' : condition.reference.toUpperCase();
  return condition.multiple === 1
    ? `${name} ${format(threshold)}`
    : `${condition.multiple} × ${name} = ${format(threshold)}`;
}

/** True when `value` is beyond `threshold` in the direction of abnormality, outside the tolerance. */
export function isBeyond(value: number, threshold: number, direction: 'low' | 'high'): boolean {
  const margin = thresholdRelativeTolerance * Math.abs(threshold);
  return direction === 'low' ? value < threshold - margin : value > threshold + margin;
}

function textOfGrade(table: CtcaeLabTable, grade: CtcaeClinicalGrade): string | null {
  for (const band of table.bands) if (band.grade === grade) return band.text;
  for (const descriptor of table.descriptorOnlyGrades) if (descriptor.grade === grade) return descriptor.text;
  return null;
}

function definedGrades(table: CtcaeLabTable): readonly number[] {
  return [...table.bands.map((band) => band.grade), ...table.descriptorOnlyGrades.map((d) => d.grade)];
}

function checkInput(input: LabAdverseEventInput, table: CtcaeLabTable): void {
  const { value, uln, lln, baseline, albuminGPerDl, clinicalGrade } = input;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${table.quantity} must be a non-negative number of ${table.unit} (got ${value})`);
  }
  checkPositive('ULN', uln);
  checkPositive('LLN', lln);
  checkPositive('baseline', baseline);
  checkPositive('albumin', albuminGPerDl);
  if (uln !== undefined && lln !== undefined && !(lln < uln)) {
    throw new RangeError(`LLN (${lln}) must be below ULN (${uln})`);
  }
  if (clinicalGrade !== undefined && !definedGrades(table).includes(clinicalGrade)) {
    throw new RangeError(
      `${table.term} (${ctcaeVersionLabels[table.version]}) defines no grade ${clinicalGrade} (grades: ${definedGrades(table).join(', ')})`,
    );
  }
}

function checkPositive(name: string, limit: number | undefined): void {
  if (limit !== undefined && !(Number.isFinite(limit) && limit > 0)) {
    throw new RangeError(`${name} must be a positive number (got ${limit})`);
  }
}

function notGradable(reason: LabGradeNotGradableReason, context: GradingContext): LabAdverseEventGrade {
  const { table, input } = context;
  return {
    termId: context.termId,
    term: table.term,
    version: table.version,
    unit: table.unit,
    kind: 'not-gradable',
    grade: null,
    reason,
    gradedValue: context.value,
    explanation: !context.isRecording
      ? new DeferredLabExplanation(context.termId, context.input, context.options)
      : {
          ruleId: table.rule.id,
          ruleVersion: table.rule.version,
          checks: recorded(context.checks),
          text: `${heading(context)} not gradable${when(input)}: ${reason.message}${describeParts(recorded(context.parts))}.`,
        },
  };
}

function describeParts(parts: readonly string[]): string {
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function suffix(notes: readonly string[]): string {
  return notes.length === 0 ? '' : `; ${notes.join('; ')}`;
}

/** Up to three decimals, trailing zeros dropped: explanations are read, the values carry full precision. */
function format(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
