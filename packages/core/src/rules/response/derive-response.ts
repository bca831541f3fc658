/**
 * The response engine's entry point (clinical-spec.md §1.6): from a patient's raw laboratory and
 * imaging results and therapy lines to baseline, measurable compartments, explained time-point
 * responses, confirmation, best response, progression and the dates the endpoints need. The index
 * therapy (first line) is the time origin; results after the next line starts are excluded and
 * counted (§1.6 step 9; same-day results belong to the prior line by default, setting
 * `sameDayAsNewTherapy`); results after death are ignored with a warning. One pass over the results
 * groups them by date, one pass over the dates judges and updates the nadirs; nothing is re-sorted.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { LabMeasurement, TherapyLine } from '../../domain/laboratory.ts';
import type { ResponseCategory } from '../../domain/response-category.ts';
import type { Explanation, RuleDefinition } from '../rule.ts';
import {
  type AssessmentValues,
  dayNumberOf as importedDayNumberOf,
  groupLabsByDate as importedGroupLabsByDate,
} from './assessment-values.ts';
import {
  type BaselineValues,
  bloodPlasmaCellsPerMicrolitre,
  type DatedValue,
  freeLightChainDifference,
  selectBaselineValues,
} from './baseline-values.ts';
import {
  type BestResponse,
  findFirstResponseDate,
  findLastAdequateAssessmentDate,
  findProgressionIndex,
  selectBestResponse,
} from './best-response.ts';
import { confirmTimepoints, describeConfirmation, type TimepointConfirmation } from './confirmation.ts';
import { DeferredExplanation } from './deferred-explanation.ts';
import { type CompartmentCheck, determineMeasurableDisease, type MeasurableDisease } from './measurable-disease.ts';
import { NadirTracker } from './nadir.ts';
import { type ProgressionFinding, type ProgressionNadirs, progressionRule } from './progression.ts';
import {
  type CriteriaDefinition,
  type ResolvedCriteria,
  type ResponseCriteria,
  type ResponseOptions,
  type ResponseSettings,
  resolveCriteria,
  resolveResponseSettings,
} from './response-settings.ts';
import {
  evaluateTimepoint as importedEvaluateTimepoint,
  type TimepointEvaluation,
  type TimepointInput,
} from './timepoint-evaluation.ts';
import { ebmt1998Criteria } from './timepoint-response-ebmt1998.ts';
import { imwg2006Criteria } from './timepoint-response-imwg2006.ts';
import { imwg2013PclCriteria } from './timepoint-response-imwg2013-pcl.ts';
import { imwg2016Criteria } from './timepoint-response-imwg2016.ts';

// Imported bindings read once: where modules load as CommonJS (tsx, the benchmark) every read of an
// imported binding is a getter call, and these are read per assessment.
const evaluateTimepoint = importedEvaluateTimepoint;
const dayNumberOf = importedDayNumberOf;
const groupLabsByDate = importedGroupLabsByDate;

export const criteriaDefinitions: Readonly<Record<ResponseCriteria, CriteriaDefinition>> = {
  imwg2006: imwg2006Criteria,
  imwg2016: imwg2016Criteria,
  ebmt1998: ebmt1998Criteria,
  'imwg2013-pcl': imwg2013PclCriteria,
};

export interface ResponseInput {
  /** Canonical units, any order (laboratory.ts). */
  readonly labs: readonly LabMeasurement[];
  /** The first line is the index therapy (time origin); later lines are new therapy. */
  readonly therapyLines: readonly TherapyLine[];
  readonly deathDate?: CalendarDate | null;
}

/**
 * One assessment's response. `because` and `explanation.text` are rendered on first read (getters);
 * `JSON.stringify` includes them, an object spread (`{ ...timepoint }`) does not — read or serialise.
 */
export interface ResponseTimepoint {
  readonly date: CalendarDate;
  /** Time-point response; a PD that the next assessment did not confirm is NE here (§1.6 step 5). */
  readonly response: ResponseCategory;
  /** Confirmed at this level (SD counts as confirmed when SD needs no confirmation). */
  readonly confirmed: boolean;
  /** The level it counts as towards the best response (may be lower than `response`), or null. */
  readonly confirmedAs: ResponseCategory | null;
  /** The confirming assessment's (or death's) date. */
  readonly confirmedOn: CalendarDate | null;
  /** Why this response, in one line. */
  readonly because: string;
  readonly explanation: Explanation;
}

