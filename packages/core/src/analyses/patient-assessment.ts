/**
 * One patient's assessment from raw data (issue 4 item 8): the response engine (deriveResponse,
 * clinical-spec.md §1–§3, §5.1), the endpoints (deriveEndpoints, §8) fed with the response's
 * progression and the follow-up, CTCAE grading of every gradable laboratory value of the index line
 * (§4.1, v3.0 by default as in Musto 2007) and the baseline PCL classification (§5). It composes the
 * rules and keeps every explanation; it decides nothing clinical itself except which data it hands
 * to which rule, each choice stated below and in docs/rules/assessment.md. No I/O, no clock.
 */
import { type CalendarDate, toDayNumber } from '../domain/calendar-date.ts';
import type { FollowUp, LabMeasurement, QuantitativeLabTest, TherapyLine } from '../domain/laboratory.ts';
import type { CtcaeGrade } from '../domain/study.ts';
import {
  defaultEndpointSettings,
  deriveEndpoints,
  type EndpointSettings,
  type PatientEndpoints,
} from '../rules/endpoints/index.ts';
import { classifyPlasmaCellLeukaemia, type PclClassification } from '../rules/pcl-classification.ts';
import {
  deriveResponse,
  type ResponseAssessment,
  type ResponseCriteria,
  type ResponseOptions,
} from '../rules/response/index.ts';
import type { Explanation } from '../rules/rule.ts';
import {
  type CtcaeGradingSettings,
  type CtcaeLabTable,
  type CtcaeVersion,
  defaultCtcaeGradingSettings,
  deferredLabExplanation,
  gradeLabTest,
  type LabAdverseEventInput,
  type LabAdverseEventOptions,
  type LabAdverseEventTermId,
  type LabGradeNotGradableReason,
  labTestAdverseEventTerms,
  type QuickLabTestGrader,
  quickLabTestGrader,
  quickLabTestUndecided,
  quickTermGrade,
  quickTermIndex,
} from '../rules/toxicity/index.ts';

export interface PatientAssessmentInput {
  /** Pseudonymous patient code. */
  readonly patient: string;
  /** Canonical units (laboratory.ts), any order. */
  readonly labs: readonly LabMeasurement[];
  /** Sorted by start date: the first is the index therapy (time origin), later lines are new therapy. */
  readonly therapyLines: readonly TherapyLine[];
  /** Null when no follow-up was given: the last dated record is then the last date known alive. */
  readonly followUp: FollowUp | null;
}

/** A laboratory reference range, in the canonical unit of its test. */
export interface ReferenceRange {
  readonly lln?: number;
  readonly uln?: number;
}

export interface PatientAssessmentOptions {
  /** Response criteria (default 'imwg2006', the criteria Musto 2007 cites). */
  readonly criteria?: ResponseCriteria;
  /** Every other response setting (docs/rules/response.md); `criteria` above wins. */
  readonly response?: Omit<ResponseOptions, 'criteria'>;
  /** Endpoint censoring settings (§8, §8.1, §0); default `defaultEndpointSettings`. */
  readonly endpoints?: EndpointSettings;
  /** CTCAE version for laboratory grading (default 'v3', the version Musto 2007 used). */
  readonly ctcaeVersion?: CtcaeVersion;
  readonly ctcae?: CtcaeGradingSettings;
  /**
   * [IMPL] The laboratory's reference ranges for grade 1 (CTCAE "< LLN", "> ULN"), per test, canonical
   * units. Default none: labs.csv carries only `creatinine_uln`, so grade 1 of the other terms is
   * "not gradable" unless a range is given here. A `creatinine_uln` row overrides a range given here.
   */
  readonly referenceRanges?: Readonly<Partial<Record<QuantitativeLabTest, ReferenceRange>>>;
}

/** One graded laboratory adverse event (grade ≥ 1). */
export interface LabToxicity {
  readonly test: QuantitativeLabTest;
  readonly date: CalendarDate;
  readonly term: string;
  readonly grade: CtcaeGrade;
  readonly version: CtcaeVersion;
  readonly explanation: Explanation;
}

/** A value CTCAE could not grade (e.g. grade 1 needs an LLN the data do not give). */
export interface UngradableLabValue {
  readonly test: QuantitativeLabTest;
  readonly date: CalendarDate;
  readonly reason: string;
}

/** PCL at baseline: the values used and both IMWG definitions with their explanations (§5). */
export interface BaselinePcl {
  readonly date: CalendarDate;
  readonly peripheralBloodPlasmaCellsPercent: number;
  readonly whiteBloodCellsPer1e9L: number;
  readonly classification: PclClassification;
}

