/**
 * The reference value of progression (clinical-spec.md §1.4, §2): IMWG 2006 measures PD from the
 * lowest response value seen so far, baseline included ("running minimum", §1.4 [U]/[IMPL]); IMWG 2016
 * from the lowest confirmed value [V]. "Confirmed" is read here [IMPL] as a level held on two
 * consecutive measurements of the parameter: each consecutive pair confirms the larger of its two
 * values, and the nadir is the lowest such confirmed level (baseline counts as confirmed), so a single
 * low outlier cannot lower the bar for progression. The tracker sees only values before the
 * assessment being judged (the caller updates it after judging). EBMT 1998 and IMWG 2013 PCL use the
 * running minimum.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { RuleDefinition } from '../rule.ts';

export const nadirRule: RuleDefinition = {
  id: 'response-nadir',
  version: '1',
  title: 'Nadir for progression: running minimum incl. baseline (2006) or lowest confirmed value (2016)',
  specSection: '§1.4',
  source:
    'Durie BGM, et al. Leukemia 2006;20:1467–73 (lowest response value); Kumar S, et al. Lancet Oncol 2016;17:e328–46 (lowest confirmed value); pairwise confirmation is an implementation choice',
  evidence: 'IMPL',
};

export type NadirMode = 'running-minimum' | 'lowest-confirmed';

/** Tracks one parameter's nadir over an ascending series of measurements. */
export class NadirTracker {
  /** The current nadir; NaN until one is known. */
  value = Number.NaN;
  date: CalendarDate | null = null;
  private previous = Number.NaN;
  private previousDate: CalendarDate | null = null;
  private readonly mode: NadirMode;

  constructor(mode: NadirMode) {
    this.mode = mode;
  }

  /** Starts the series with the baseline value (which counts as confirmed). */
  start(value: number, date: CalendarDate): void {
    this.value = value;
    this.date = date;
    this.previous = value;
    this.previousDate = date;
  }

  /** Adds a measurement; call after progression at its date has been judged. */
  add(value: number, date: CalendarDate): void {
    if (this.mode === 'running-minimum') {
      if (Number.isNaN(this.value) || value < this.value) {
        this.value = value;
        this.date = date;
      }
      return;
    }
    if (!Number.isNaN(this.previous)) {
      const isPreviousHigher = this.previous >= value;
      const confirmed = isPreviousHigher ? this.previous : value;
      if (Number.isNaN(this.value) || confirmed < this.value) {
        this.value = confirmed;
        this.date = isPreviousHigher ? this.previousDate : date;
      }
    }
    this.previous = value;
    this.previousDate = date;
  }
}