export interface ProgressionEvent {
  /** The first of the two confirming assessments (§1.6 step 8). */
  readonly date: CalendarDate;
  readonly confirmedOn: CalendarDate;
  /** The PD criteria met, in one line (rendered on first read). */
  readonly because: string;
  readonly findings: readonly ProgressionFinding[];
  readonly explanation: Explanation;
}

export interface ResponseAssessment {
  readonly criteria: ResponseCriteria;
  /** The rule of the criteria set used (id, version, source). */
  readonly criteriaRule: RuleDefinition;
  readonly settings: ResponseSettings;
  /** Start of the index therapy: the time origin. */
  readonly indexDate: CalendarDate;
  readonly baseline: BaselineValues;
  /** The compartments that drive response (measurable and used), with the reasons. */
  readonly measurable: readonly CompartmentCheck[];
  /** All four compartments as checked at baseline, measurable or not. */
  readonly compartments: readonly CompartmentCheck[];
  readonly timepoints: readonly ResponseTimepoint[];
  /** Null when there was no assessment after the index date (before new therapy). */
  readonly bestResponse: BestResponse | null;
  readonly progression: ProgressionEvent | null;
  /** Last assessment without PD before confirmed PD (PFS censoring, §8), or null. */
  readonly lastAdequateAssessmentDate: CalendarDate | null;
  /** First confirmed response ≥ PR (duration of response, time to response), or null. */
  readonly firstResponseDate: CalendarDate | null;
  /** Assessment dates after the start of the next line of therapy, excluded (§1.6 step 9). */
  readonly excludedAfterNewTherapy: number;
  readonly warnings: readonly string[];
}

/**
 * One derived time point. The reason text is rendered on first read (and by `toJSON`), because
 * turning numbers into text costs more than deriving them; the values are fixed at construction.
 */
class DerivedTimepoint implements ResponseTimepoint {
  readonly date: CalendarDate;
  readonly response: ResponseCategory;
  readonly confirmed: boolean;
  readonly confirmedAs: ResponseCategory | null;
  readonly confirmedOn: CalendarDate | null;
  readonly #evaluation: TimepointEvaluation;
  readonly #confirmation: TimepointConfirmation;
  readonly #rule: RuleDefinition;
  #explanation: Explanation | null = null;

  constructor(
    date: CalendarDate,
    detail: {
      readonly confirmation: TimepointConfirmation;
      readonly evaluation: TimepointEvaluation;
      readonly rule: RuleDefinition;
    },
  ) {
    const { confirmation } = detail;
    this.date = date;
    this.response = confirmation.response;
    this.confirmed = confirmation.confirmed;
    this.confirmedAs = confirmation.confirmedAs;
    this.confirmedOn = confirmation.confirmedOn;
    this.#evaluation = detail.evaluation;
    this.#confirmation = confirmation;
    this.#rule = detail.rule;
  }

  get because(): string {
    return this.#evaluation.because;
  }

  get explanation(): Explanation {
    this.#explanation ??= {
      ruleId: this.#rule.id,
      ruleVersion: this.#rule.version,
      checks: this.#evaluation.checks,
      text: `${this.response} on ${this.date}, ${describeConfirmation(this.#confirmation)} — ${this.because}.`,
    };
    return this.#explanation;
  }

  toJSON(): ResponseTimepoint {
    return {
      date: this.date,
      response: this.response,
      confirmed: this.confirmed,
      confirmedAs: this.confirmedAs,
      confirmedOn: this.confirmedOn,
      because: this.because,
      explanation: this.explanation,
    };
  }
}

/**
 * The confirmed progression event; its reason text is rendered on first read (and by `toJSON`). A
 * class, not an object literal with a getter: V8 gives every literal whose getter is a new closure a
 * new hidden class, and that long-lived class keeps the closure's whole patient alive through young
 * collections (measured: every progressing patient was promoted to the old generation).
 */
class DerivedProgression implements ProgressionEvent {
  readonly date: CalendarDate;
  readonly confirmedOn: CalendarDate;
  readonly findings: readonly ProgressionFinding[];
  readonly explanation: Explanation;
  readonly #evaluation: TimepointEvaluation;

  constructor(
    timepoint: DerivedTimepoint,
    detail: {
      readonly evaluation: TimepointEvaluation;
      readonly confirmation: TimepointConfirmation;
      readonly rule: RuleDefinition;
    },
  ) {
    const { evaluation, confirmation, rule } = detail;
    this.date = timepoint.date;
    this.confirmedOn = timepoint.confirmedOn ?? timepoint.date;
    this.findings = evaluation.progression;
    this.explanation = new DeferredExplanation(
      progressionRule,
      evaluation.checks,
      () => `PD on ${timepoint.date} (${rule.id}), ${describeConfirmation(confirmation)} — ${evaluation.because}.`,
    );
    this.#evaluation = evaluation;
  }