export interface LastKnownAlive {
  readonly date: CalendarDate;
  readonly source: 'follow-up' | 'last-dated-record';
  readonly text: string;
}

export interface PatientAssessment {
  readonly patient: string;
  readonly criteria: ResponseCriteria;
  readonly indexTherapy: TherapyLine;
  /** The full response derivation: baseline, measurable compartments, time points, best response, PD. */
  readonly response: ResponseAssessment;
  /** OS, PFS, TTP, DoR, time to response, TTNT (§8). */
  readonly endpoints: PatientEndpoints;
  /** What OS and PFS were given as the last date known alive. */
  readonly lastKnownAlive: LastKnownAlive;
  /** Grade ≥ 1 laboratory adverse events of the index line, by date then test. */
  readonly toxicities: readonly LabToxicity[];
  readonly ungradable: readonly UngradableLabValue[];
  /** Null when baseline PB plasma cells and WBC were not measured on one date in the baseline window. */
  readonly pcl: BaselinePcl | null;
}

/**
 * Assesses one patient. Data choices ([IMPL], docs/rules/assessment.md):
 * - deriveResponse gets the labs, the therapy lines and the death date (death may confirm PD, §1.6);
 * - deriveEndpoints gets the confirmed PD date, the first response date, the last adequate
 *   assessment, the dates of the adequate assessments (time points neither NE nor PD), the next
 *   line's start, the death date, and as last contact the follow-up's last
 *   contact date (the death date for the dead) or, without follow-up, the last dated record
 *   (laboratory result, therapy start or end), which is a date the patient is known to have been alive;
 * - CTCAE grading covers quantitative results dated from the index start up to the day before the
 *   next line starts (the index line's adverse events); ULN of creatinine from the `creatinine_uln`
 *   result of the same date or else the latest earlier one; albumin of the same date corrects
 *   calcium; the v5 creatinine baseline is the last creatinine in the baseline window;
 * - PCL (§5) from PB plasma cells and WBC measured on the same date, the latest such date within
 *   the baseline window (on or before the index start), as the absolute count needs one sample.
 */
export function assessPatient(
  input: PatientAssessmentInput,
  options: PatientAssessmentOptions = {},
): PatientAssessment {
  const indexTherapy = input.therapyLines[0];
  if (indexTherapy === undefined) throw new RangeError(`patient ${input.patient} has no therapy line`);
  const criteria = options.criteria ?? 'imwg2006';
  const deathDate = input.followUp?.vitalStatus === 'dead' ? input.followUp.deathDate : null;
  const response = deriveResponse(
    { labs: input.labs, therapyLines: input.therapyLines, deathDate },
    responseOptionsOf(options, criteria),
  );
  const lastKnownAlive = findLastKnownAlive(input);
  // Adequate assessments without PD (§8 "last adequate disease assessment without PD"), as the response
  // engine defines its last adequate assessment: an unconfirmed PD is not one.
  const assessmentDates: CalendarDate[] = [];
  for (const timepoint of response.timepoints) {
    if (timepoint.response !== 'NE' && timepoint.response !== 'PD') assessmentDates.push(timepoint.date);
  }
  const endpoints = deriveEndpoints(
    {
      indexDate: response.indexDate,
      progressionDate: response.progression?.date ?? null,
      firstResponseDate: response.firstResponseDate,
      deathDate,
      lastContactDate: lastKnownAlive.date,
      lastAdequateAssessmentDate: response.lastAdequateAssessmentDate,
      nextTherapyStartDate: input.therapyLines[1]?.startDate ?? null,
      assessmentDates,
    },
    options.endpoints ?? defaultEndpointSettings,
  );
  const windowDays = response.settings.baselineWindowDays;
  const context = gradingContextOf(options, windowDays);
  const { toxicities, ungradable, pclRows } = gradeLabValues(input, context);
  return new AssessedPatient(
    {
      patient: input.patient,
      criteria,
      indexTherapy,
      response,
      endpoints,
      lastKnownAlive,
      toxicities,
      pcl: classifyPclRows(pclRows, indexTherapy.startDate, windowDays),
    },
    ungradable,
    context.options,
  );
}

/**
 * What not gradable values are kept as until read: the result row itself for the usual quick-path
 * value graded without limits, else its ready result object.
 */
type UngradableSource = QuantitativeLab | UngradableLabValue;

