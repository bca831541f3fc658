/**
 * The reasons behind a time-point response, kept as small records while deriving and turned into
 * readable text only when someone reads it (number-to-text conversion costs more than the whole
 * derivation, clinical-spec.md §1.6 and the ≥ 10⁶ assessments/s target). Rendering is deterministic:
 * the same reasons always give the same text, e.g. "serum M-protein 3.4 → 1.7 g/dL (−50%): PR level
 * (reduction ≥ 50%; VGPR needs ≥ 90%)". Deciding belongs to timepoint-evaluation.ts, not here.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ResponseCategory } from '../../domain/response-category.ts';
import type { ProgressionFinding } from './progression.ts';
import { comparatorSign, formatNumber, formatSignedPercent } from './response-format.ts';
import type { Grade } from './response-settings.ts';

export type { Grade } from './response-settings.ts';

/** A change from baseline: "urine M-protein 800 → 150 mg/24h (−81.3%): PR level (< 200 mg/24h)". */
export interface ChangeReason {
  readonly kind: 'change';
  readonly name: string;
  readonly unit: string;
  readonly reference: number;
  readonly value: number;
  /** Signed % change from the reference (negative = reduction). */
  readonly percent: number;
  /** Date of a carried marrow or imaging result, else null (the assessment date). */
  readonly date: CalendarDate | null;
  /** Either the grades met and missed … */
  readonly category: ResponseCategory | null;
  readonly met: Grade | null;
  readonly next: Grade | null;
  /** … or a fixed note. */
  readonly note: string | null;
}

/** A single value against a fixed level: "blood plasma cells 3%: PR level (1–5%; …)". */
export interface LevelReason {
  readonly kind: 'level';
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly date: CalendarDate | null;
  readonly note: string;
}

export interface CompleteResponseReason {
  readonly kind: 'complete';
  readonly isMet: boolean;
  readonly items: readonly (string | LevelReason)[];
}

export interface NoteReason {
  readonly kind: 'note';
  readonly text: string;
}

export interface MissingReason {
  readonly kind: 'missing';
  readonly items: readonly string[];
}

export interface ProgressionReason {
  readonly kind: 'progression';
  readonly findings: readonly ProgressionFinding[];
}

export type TimepointReason =
  | ChangeReason
  | LevelReason
  | CompleteResponseReason
  | NoteReason
  | MissingReason
  | ProgressionReason;

function renderLevel(reason: LevelReason): string {
  const on = reason.date === null ? '' : ` on ${reason.date}`;
  const unit = reason.unit === '%' ? '%' : ` ${reason.unit}`;
  const note = reason.note === '' ? '' : `: ${reason.note}`;
  return `${reason.name} ${formatNumber(reason.value)}${unit}${on}${note}`;
}

function renderChange(reason: ChangeReason): string {
  const unit = reason.unit === '%' ? '%' : ` ${reason.unit}`;
  const on = reason.date === null ? '' : ` on ${reason.date}`;
  const head = `${reason.name} ${formatNumber(reason.reference)} → ${formatNumber(reason.value)}${unit} (${formatSignedPercent(reason.percent)})${on}`;
  if (reason.note !== null) return `${head}: ${reason.note}`;
  const clauses: string[] = [];
  if (reason.met !== null) clauses.push(`reduction ${comparatorSign(reason.met.comparator)} ${reason.met.percent}%`);
  if (reason.next !== null) {
    clauses.push(`${reason.next.category} needs ${comparatorSign(reason.next.comparator)} ${reason.next.percent}%`);
  }
  return `${head}: ${reason.category ?? 'SD'} level (${clauses.join('; ')})`;
}

export function renderReason(reason: TimepointReason): string {
  switch (reason.kind) {
    case 'change':
      return renderChange(reason);
    case 'level':
      return renderLevel(reason);
    case 'complete':
      return `${reason.isMet ? 'CR' : 'CR not met'}: ${reason.items.map((item) => (typeof item === 'string' ? item : renderLevel(item))).join(', ')}`;
    case 'note':
      return reason.text;
    case 'missing':
      return `not measured: ${reason.items.join(', ')}, so the levels that need them are not met`;
    case 'progression':
      return reason.findings.map((finding) => finding.text).join('; ');
    default: {
      const unexpected: never = reason;
      throw new RangeError(`unknown reason ${String(unexpected)}`);
    }
  }
}

/** All reasons of one time point in one line, separated by "; ". */
export function renderReasons(reasons: readonly TimepointReason[]): string {
  let text = '';
  for (let index = 0; index < reasons.length; index += 1) {
    text += (index === 0 ? '' : '; ') + renderReason(reasons[index] as TimepointReason);
  }
  return text;
}