  get because(): string {
    return this.#evaluation.because;
  }

  toJSON(): ProgressionEvent {
    return {
      date: this.date,
      confirmedOn: this.confirmedOn,
      because: this.because,
      findings: this.findings,
      explanation: this.explanation,
    };
  }
}

function startNadir(tracker: NadirTracker, value: DatedValue | null): NadirTracker {
  if (value !== null) tracker.start(value.value, value.date);
  return tracker;
}

function createNadirs(
  criteria: ResolvedCriteria,
  baseline: BaselineValues,
  measurable: MeasurableDisease,
): ProgressionNadirs {
  const mode = criteria.nadir;
  const flc = baseline.freeLightChains;
  const flcTracker = new NadirTracker(mode);
  if (flc !== null && measurable.involvedLightChain !== null) flcTracker.start(flc.differenceMgPerDl, flc.date);
  return {
    serum: startNadir(new NadirTracker(mode), baseline.serumMProtein),
    urine: startNadir(new NadirTracker(mode), baseline.urineMProtein),
    flc: flcTracker,
    marrow: startNadir(new NadirTracker(mode), baseline.marrowPlasmaCells),
    blood: startNadir(new NadirTracker(mode), baseline.bloodPlasmaCells),
    circulatingPlasmaCells: startNadir(new NadirTracker(mode), baseline.bloodPlasmaCellsPerMicrolitre),
    plasmacytoma: startNadir(new NadirTracker(mode), baseline.plasmacytomaSpd),
  };
}

function updateNadirs(nadirs: ProgressionNadirs, values: AssessmentValues, measurable: MeasurableDisease): void {
  const { date } = values;
  if (!Number.isNaN(values.serumMProtein)) nadirs.serum.add(values.serumMProtein, date);
  if (!Number.isNaN(values.urineMProtein)) nadirs.urine.add(values.urineMProtein, date);
  if (measurable.involvedLightChain !== null && !Number.isNaN(values.flcKappa) && !Number.isNaN(values.flcLambda)) {
    nadirs.flc.add(freeLightChainDifference(measurable.involvedLightChain, values.flcKappa, values.flcLambda), date);
  }
  if (!Number.isNaN(values.marrowPlasmaCells)) nadirs.marrow.add(values.marrowPlasmaCells, date);
  if (!Number.isNaN(values.bloodPlasmaCells)) {
    nadirs.blood.add(values.bloodPlasmaCells, date);
    if (!Number.isNaN(values.whiteBloodCells)) {
      nadirs.circulatingPlasmaCells.add(
        bloodPlasmaCellsPerMicrolitre(values.whiteBloodCells, values.bloodPlasmaCells),
        date,
      );
    }
  }
  if (!Number.isNaN(values.plasmacytomaSpd)) nadirs.plasmacytoma.add(values.plasmacytomaSpd, date);
}

/**
 * For each assessment, the marrow (or imaging) result that counts there: the nearest post-baseline
 * result within ± `windowDays` (the earlier wins a tie), else the latest one before it (marrow and
 * imaging need not be repeated, §1.2); null when there is none. Both lists are ascending.
 */
function carryResults(
  results: readonly AssessmentValues[],
  read: (row: AssessmentValues) => number,
  at: { readonly assessments: readonly AssessmentValues[]; readonly windowDays: number },
): readonly (DatedValue | null)[] {
  const { assessments, windowDays } = at;
  // Nothing to carry (no marrow or imaging after baseline, the usual case): every read gives null.
  if (results.length === 0) return noCarriedResults;
  const carried = new Array<DatedValue | null>(assessments.length).fill(null);
  const dated = results.map((row): DatedValue => ({ value: read(row), date: row.date }));
  let latest = -1;
  for (let index = 0; index < assessments.length; index += 1) {
    const day = (assessments[index] as AssessmentValues).day;
    while (latest + 1 < results.length && (results[latest + 1] as AssessmentValues).day <= day) latest += 1;
    let chosen = latest;
    let distance = latest >= 0 ? day - (results[latest] as AssessmentValues).day : Number.POSITIVE_INFINITY;
    const after = latest + 1;
    if (after < results.length) {
      const afterDistance = (results[after] as AssessmentValues).day - day;
      if (afterDistance < distance && afterDistance <= windowDays) {
        chosen = after;
        distance = afterDistance;
      }
    }
    carried[index] = chosen >= 0 ? (dated[chosen] as DatedValue) : null;
  }
  return carried;
}

