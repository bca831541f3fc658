/**
 * One patient's endpoint dates checked for consistency and turned into day numbers once, so that
 * `deriveEndpoints` parses each date a single time (hot path: one call per patient). Inconsistent
 * dates (death before the index date, progression after death, …) are broken preconditions and throw
 * `RangeError`; the caller validates rows before building an `EndpointInput`.
 */
import { type CalendarDate, daysPerMonth, toDayNumber } from '../../domain/calendar-date.ts';
import type { Explanation, RuleDefinition, ThresholdCheck } from '../rule.ts';
import type { EndpointInput, EndpointResult, EndpointSettings, TimeOrigin } from './endpoint-types.ts';
import { deriveTimeOrigin } from './time-origin.ts';

export interface EndpointTimeline {
  readonly input: EndpointInput;
  readonly origin: TimeOrigin;
  readonly originDay: number;
  readonly indexDay: number;
  readonly progressionDay: number | null;
  readonly firstResponseDay: number | null;
  readonly deathDay: number | null;
  readonly nextTherapyDay: number | null;
  /** Post-baseline adequate assessments (after the index date), ascending, unique; `lastAdequateAssessmentDate` included. */
  readonly adequateDates: readonly CalendarDate[];
  /** The adequate assessment the ordinary censoring uses: `lastAdequateAssessmentDate`, else the latest adequate date. */
  readonly lastAdequateDay: number | null;
  readonly lastAdequateDate: CalendarDate | null;
  /** Latest date the patient is known alive: last contact or any later dated fact (alive patients). */
  readonly lastKnownAliveDay: number;
  readonly lastKnownAliveDate: CalendarDate;
}

export function prepareEndpointTimeline(input: EndpointInput, settings: EndpointSettings): EndpointTimeline {
  const origin = deriveTimeOrigin(input.indexDate, settings.timeOrigin);
  const indexDay = toDayNumber(input.indexDate);
  const originDay = origin.isImputed ? toDayNumber(origin.date) : indexDay;
  const progressionDay = dayOrNull(input.progressionDate);
  const firstResponseDay = dayOrNull(input.firstResponseDate);
  const deathDay = dayOrNull(input.deathDate);
  const nextTherapyDay = dayOrNull(input.nextTherapyStartDate);
  const lastContactDay = toDayNumber(input.lastContactDate);
  const givenLastAdequateDay = dayOrNull(input.lastAdequateAssessmentDate);

  notBefore('last contact date', input.lastContactDate, lastContactDay, input.indexDate, indexDay);
  notBefore('progression date', input.progressionDate, progressionDay, input.indexDate, indexDay);
  notBefore('first response date', input.firstResponseDate, firstResponseDay, input.indexDate, indexDay);
  notBefore('death date', input.deathDate, deathDay, input.indexDate, indexDay);
  notBefore('next therapy start date', input.nextTherapyStartDate, nextTherapyDay, input.indexDate, indexDay);
  notBefore('progression date', input.progressionDate, progressionDay, input.firstResponseDate, firstResponseDay);
  if (firstResponseDay !== null && nextTherapyDay !== null && firstResponseDay > nextTherapyDay) {
    throw new RangeError(
      `first response date ${input.firstResponseDate ?? ''} is after the next therapy start ${input.nextTherapyStartDate ?? ''}: a response to a later line is not a response to this one`,
    );
  }
  if (deathDay !== null) {
    notAfterDeath('last contact date', input.lastContactDate, lastContactDay, input, deathDay);
    notAfterDeath('progression date', input.progressionDate, progressionDay, input, deathDay);
    notAfterDeath('first response date', input.firstResponseDate, firstResponseDay, input, deathDay);
    notAfterDeath('next therapy start date', input.nextTherapyStartDate, nextTherapyDay, input, deathDay);
    notAfterDeath(
      'last adequate assessment date',
      input.lastAdequateAssessmentDate,
      givenLastAdequateDay,
      input,
      deathDay,
    );
  }

  // Adequate post-baseline assessments as ISO strings (which sort chronologically): only the dates an
  // endpoint ends on are turned into day numbers, so a patient's 24 assessments are never parsed.
  let dates = input.assessmentDates;
  let isSorted = true;
  for (let index = 1; index < dates.length && isSorted; index += 1) {
    isSorted = (dates[index - 1] ?? '') <= (dates[index] ?? '');
  }
  if (!isSorted) dates = [...dates].sort();
  const adequateDates: CalendarDate[] = [];
  const lastAdequate =
    givenLastAdequateDay !== null && givenLastAdequateDay > indexDay ? input.lastAdequateAssessmentDate : null;
  let pendingLastAdequate = lastAdequate;
  for (const date of dates) {
    if (date <= input.indexDate || date === adequateDates[adequateDates.length - 1]) continue;
    if (pendingLastAdequate !== null && pendingLastAdequate <= date) {
      if (pendingLastAdequate < date) adequateDates.push(pendingLastAdequate);
      pendingLastAdequate = null;
    }
    adequateDates.push(date);
  }
  if (pendingLastAdequate !== null) adequateDates.push(pendingLastAdequate);
  const latestAdequate = adequateDates[adequateDates.length - 1] ?? null;
  if (input.deathDate !== null && latestAdequate !== null && latestAdequate > input.deathDate) {
    throw new RangeError(`assessment date ${latestAdequate} is after the death date ${input.deathDate}`);
  }
  const lastAdequateDate = lastAdequate ?? latestAdequate;
  const lastAdequateDay =
    lastAdequateDate === null ? null : lastAdequate !== null ? givenLastAdequateDay : toDayNumber(lastAdequateDate);

  let lastKnownAliveDate = input.lastContactDate;
  if (input.deathDate === null) {
    for (const date of [input.progressionDate, input.firstResponseDate, input.nextTherapyStartDate, latestAdequate]) {
      if (date !== null && date > lastKnownAliveDate) lastKnownAliveDate = date;
    }
  }
  const lastKnownAliveDay =
    lastKnownAliveDate === input.lastContactDate ? lastContactDay : toDayNumber(lastKnownAliveDate);
  return {
    input,
    origin,
    originDay,
    indexDay,
    progressionDay,
    firstResponseDay,
    deathDay,
    nextTherapyDay,
    adequateDates,
    lastAdequateDay,
    lastAdequateDate,
    lastKnownAliveDay,
    lastKnownAliveDate,
  };
}