/**
 * A patient's assessment. Its not gradable values (about two in three blood counts when no reference
 * range is given: grade 1 needs the LLN) become result objects on first read of `ungradable`; until
 * then the rows are kept, so a cohort run that counts toxicities makes none. `toJSON` writes them, a
 * spread (`{ ...assessment }`) does not: read or serialise.
 */
class AssessedPatient implements PatientAssessment {
  readonly patient: string;
  readonly criteria: ResponseCriteria;
  readonly indexTherapy: TherapyLine;
  readonly response: ResponseAssessment;
  readonly endpoints: PatientEndpoints;
  readonly lastKnownAlive: LastKnownAlive;
  readonly toxicities: readonly LabToxicity[];
  readonly pcl: BaselinePcl | null;
  #sources: readonly UngradableSource[] | null;
  #ungradable: readonly UngradableLabValue[] | null = null;
  readonly #options: LabAdverseEventOptions;

  constructor(
    assessment: Omit<PatientAssessment, 'ungradable'>,
    ungradable: readonly UngradableSource[],
    options: LabAdverseEventOptions,
  ) {
    this.patient = assessment.patient;
    this.criteria = assessment.criteria;
    this.indexTherapy = assessment.indexTherapy;
    this.response = assessment.response;
    this.endpoints = assessment.endpoints;
    this.lastKnownAlive = assessment.lastKnownAlive;
    this.toxicities = assessment.toxicities;
    this.pcl = assessment.pcl;
    this.#sources = ungradable;
    this.#options = options;
  }

  get ungradable(): readonly UngradableLabValue[] {
    if (this.#ungradable === null) {
      const sources = this.#sources ?? [];
      const values: UngradableLabValue[] = new Array(sources.length);
      for (let index = 0; index < sources.length; index += 1) {
        const source = sources[index] as UngradableSource;
        values[index] = 'value' in source ? new QuickUngradableValue(source, null, this.#options) : source;
      }
      this.#ungradable = values;
      this.#sources = null;
    }
    return this.#ungradable;
  }

  toJSON(): PatientAssessment {
    return {
      patient: this.patient,
      criteria: this.criteria,
      indexTherapy: this.indexTherapy,
      response: this.response,
      endpoints: this.endpoints,
      lastKnownAlive: this.lastKnownAlive,
      toxicities: this.toxicities,
      ungradable: this.ungradable,
      pcl: this.pcl,
    };
  }
}

/**
 * The response options of an options object, made once per (read-only) options object, so a cohort
 * run hands the response engine the same object for every patient and it resolves the settings once.
 */
const responseOptionsByOptions = new WeakMap<PatientAssessmentOptions, ResponseOptions>();
function responseOptionsOf(options: PatientAssessmentOptions, criteria: ResponseCriteria): ResponseOptions {
  let responseOptions = responseOptionsByOptions.get(options);
  if (responseOptions === undefined || responseOptions.criteria !== criteria) {
    responseOptions = { ...options.response, criteria };
    responseOptionsByOptions.set(options, responseOptions);
  }
  return responseOptions;
}

/**
 * The grading context of an options object, made once per (read-only) options object and baseline
 * window, like `responseOptionsOf`: a cohort run grades every patient with the same one.
 */
const gradingContextByOptions = new WeakMap<PatientAssessmentOptions, GradingContext>();
function gradingContextOf(options: PatientAssessmentOptions, windowDays: number): GradingContext {
  let context = gradingContextByOptions.get(options);
  if (context === undefined || context.windowDays !== windowDays) {
    const version = options.ctcaeVersion ?? 'v3';
    const settings = options.ctcae ?? defaultCtcaeGradingSettings;
    context = {
      version,
      settings,
      referenceRanges: options.referenceRanges ?? noReferenceRanges,
      windowDays,
      options: { version, settings },
      graders: [],
    };
    gradingContextByOptions.set(options, context);
  }
  return context;
}

function findLastKnownAlive(input: PatientAssessmentInput): LastKnownAlive {
  const followUp = input.followUp;
  if (followUp !== null) {
    const date = followUp.vitalStatus === 'dead' ? followUp.deathDate : followUp.lastContactDate;
    return {
      date,
      source: 'follow-up',
      text:
        followUp.vitalStatus === 'dead'
          ? `died on ${date} (follow-up)`
          : `alive at last contact on ${date} (follow-up)`,
    };
  }
  let latest = (input.therapyLines[0] as TherapyLine).startDate;
  for (const lab of input.labs) if (lab.date > latest) latest = lab.date;
  for (const line of input.therapyLines) {
    if (line.startDate > latest) latest = line.startDate;
    if (line.endDate !== null && line.endDate > latest) latest = line.endDate;
  }
  return {
    date: latest,
    source: 'last-dated-record',
    text: `no follow-up given: last date known alive = last dated record (${latest})`,
  };
}

/**
 * An ungradable value whose reason is written on first read (most are never read); `toJSON` writes
 * it, a spread (`{ ...value }`) does not — read or serialise.
 */
class DeferredUngradableValue implements UngradableLabValue {
  readonly test: QuantitativeLabTest;
  readonly date: CalendarDate;
  readonly #reason: LabGradeNotGradableReason;