/** `carryResults` without results: reading any index gives `undefined`, taken as null. */
const noCarriedResults: readonly (DatedValue | null)[] = [];

type MutableTimepointInput = { -readonly [TKey in keyof TimepointInput]: TimepointInput[TKey] };

const readMarrow = (row: AssessmentValues): number => row.marrowPlasmaCells;
const readPlasmacytoma = (row: AssessmentValues): number => row.plasmacytomaSpd;

const defaultOptions: ResponseOptions = {};

/**
 * Options resolved once per options object (they are read-only), and reused for an equal options
 * object made per call (`{ ...shared, criteria }`): a cohort run resolves them once.
 */
const resolvedByOptions = new WeakMap<ResponseOptions, ResolvedCriteria>();
let lastResolved: { readonly options: ResponseOptions; readonly criteria: ResolvedCriteria } | null = null;

function haveSameEntries(left: ResponseOptions, right: ResponseOptions): boolean {
  const leftKeys = Object.keys(left) as (keyof ResponseOptions)[];
  if (leftKeys.length !== Object.keys(right).length) return false;
  for (const key of leftKeys) if (left[key] !== right[key]) return false;
  return true;
}

function resolveOptions(options: ResponseOptions): ResolvedCriteria {
  let resolved = resolvedByOptions.get(options);
  if (resolved !== undefined) return resolved;
  if (lastResolved !== null && haveSameEntries(lastResolved.options, options)) return lastResolved.criteria;
  const definition = criteriaDefinitions[options.criteria ?? 'imwg2006'];
  if (definition === undefined) throw new RangeError(`unknown response criteria "${String(options.criteria)}"`);
  resolved = resolveCriteria(definition, resolveResponseSettings(definition, options));
  resolvedByOptions.set(options, resolved);
  lastResolved = { options, criteria: resolved };
  return resolved;
}

function newTherapyStart(therapyLines: readonly TherapyLine[], indexDay: number): number | null {
  let earliest: number | null = null;
  for (let index = 1; index < therapyLines.length; index += 1) {
    const line = therapyLines[index] as TherapyLine;
    const day = dayNumberOf(line.startDate);
    if (day <= indexDay) {
      throw new RangeError(
        `therapy line ${index + 1} (${line.regimen}) starts on ${line.startDate}, not after the index therapy start`,
      );
    }
    if (earliest === null || day < earliest) earliest = day;
  }
  return earliest;
}