function dayOrNull(date: CalendarDate | null): number | null {
  return date === null ? null : toDayNumber(date);
}

function notBefore(
  name: string,
  date: CalendarDate | null,
  day: number | null,
  referenceDate: CalendarDate | null,
  referenceDay: number | null,
): void {
  if (day !== null && referenceDay !== null && day < referenceDay) {
    throw new RangeError(`${name} ${date ?? ''} is before ${referenceDate ?? ''}`);
  }
}

function notAfterDeath(
  name: string,
  date: CalendarDate | null,
  day: number | null,
  input: EndpointInput,
  deathDay: number,
): void {
  if (day !== null && day > deathDay) {
    throw new RangeError(`${name} ${date ?? ''} is after the death date ${input.deathDate ?? ''}`);
  }
}

/** Index of the last adequate assessment on or before `date` (before it when `isStrict`), −1 when none. */
export function lastAdequateIndexBefore(timeline: EndpointTimeline, date: CalendarDate, isStrict: boolean): number {
  const dates = timeline.adequateDates;
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = dates[middle] ?? '';
    if (isStrict ? value < date : value <= date) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** What an endpoint decided, before it becomes an `EndpointResult`. */
export interface EndpointOutcome<TReason extends { readonly kind: string }> {
  readonly event: boolean;
  readonly day: number;
  readonly date: CalendarDate;
  readonly reason: TReason;
  readonly checks: readonly ThresholdCheck[];
  readonly text: string;
  /** Censoring rules applied besides the endpoint's own rule. */
  readonly rules: readonly RuleDefinition[];
}

export interface EndpointStart {
  readonly day: number;
  readonly date: CalendarDate;
  /** e.g. "time origin 2006-01-17 (first bortezomib dose, §0)". */
  readonly text: string;
}

/** Turns an outcome into the result every endpoint returns; months = days / 30.4375 (§8 [IMPL]). */
export function buildEndpointResult<TReason extends { readonly kind: string }>(
  rule: RuleDefinition,
  label: string,
  start: EndpointStart,
  outcome: EndpointOutcome<TReason>,
): EndpointResult<TReason> {
  const days = outcome.day - start.day;
  return {
    event: outcome.event,
    date: outcome.date,
    days,
    months: days / daysPerMonth,
    startDate: start.date,
    reason: outcome.reason,
    explanation: new EndpointExplanation(rule, { label, start, outcome }),
  };
}

/**
 * An endpoint's explanation, its text written on first read: a cohort run derives six endpoints per
 * patient, and formatting their days and months as text costs more than deriving them, while few are
 * read. `toJSON` writes the text; a spread (`{ ...explanation }`) copies only the rule, version and
 * checks — read `text` or serialise.
 */
class EndpointExplanation implements Explanation {
  readonly ruleId: string;
  readonly ruleVersion: string;
  readonly checks: readonly ThresholdCheck[];
  readonly #label: string;
  readonly #start: EndpointStart;
  readonly #outcome: EndpointOutcome<{ readonly kind: string }>;
  #text: string | null = null;

  constructor(
    rule: RuleDefinition,
    detail: {
      readonly label: string;
      readonly start: EndpointStart;
      readonly outcome: EndpointOutcome<{ readonly kind: string }>;
    },
  ) {
    this.ruleId = rule.id;
    this.ruleVersion = rule.version;
    this.checks = detail.outcome.checks;
    this.#label = detail.label;
    this.#start = detail.start;
    this.#outcome = detail.outcome;
  }

  get text(): string {
    if (this.#text === null) {
      const outcome = this.#outcome;
      const start = this.#start;
      const days = outcome.day - start.day;
      const months = days / daysPerMonth;
      const applied = outcome.rules.length === 0 ? '' : ` [${outcome.rules.map((applied) => applied.id).join(', ')}]`;
      this.#text = `${this.#label} ${outcome.event ? 'event' : 'censored'} on ${outcome.date}, ${days} days = ${months.toFixed(2)} months from ${start.text}: ${outcome.text}${applied}.`;
    }
    return this.#text;
  }

  toJSON(): Explanation {
    return { ruleId: this.ruleId, ruleVersion: this.ruleVersion, checks: this.checks, text: this.text };
  }
}

export function originStart(timeline: EndpointTimeline): EndpointStart {
  return { day: timeline.originDay, date: timeline.origin.date, text: timeline.origin.text };
}