  constructor(test: QuantitativeLabTest, date: CalendarDate, reason: LabGradeNotGradableReason) {
    this.test = test;
    this.date = date;
    this.#reason = reason;
  }

  get reason(): string {
    return this.#reason.message;
  }

  toJSON(): UngradableLabValue {
    return { test: this.test, date: this.date, reason: this.reason };
  }
}

/**
 * The grading functions and tables, read once: an imported binding read in the per-value loop costs a
 * getter call per read where modules are loaded as CommonJS (tsx, the benchmark), through each index.
 */
const termsOfTest = labTestAdverseEventTerms;
const testGrader = quickLabTestGrader;
const undecided = quickLabTestUndecided;
const gradeOf = quickTermGrade;
const termIndexOf = quickTermIndex;
const explainLater = deferredLabExplanation;

/** The default: no reference ranges (looked up per value only when some were given). */
const noReferenceRanges: Readonly<Partial<Record<QuantitativeLabTest, ReferenceRange>>> = {};

/** A quantitative laboratory result (the rows graded). */
type QuantitativeLab = Extract<LabMeasurement, { readonly value: number }>;

/**
 * What a quick-path grade was computed from, kept so that its explanation or reason can be written
 * on first read by grading again: the source result (value and date) and the limits used, not a copy
 * of the grading input — one object per graded value, and no boxed number (the value stays in the row).
 * Null limits when none was used (most values: blood counts without reference ranges).
 */
function limitsToKeep(limits: GradingLimits): GradingLimits | null {
  const { uln, lln, baseline, albuminGPerDl } = limits;
  const isUnlimited = uln === undefined && lln === undefined && baseline === undefined && albuminGPerDl === undefined;
  return isUnlimited ? null : { uln, lln, baseline, albuminGPerDl };
}

/** The grading input a quick-path value was graded from (see `limitsToKeep`). */
function inputOf(lab: QuantitativeLab, limits: GradingLimits | null): LabAdverseEventInput {
  return {
    value: lab.value,
    uln: limits?.uln,
    lln: limits?.lln,
    baseline: limits?.baseline,
    albuminGPerDl: limits?.albuminGPerDl,
    date: lab.date,
  };
}

// The two result classes below repeat their few common fields rather than share a base class: V8
// constructs a derived class (`super(...)`) at less than half the speed of a plain one (measured),
// and a cohort run makes one of them per laboratory value.

/**
 * A graded (grade ≥ 1) value of the quick path, its explanation made on first read (as the slow
 * path's deferred explanation); `toJSON` writes it, a spread (`{ ...toxicity }`) does not — read or
 * serialise.
 */
class QuickLabToxicity implements LabToxicity {
  readonly test: QuantitativeLabTest;
  readonly date: CalendarDate;
  readonly term: string;
  readonly grade: CtcaeGrade;
  readonly version: CtcaeVersion;
  readonly #lab: QuantitativeLab;
  readonly #limits: GradingLimits | null;
  readonly #termId: LabAdverseEventTermId;
  readonly #options: LabAdverseEventOptions;
  #explanation: Explanation | null = null;

  constructor(
    lab: QuantitativeLab,
    limits: GradingLimits,
    graded: {
      readonly termId: LabAdverseEventTermId;
      readonly table: CtcaeLabTable;
      readonly grade: CtcaeGrade;
      readonly options: LabAdverseEventOptions;
    },
  ) {
    const table = graded.table;
    this.test = lab.test;
    this.date = lab.date;
    this.term = table.term;
    this.grade = graded.grade;
    this.version = table.version;
    this.#lab = lab;
    this.#limits = limitsToKeep(limits);
    this.#termId = graded.termId;
    this.#options = graded.options;
  }

  get explanation(): Explanation {
    this.#explanation ??= explainLater(this.#termId, inputOf(this.#lab, this.#limits), this.#options);
    return this.#explanation;
  }