/** Derives the response assessment of one patient (see the module header and docs/rules/response.md). */
export function deriveResponse(input: ResponseInput, options: ResponseOptions = defaultOptions): ResponseAssessment {
  const criteria = resolveOptions(options);
  const { definition, settings } = criteria;
  const indexLine = input.therapyLines[0];
  if (indexLine === undefined) throw new RangeError('deriveResponse needs at least the index therapy line');
  const indexDate = indexLine.startDate;
  const indexDay = dayNumberOf(indexDate);
  const newTherapyDay = newTherapyStart(input.therapyLines, indexDay);
  const lastIncludedDay =
    newTherapyDay === null
      ? Number.POSITIVE_INFINITY
      : settings.sameDayAsNewTherapy === 'belong-to-prior-line'
        ? newTherapyDay
        : newTherapyDay - 1;
  const deathDate = input.deathDate ?? null;
  const death = deathDate === null ? null : { day: dayNumberOf(deathDate), date: deathDate };
  if (death !== null && death.day < indexDay) {
    throw new RangeError(`death date ${deathDate} is before the index therapy start ${indexDate}`);
  }

  const grouped = groupLabsByDate(input.labs, {
    firstDay: indexDay - settings.baselineWindowDays,
    bloodPlasmaCellsAreDiseaseMeasure:
      definition.plasmaCellLeukaemiaCompartments || definition.circulatingPlasmaCellProgression,
  });
  const warnings = grouped.warnings.slice();
  const rows = grouped.rows;
  let firstPost = 0;
  while (firstPost < rows.length && (rows[firstPost] as AssessmentValues).day <= indexDay) firstPost += 1;
  const baseline = selectBaselineValues(rows.slice(0, firstPost), settings.baselineWindowDays, indexDate);
  const measurable = determineMeasurableDisease(baseline, {
    flcMeasurableComparator: settings.flcMeasurableComparator,
    usesFreeLightChains: definition.usesFreeLightChains,
  });
  if (!measurable.serum && !measurable.urine && !measurable.flc && !measurable.marrow) {
    warnings.push('no measurable disease at baseline (§1.1): responses are not evaluable, only progression is judged');
  }

  const assessments: AssessmentValues[] = [];
  const marrowRows: AssessmentValues[] = [];
  const imagingRows: AssessmentValues[] = [];
  let excludedAfterNewTherapy = 0;
  let afterDeath = 0;
  for (let index = firstPost; index < rows.length; index += 1) {
    const row = rows[index] as AssessmentValues;
    if (!row.isDiseaseAssessment) continue;
    if (row.day > lastIncludedDay) {
      excludedAfterNewTherapy += 1;
      continue;
    }
    if (death !== null && row.day > death.day) {
      afterDeath += 1;
      continue;
    }
    assessments.push(row);
    if (!Number.isNaN(row.marrowPlasmaCells)) marrowRows.push(row);
    if (!Number.isNaN(row.plasmacytomaSpd)) imagingRows.push(row);
  }
  if (afterDeath > 0) warnings.push(`${afterDeath} assessment date(s) after the death date ${deathDate} are ignored`);

  const nadirs = createNadirs(criteria, baseline, measurable);
  const count = assessments.length;
  const evaluations: TimepointEvaluation[] = new Array<TimepointEvaluation>(count);
  const ranks: number[] = new Array<number>(count);
  const days: number[] = new Array<number>(count);
  const dates: CalendarDate[] = new Array<CalendarDate>(count);
  const isImagingProgression: boolean[] = new Array<boolean>(count);
  const carryAt = { assessments, windowDays: settings.marrowImagingWindowDays };
  const marrowAt = carryResults(marrowRows, readMarrow, carryAt);
  const plasmacytomaAt = carryResults(imagingRows, readPlasmacytoma, carryAt);
  // One input record, refilled per assessment (the engine does not keep it).
  const timepointInput: MutableTimepointInput = {
    values: assessments[0] as AssessmentValues,
    baseline,
    measurable,
    nadirs,
    marrow: null,
    plasmacytoma: null,
  };
  for (let index = 0; index < count; index += 1) {
    const values = assessments[index] as AssessmentValues;
    timepointInput.values = values;
    timepointInput.marrow = marrowAt[index] ?? null;
    timepointInput.plasmacytoma = plasmacytomaAt[index] ?? null;
    const evaluation = evaluateTimepoint(criteria, timepointInput);
    updateNadirs(nadirs, values, measurable);
    evaluations[index] = evaluation;
    ranks[index] = evaluation.rank;
    days[index] = values.day;
    dates[index] = values.date;
    isImagingProgression[index] = evaluation.isImagingProgression;
  }

  const confirmations = confirmTimepoints({ days, dates, ranks, isImagingProgression, death, newTherapyDay }, settings);
  const rule = definition.rule;
  const timepoints: DerivedTimepoint[] = new Array<DerivedTimepoint>(count);
  for (let index = 0; index < count; index += 1) {
    const confirmation = confirmations[index];
    if (confirmation === undefined) throw new RangeError('confirmation is missing a time point');
    timepoints[index] = new DerivedTimepoint(dates[index] as CalendarDate, {
      confirmation,
      evaluation: evaluations[index] as TimepointEvaluation,
      rule,
    });
  }

  const progressionIndex = findProgressionIndex(timepoints);
  let progression: ProgressionEvent | null = null;
  if (progressionIndex >= 0) {
    const timepoint = timepoints[progressionIndex] as DerivedTimepoint;
    const evaluation = evaluations[progressionIndex] as TimepointEvaluation;
    const confirmation = confirmations[progressionIndex] as TimepointConfirmation;
    progression = new DerivedProgression(timepoint, { evaluation, confirmation, rule });
  }

  return {
    criteria: definition.criteria,
    criteriaRule: rule,
    settings,
    indexDate,
    baseline,
    measurable: measurable.compartments.filter((compartment) => compartment.drivesResponse),
    compartments: measurable.compartments,
    timepoints,
    bestResponse: selectBestResponse(timepoints),
    progression,
    lastAdequateAssessmentDate: findLastAdequateAssessmentDate(timepoints),
    firstResponseDate: findFirstResponseDate(timepoints),
    excludedAfterNewTherapy,
    warnings,
  };
}