  toJSON(): LabToxicity {
    return {
      test: this.test,
      date: this.date,
      term: this.term,
      grade: this.grade,
      version: this.version,
      explanation: this.explanation,
    };
  }
}

/**
 * An ungradable value of the quick path: one object, its reason written on first read by grading the
 * value again with `gradeLabTest` (which reports the same term as the quick path). `toJSON` writes it.
 */
class QuickUngradableValue implements UngradableLabValue {
  readonly test: QuantitativeLabTest;
  readonly date: CalendarDate;
  readonly #lab: QuantitativeLab;
  readonly #limits: GradingLimits | null;
  readonly #options: LabAdverseEventOptions;
  #reason: string | null = null;

  /** `limits` as `limitsToKeep` gives them. */
  constructor(lab: QuantitativeLab, limits: GradingLimits | null, options: LabAdverseEventOptions) {
    this.test = lab.test;
    this.date = lab.date;
    this.#lab = lab;
    this.#limits = limits;
    this.#options = options;
  }

  get reason(): string {
    if (this.#reason === null) {
      const graded = gradeLabTest(this.test, inputOf(this.#lab, this.#limits), this.#options);
      this.#reason = graded.kind === 'not-gradable' ? graded.reason.message : '';
    }
    return this.#reason;
  }

  toJSON(): UngradableLabValue {
    return { test: this.test, date: this.date, reason: this.reason };
  }
}

/** The limits a value is graded with; the grading loop reuses one record (nothing keeps it). */
interface GradingLimits {
  uln: number | undefined;
  lln: number | undefined;
  baseline: number | undefined;
  albuminGPerDl: number | undefined;
}

/** The grading input of one value; the grading loop reuses one and copies it where a result keeps it. */
interface GradingInput extends GradingLimits {
  value: number;
  date: CalendarDate | undefined;
}

function copyOf(input: GradingInput): LabAdverseEventInput {
  return {
    value: input.value,
    uln: input.uln,
    lln: input.lln,
    baseline: input.baseline,
    albuminGPerDl: input.albuminGPerDl,
    date: input.date,
  };
}

interface GradingContext {
  readonly version: CtcaeVersion;
  readonly settings: CtcaeGradingSettings;
  readonly referenceRanges: Readonly<Partial<Record<QuantitativeLabTest, ReferenceRange>>>;
  readonly windowDays: number;
  /** The grading options handed to the CTCAE rules (one object for the cohort, kept by the results). */
  readonly options: LabAdverseEventOptions;
  /** The compiled grader of each graded test under `options`, by test code (`rolesOf`), made on first use. */
  readonly graders: (QuickLabTestGrader | undefined)[];
}

/** What a quantitative result is read for here, by test (bit flags; tests not listed are not read). */
const isGraded = 1;
const isCreatinineUln = 2;
const isAlbumin = 4;
const isCreatinine = 8;
const isCalcium = 16;
const isPclValue = 32;
/** The roles' bits above these give a graded test's code, its index in `GradingContext.graders`. */
const testCodeShift = 8;
/** Graded with limits taken from other results (ULN, baseline creatinine, albumin), so after the scan. */
const needsLimitsFromData = isCreatinine | isCalcium;

/**
 * The roles of a test. A `switch`, not a map: the names are compared by identity first, which is
 * faster than hashing them for a lookup (measured), and most results fall through to `default`.
 * The graded tests are those of `labTestAdverseEventTerms`, which is checked when this module loads.
 */
function rolesOf(test: string): number {
  switch (test) {
    case 'platelets':
      return isGraded | (1 << testCodeShift);
    case 'anc':
      return isGraded | (2 << testCodeShift);
    case 'hemoglobin':
      return isGraded | (3 << testCodeShift);
    case 'lymphocytes':
      return isGraded | (4 << testCodeShift);
    case 'potassium':
      return isGraded | (5 << testCodeShift);
    case 'uric_acid':
      return isGraded | (6 << testCodeShift);
    case 'phosphate':
      return isGraded | (7 << testCodeShift);
    case 'wbc':
      return isGraded | isPclValue | (8 << testCodeShift);
    case 'creatinine':
      return isGraded | isCreatinine | (9 << testCodeShift);
    case 'calcium':
      return isGraded | isCalcium | (10 << testCodeShift);
    case 'creatinine_uln':
      return isCreatinineUln;
    case 'albumin':
      return isAlbumin;
    case 'pb_plasma_cells':
      return isPclValue;
    default:
      return 0;
  }
}

{
  const codes = new Set<number>();
  for (const test of Object.keys(termsOfTest)) {
    const roles = rolesOf(test);
    if ((roles & isGraded) === 0 || codes.has(roles >> testCodeShift)) {
      throw new RangeError(`rolesOf does not grade ${test} under a test code of its own; add it`);
    }
    codes.add(roles >> testCodeShift);
  }
}

/** What one patient's grading collects; one record per patient, handed to `gradeOne`. */
interface GradingRun {
  readonly context: GradingContext;
  readonly hasRanges: boolean;
  /** The grading input, reused for every value (results copy what they keep). */
  readonly scratch: GradingInput;
  readonly toxicities: LabToxicity[];
  /** In input order; see `UngradableSource`. */
  readonly ungradable: UngradableSource[];
  /** Whether a toxicity arrived dated before the previous one (the list then needs a stable sort). */
  needsSort: boolean;
}

function gradeLabValues(
  input: PatientAssessmentInput,
  context: GradingContext,
): { toxicities: LabToxicity[]; ungradable: UngradableSource[]; pclRows: QuantitativeLab[] } {
  // ISO dates compare chronologically as strings: day numbers only where a distance in days matters.
  const indexDate = (input.therapyLines[0] as TherapyLine).startDate;
  const indexDay = toDayNumber(indexDate);
  const nextStart = input.therapyLines[1]?.startDate ?? null;
  const run: GradingRun = {
    context,
    hasRanges: context.referenceRanges !== noReferenceRanges,
    scratch: {
      value: 0,
      uln: undefined,
      lln: undefined,
      baseline: undefined,
      albuminGPerDl: undefined,
      date: undefined,
    },
    toxicities: [],
    ungradable: [],
    needsSort: false,
  };
  // One scan grades the values of the index line whose limits are known up front (the options'
  // reference ranges) as they come, and sorts out what the others need: creatinine is graded with
  // the ULN and baseline creatinine, calcium with the albumin of its date, which may come later in the
  // input, so they wait for the end of the scan with the position their "not gradable" entry takes in
  // the input-ordered list. The scan also keeps the PB plasma cell and WBC rows on or before the index
  // date for the baseline PCL.
  const pclRows: QuantitativeLab[] = [];
  let waiting: QuantitativeLab[] | null = null;
  let waitingAt: number[] | null = null;
  const creatinineUln: Array<{ date: CalendarDate; value: number }> = [];
  let albuminByDate: Map<string, number> | null = null;
  let baselineCreatinine: { date: CalendarDate; value: number } | null = null;
  // Where the last date seen lies: results come grouped by date, and an equality test of two dates is
  // cheaper than ordering them, so each date is ordered against the index and next line once.
  let lastDate: CalendarDate | null = null;
  let isInLine = false;
  let isOnOrBeforeIndex = false;
  for (const lab of input.labs) {
    if (!('value' in lab)) continue;
    const roles = rolesOf(lab.test);
    if (roles === 0) continue;
    if (lab.date !== lastDate) {
      lastDate = lab.date;
      isInLine = lastDate >= indexDate && (nextStart === null || lastDate < nextStart);
      isOnOrBeforeIndex = lastDate <= indexDate;
    }
    if ((roles & isGraded) !== 0 && isInLine) {
      if ((roles & needsLimitsFromData) === 0) gradeOne(run, lab, roles, undefined, undefined, undefined);
      else {
        waiting ??= [];
        waitingAt ??= [];
        waiting.push(lab);
        waitingAt.push(run.ungradable.length);
      }
    }
    if ((roles & isPclValue) !== 0 && isOnOrBeforeIndex) pclRows.push(lab);
    if (roles === isCreatinineUln) creatinineUln.push({ date: lab.date, value: lab.value });
    else if (roles === isAlbumin) {
      albuminByDate ??= new Map<string, number>();
      albuminByDate.set(lab.date, lab.value);
    } else if ((roles & isCreatinine) !== 0 && isOnOrBeforeIndex) {
      const isInWindow = indexDay - toDayNumber(lab.date) <= context.windowDays;
      if (isInWindow && (baselineCreatinine === null || lab.date >= baselineCreatinine.date)) {
        baselineCreatinine = { date: lab.date, value: lab.value };
      }
    }
  }
  if (waiting !== null && waitingAt !== null) {
    creatinineUln.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const ungradable = run.ungradable;
    let inserted = 0;
    for (let k = 0; k < waiting.length; k += 1) {
      const lab = waiting[k] as QuantitativeLab;
      const roles = rolesOf(lab.test);
      let uln: number | undefined;
      let baseline: number | undefined;
      if ((roles & isCreatinine) !== 0) {
        for (const entry of creatinineUln) if (entry.date <= lab.date) uln = entry.value;
        if (baselineCreatinine !== null) baseline = baselineCreatinine.value;
      }
      const albumin = (roles & isCalcium) !== 0 && albuminByDate !== null ? albuminByDate.get(lab.date) : undefined;
      const count = ungradable.length;
      gradeOne(run, lab, roles, uln, baseline, albumin);
      if (ungradable.length > count) {
        // A "not gradable" entry goes where the input order puts it, among those of the scan.
        const value = ungradable.pop() as UngradableSource;
        ungradable.splice((waitingAt[k] as number) + inserted, 0, value);
        inserted += 1;
      }
    }
  }
  // Rows of one date are kept in order as they arrive; a stable sort by date then test (the same
  // order) only when a toxicity came dated before the previous one: the rows were not in date order,
  // or a creatinine or calcium value graded after the scan.
  if (run.needsSort) run.toxicities.sort(byDateThenTest);
  return { toxicities: run.toxicities, ungradable: run.ungradable, pclRows };
}

/**
 * Grades one value of the index line into `run`: grade ≥ 1 to the toxicities (in date-then-test order),
 * not gradable to the ungradable values (in input order), grade 0 nowhere. `ulnFromData` and `baseline`
 * are creatinine's (a ULN of the data wins over the options' reference range), `albumin` calcium's.
 */
function gradeOne(
  run: GradingRun,
  lab: QuantitativeLab,
  roles: number,
  ulnFromData: number | undefined,
  baseline: number | undefined,
  albumin: number | undefined,
): void {
  const context = run.context;
  const options = context.options;
  const code = roles >> testCodeShift;
  let grader = context.graders[code];
  if (grader === undefined) {
    grader = testGrader(lab.test, options);
    context.graders[code] = grader;
  }
  const range = run.hasRanges ? context.referenceRanges[lab.test] : undefined;
  // Quick path: the grade number from one reused input object; one result object only for what is
  // reported, which keeps the source row and the limits to explain itself when read.
  const scratch = run.scratch;
  scratch.value = lab.value;
  scratch.uln = ulnFromData ?? range?.uln;
  scratch.lln = range?.lln;
  scratch.baseline = baseline;
  scratch.albuminGPerDl = albumin;
  scratch.date = lab.date;
  const quick = grader.grade(scratch);
  if (quick !== undecided) {
    const grade = gradeOf(quick);
    if (grade === 0) return;
    if (grade > 0) {
      const termIndex = termIndexOf(quick);
      const toxicity = new QuickLabToxicity(lab, scratch, {
        termId: grader.termIds[termIndex] as LabAdverseEventTermId,
        table: grader.tables[termIndex] as CtcaeLabTable,
        grade: grade as CtcaeGrade,
        options,
      });
      run.needsSort = addInOrder(run.toxicities, toxicity) || run.needsSort;
    } else {
      const limits = limitsToKeep(scratch);
      run.ungradable.push(limits === null ? lab : new QuickUngradableValue(lab, limits, options));
    }
    return;
  }
  const slow = gradeLabTest(lab.test, copyOf(scratch), options);
  if (slow.kind === 'not-gradable') {
    run.ungradable.push(new DeferredUngradableValue(lab.test, lab.date, slow.reason));
  } else if (slow.grade > 0) {
    run.needsSort =
      addInOrder(run.toxicities, {
        test: lab.test,
        date: lab.date,
        term: slow.term,
        grade: slow.grade,
        version: slow.version,
        explanation: slow.explanation,
      }) || run.needsSort;
  }
}

/** `localeCompare` of two test names, remembered (a handful of names, compared for every patient). */
const testOrder = new Map<string, Map<string, number>>();
function compareTests(left: string, right: string): number {
  if (left === right) return 0;
  let orders = testOrder.get(left);
  if (orders === undefined) {
    orders = new Map<string, number>();
    testOrder.set(left, orders);
  }
  let order = orders.get(right);
  if (order === undefined) {
    order = left.localeCompare(right);
    orders.set(right, order);
  }
  return order;
}

/**
 * Appends `toxicity`, moving it before the earlier toxicities of its date whose test sorts after it
 * (an insertion step: stable, so the order of a stable sort by date then test). Returns true when it
 * is dated before the last one, which then needs a stable sort of the whole list.
 */
function addInOrder(toxicities: LabToxicity[], toxicity: LabToxicity): boolean {
  let index = toxicities.length;
  toxicities.push(toxicity);
  const last = toxicities[index - 1];
  if (last === undefined) return false;
  // Different dates (the usual case) are ordered once; equal ones need no ordering.
  if (last.date !== toxicity.date) return last.date > toxicity.date;
  while (index > 0) {
    const previous = toxicities[index - 1] as LabToxicity;
    if (previous.date !== toxicity.date || compareTests(previous.test, toxicity.test) <= 0) break;
    toxicities[index] = previous;
    index -= 1;
  }
  toxicities[index] = toxicity;
  return false;
}

function byDateThenTest(left: LabToxicity, right: LabToxicity): number {
  return left.date < right.date ? -1 : left.date > right.date ? 1 : compareTests(left.test, right.test);
}

/** PB plasma cells and WBC of the same date, the latest such date within the baseline window (§5). */
export function classifyBaselinePcl(
  labs: readonly LabMeasurement[],
  indexDate: CalendarDate,
  windowDays: number,
): BaselinePcl | null {
  const rows: QuantitativeLab[] = [];
  for (const lab of labs) {
    if ('value' in lab && (lab.test === 'pb_plasma_cells' || lab.test === 'wbc') && lab.date <= indexDate) {
      rows.push(lab);
    }
  }
  return classifyPclRows(rows, indexDate, windowDays);
}

/**
 * `classifyBaselinePcl` from the quantitative PB plasma cell and WBC results dated on or before the
 * index date, in input order (the only rows it reads; assessPatient collects them in its one scan).
 */
function classifyPclRows(
  rows: readonly QuantitativeLab[],
  indexDate: CalendarDate,
  windowDays: number,
): BaselinePcl | null {
  // Two scans instead of two maps per patient: the latest PB plasma cell date in the window that has
  // a WBC of the same date, then the last value of each on that date (input order, as rows are read).
  const indexDay = toDayNumber(indexDate);
  let chosen: CalendarDate | null = null;
  for (const lab of rows) {
    if (lab.test !== 'pb_plasma_cells') continue;
    if (chosen !== null && lab.date <= chosen) continue;
    if (indexDay - toDayNumber(lab.date) > windowDays) continue;
    if (lastValueOn(rows, 'wbc', lab.date) !== null) chosen = lab.date;
  }
  if (chosen === null) return null;
  return new DeferredBaselinePcl(
    chosen,
    lastValueOn(rows, 'pb_plasma_cells', chosen) as number,
    lastValueOn(rows, 'wbc', chosen) as number,
  );
}

/** The value of the last `test` result dated `date`, or null when there is none. */
function lastValueOn(
  rows: readonly QuantitativeLab[],
  test: 'pb_plasma_cells' | 'wbc',
  date: CalendarDate,
): number | null {
  let found: number | null = null;
  for (const lab of rows) if (lab.test === test && lab.date === date) found = lab.value;
  return found;
}

/**
 * Baseline PCL whose classification (with its explanations) is made on first read: a cohort run
 * assesses every patient, a report reads few classifications. `toJSON` includes it, a spread does not.
 */
class DeferredBaselinePcl implements BaselinePcl {
  readonly date: CalendarDate;
  readonly peripheralBloodPlasmaCellsPercent: number;
  readonly whiteBloodCellsPer1e9L: number;
  #classification: PclClassification | null = null;

  constructor(date: CalendarDate, peripheralBloodPlasmaCellsPercent: number, whiteBloodCellsPer1e9L: number) {
    this.date = date;
    this.peripheralBloodPlasmaCellsPercent = peripheralBloodPlasmaCellsPercent;
    this.whiteBloodCellsPer1e9L = whiteBloodCellsPer1e9L;
  }

  get classification(): PclClassification {
    this.#classification ??= classifyPlasmaCellLeukaemia({
      peripheralBloodPlasmaCellsPercent: this.peripheralBloodPlasmaCellsPercent,
      whiteBloodCellsPer1e9L: this.whiteBloodCellsPer1e9L,
    });
    return this.#classification;
  }

  toJSON(): BaselinePcl {
    return {
      date: this.date,
      peripheralBloodPlasmaCellsPercent: this.peripheralBloodPlasmaCellsPercent,
      whiteBloodCellsPer1e9L: this.whiteBloodCellsPer1e9L,
      classification: this.classification,
    };
  }
}
