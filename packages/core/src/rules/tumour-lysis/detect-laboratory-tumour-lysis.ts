/**
 * Laboratory tumour lysis syndrome (clinical-spec.md §7.1). Cairo–Bishop 2004 [V]: two or more of
 * uric acid ≥ 8.0 mg/dL, potassium ≥ 6.0 mmol/L, phosphate ≥ 4.5 mg/dL (children 6.5), calcium
 * ≤ 7.0 mg/dL — or a 25 % rise (fall for calcium) from baseline — from 3 days before to 7 days after
 * the start of therapy, not necessarily on the same day. Howard 2011 [P] (setting `criteria`): the
 * absolute thresholds only, no 25 % rule, two abnormalities within the same 24 h (setting
 * `howardSimultaneityDays`); its comparators differ between reproductions (setting
 * `howardComparators`) and its ionised-calcium cut-off is inconsistent in print, so ionised calcium is
 * not used. Thresholds are compared in mg/dL and mmol/L as canonical units; 1.45 mmol/L phosphate and
 * 476 µmol/L uric acid are the same cut-offs in other units. Window edges are inclusive (day −3, day +7).
 * It does not judge whether an abnormality is attributable to lysis.
 */
import { addDays as addDaysToDate, type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import type { Explanation, RuleDefinition, ThresholdCheck } from '../rule.ts';
import { thresholdRelativeTolerance } from '../toxicity/grade-lab-adverse-event.ts';
import {
  findBaseline,
  indexTumourLysisMeasurements,
  type TumourLysisInput,
  type TumourLysisSample,
  type TumourLysisSeries,
} from './tumour-lysis-input.ts';
import {
  checkTumourLysisSettings,
  defaultTumourLysisSettings,
  type TumourLysisCriteria,
  type TumourLysisSettings,
} from './tumour-lysis-settings.ts';

export const cairoBishopLaboratoryTlsRule: RuleDefinition = {
  id: 'tls-cairo-bishop-2004-laboratory',
  version: '2004',
  title: 'Laboratory tumour lysis syndrome, Cairo–Bishop 2004 (≥ 2 abnormalities, absolute or 25 % change)',
  specSection: '§7.1',
  source: 'Cairo MS, Bishop M. Br J Haematol 2004;127:3–11',
  evidence: 'V',
};

export const howardLaboratoryTlsRule: RuleDefinition = {
  id: 'tls-howard-2011-laboratory',
  version: '2011',
  title: 'Laboratory tumour lysis syndrome, Howard 2011 (≥ 2 abnormalities within 24 h, no change rule)',
  specSection: '§7.1',
  source: 'Howard SC, Jones DP, Pui C-H. N Engl J Med 2011;364:1844–54 (as reproduced at bloodref.com)',
  evidence: 'P',
};

export type TumourLysisAnalyte = 'uric_acid' | 'potassium' | 'phosphate' | 'calcium';

export const tumourLysisAnalytes: readonly TumourLysisAnalyte[] = ['uric_acid', 'potassium', 'phosphate', 'calcium'];

const analyteNames: Readonly<Record<TumourLysisAnalyte, string>> = {
  uric_acid: 'uric acid',
  potassium: 'potassium',
  phosphate: 'phosphate',
  calcium: 'calcium',
};

const analyteUnits: Readonly<Record<TumourLysisAnalyte, string>> = {
  uric_acid: 'mg/dL',
  potassium: 'mmol/L',
  phosphate: 'mg/dL',
  calcium: 'mg/dL',
};

export interface TumourLysisAbnormality {
  readonly analyte: TumourLysisAnalyte;
  readonly date: CalendarDate;
  readonly value: number;
  readonly unit: string;
  /** Which criterion made the value abnormal (the absolute one is checked first). */
  readonly basis: 'absolute' | 'change-from-baseline';
  /** The cut-off met: the absolute threshold, or 1.25 × / 0.75 × baseline. */
  readonly threshold: number;
  readonly baseline: { readonly date: CalendarDate; readonly value: number } | null;
  /** Signed % change from baseline; null without a baseline. */
  readonly changePercent: number | null;
}

export interface LaboratoryTumourLysis {
  readonly criteria: TumourLysisCriteria;
  readonly isPresent: boolean;
  /** The date the second abnormality was reached (Howard: of the simultaneous pair); null if absent. */
  readonly date: CalendarDate | null;
  /** Cairo–Bishop: the first abnormal value of each analyte. Howard: the simultaneous set when present. */
  readonly abnormalities: readonly TumourLysisAbnormality[];
  readonly window: { readonly from: CalendarDate; readonly to: CalendarDate };
  readonly explanation: Explanation;
}

interface SeriesContext {
  readonly series: TumourLysisSeries;
  readonly settings: TumourLysisSettings;
}

interface AnalyteRule {
  readonly direction: 'high' | 'low';
  readonly threshold: number;
}

function analyteRule(analyte: TumourLysisAnalyte, settings: TumourLysisSettings): AnalyteRule {
  switch (analyte) {
    case 'uric_acid':
      return { direction: 'high', threshold: 8.0 };
    case 'potassium':
      return { direction: 'high', threshold: 6.0 };
    case 'phosphate':
      return { direction: 'high', threshold: settings.population === 'adult' ? 4.5 : 6.5 };
    case 'calcium':
      return { direction: 'low', threshold: 7.0 };
  }
}

/** value ≥ threshold (high) or ≤ threshold (low), or strictly when `strict`, within the shared tolerance. */
function meets(value: number, cutOff: AnalyteRule, strict: boolean): boolean {
  const { threshold, direction } = cutOff;
  const margin = thresholdRelativeTolerance * Math.abs(threshold);
  if (direction === 'high') return strict ? value > threshold + margin : value >= threshold - margin;
  return strict ? value < threshold - margin : value <= threshold + margin;
}

/** Detects laboratory TLS in the window around the start of therapy. */
export function detectLaboratoryTumourLysis(
  input: TumourLysisInput,
  settings: TumourLysisSettings = defaultTumourLysisSettings,
): LaboratoryTumourLysis {
  checkTumourLysisSettings(settings);
  return detectLaboratoryTumourLysisInSeries(indexTumourLysisMeasurements(input, settings), input, settings);
}

/** As detectLaboratoryTumourLysis, on series already indexed (assessTumourLysis indexes once). */
export function detectLaboratoryTumourLysisInSeries(
  series: TumourLysisSeries,
  input: TumourLysisInput,
  settings: TumourLysisSettings,
): LaboratoryTumourLysis {
  const rule = settings.criteria === 'cairo-bishop-2004' ? cairoBishopLaboratoryTlsRule : howardLaboratoryTlsRule;
  const from = -settings.daysBeforeTherapy;
  const to = settings.daysAfterTherapy;
  const window = {
    from: addDaysToDate(input.therapyStartDate, from),
    to: addDaysToDate(input.therapyStartDate, to),
  };
  const checks: ThresholdCheck[] = [];
  const notes: string[] = [...series.notes];
  const firstPerAnalyte: TumourLysisAbnormality[] = [];
  const allAbnormal: TumourLysisAbnormality[] = [];

  for (const analyte of tumourLysisAnalytes) {
    const samples = (series.byTest.get(analyte) ?? []).filter((s) => s.day >= from && s.day <= to);
    if (samples.length === 0) {
      notes.push(`no ${analyteNames[analyte]} value in the window`);
      continue;
    }
    const found =
      settings.criteria === 'cairo-bishop-2004'
        ? abnormalCairoBishop(analyte, samples, { series, settings })
        : abnormalHoward(analyte, samples, settings);
    if (found.length === 0) {
      checks.push(...missedChecks(analyte, samples, { series, settings }));
    } else {
      firstPerAnalyte.push(found[0] as TumourLysisAbnormality);
      allAbnormal.push(...found);
    }
  }

  let isPresent = false;
  let date: CalendarDate | null = null;
  let reported: readonly TumourLysisAbnormality[] = firstPerAnalyte;
  if (settings.criteria === 'cairo-bishop-2004') {
    const byDate = [...firstPerAnalyte].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (byDate.length >= 2) {
      isPresent = true;
      date = (byDate[1] as TumourLysisAbnormality).date;
    }
  } else {
    const pair = findSimultaneous(allAbnormal, series.startDay, settings.howardSimultaneityDays);
    if (pair !== null) {
      isPresent = true;
      date = pair.date;
      reported = pair.abnormalities;
    } else if (firstPerAnalyte.length >= 2) {
      notes.push(
        `abnormal ${firstPerAnalyte.map((a) => analyteNames[a.analyte]).join(', ')} but never two within ${settings.howardSimultaneityDays === 0 ? 'the same date' : `${settings.howardSimultaneityDays} day(s)`} (Howard 2011: within the same 24 h)`,
      );
    }
  }
  checks.unshift(...reported.map(abnormalityCheck));

  const label = settings.criteria === 'cairo-bishop-2004' ? 'Cairo–Bishop 2004' : 'Howard 2011';
  const found = reported.map(describeAbnormality).join('; ');
  const verdict = isPresent
    ? `present on ${date} (${found})`
    : reported.length === 0
      ? 'absent (no abnormality)'
      : `absent (${reported.length} analyte abnormal: ${found})`;
  const text = `Laboratory TLS (${label}, window ${window.from} to ${window.to}): ${verdict}${notes.length === 0 ? '' : `; ${notes.join('; ')}`}.`;
  return {
    criteria: settings.criteria,
    isPresent,
    date,
    abnormalities: reported,
    window,
    explanation: { ruleId: rule.id, ruleVersion: rule.version, checks, text },
  };
}

function abnormalCairoBishop(
  analyte: TumourLysisAnalyte,
  samples: readonly TumourLysisSample[],
  context: SeriesContext,
): TumourLysisAbnormality[] {
  const { series, settings } = context;
  const { direction, threshold } = analyteRule(analyte, settings);
  const baseline = findBaseline(series.byTest.get(analyte), settings.baselineLookbackDays);
  for (const sample of samples) {
    const change = baseline === null ? null : percentChange(sample.value, baseline.value);
    if (meets(sample.value, { threshold, direction }, false)) {
      return [abnormality({ analyte, sample, basis: 'absolute', threshold, baseline, changePercent: change })];
    }
    // Only values dated after the baseline can show a change from it.
    if (baseline !== null && sample.day > baseline.day) {
      const changeThreshold = baseline.value * (direction === 'high' ? 1.25 : 0.75);
      if (meets(sample.value, { threshold: changeThreshold, direction }, false)) {
        return [
          abnormality({
            analyte,
            sample,
            basis: 'change-from-baseline',
            threshold: changeThreshold,
            baseline,
            changePercent: change,
          }),
        ];
      }
    }
  }
  return [];
}

function abnormalHoward(
  analyte: TumourLysisAnalyte,
  samples: readonly TumourLysisSample[],
  settings: TumourLysisSettings,
): TumourLysisAbnormality[] {
  const cutOff = analyteRule(analyte, settings);
  const strict = settings.howardComparators === 'strict';
  return samples
    .filter((sample) => meets(sample.value, cutOff, strict))
    .map((sample) =>
      abnormality({
        analyte,
        sample,
        basis: 'absolute',
        threshold: cutOff.threshold,
        baseline: null,
        changePercent: null,
      }),
    );
}

/** The earliest span of `days` days holding abnormalities of two different analytes (Howard). */
function findSimultaneous(
  abnormalities: readonly TumourLysisAbnormality[],
  startDay: number,
  days: number,
): { readonly date: CalendarDate; readonly abnormalities: readonly TumourLysisAbnormality[] } | null {
  const withDay = abnormalities.map((a) => ({ a, day: toDayNumber(a.date) - startDay })).sort((x, y) => x.day - y.day);
  for (const anchor of withDay) {
    const inSpan = new Map<TumourLysisAnalyte, { a: TumourLysisAbnormality; day: number }>();
    for (const candidate of withDay) {
      if (candidate.day < anchor.day || candidate.day > anchor.day + days) continue;
      if (!inSpan.has(candidate.a.analyte)) inSpan.set(candidate.a.analyte, candidate);
    }
    if (inSpan.size >= 2) {
      const members = [...inSpan.values()].sort((x, y) => x.day - y.day);
      return { date: (members[1] as { a: TumourLysisAbnormality }).a.date, abnormalities: members.map((m) => m.a) };
    }
  }
  return null;
}

function percentChange(value: number, baseline: number): number | null {
  return baseline > 0 ? ((value - baseline) / baseline) * 100 : null;
}

function abnormality(found: {
  readonly analyte: TumourLysisAnalyte;
  readonly sample: TumourLysisSample;
  readonly basis: TumourLysisAbnormality['basis'];
  readonly threshold: number;
  readonly baseline: TumourLysisSample | null;
  readonly changePercent: number | null;
}): TumourLysisAbnormality {
  const { analyte, sample, basis, threshold, baseline, changePercent } = found;
  return {
    analyte,
    date: sample.date,
    value: sample.value,
    unit: analyteUnits[analyte],
    basis,
    threshold,
    baseline: baseline === null ? null : { date: baseline.date, value: baseline.value },
    changePercent,
  };
}

function abnormalityCheck(a: TumourLysisAbnormality): ThresholdCheck {
  const high = a.analyte !== 'calcium';
  return {
    quantity: a.basis === 'absolute' ? analyteNames[a.analyte] : `${analyteNames[a.analyte]} vs baseline`,
    value: a.value,
    unit: a.unit,
    comparator: high ? '>=' : '<=',
    threshold: a.threshold,
    isMet: true,
  };
}

/** For an analyte with no abnormality: its most extreme value against the cut-offs, all missed. */
function missedChecks(
  analyte: TumourLysisAnalyte,
  samples: readonly TumourLysisSample[],
  context: SeriesContext,
): ThresholdCheck[] {
  const { series, settings } = context;
  const { direction, threshold } = analyteRule(analyte, settings);
  const values = samples.map((s) => s.value);
  const extreme = direction === 'high' ? Math.max(...values) : Math.min(...values);
  const strict = settings.criteria === 'howard-2011' && settings.howardComparators === 'strict';
  const comparator = direction === 'high' ? (strict ? '>' : '>=') : strict ? '<' : '<=';
  const checks: ThresholdCheck[] = [
    {
      quantity: analyteNames[analyte],
      value: extreme,
      unit: analyteUnits[analyte],
      comparator,
      threshold,
      isMet: false,
    },
  ];
  if (settings.criteria === 'cairo-bishop-2004') {
    const baseline = findBaseline(series.byTest.get(analyte), settings.baselineLookbackDays);
    if (baseline !== null) {
      checks.push({
        quantity: `${analyteNames[analyte]} vs baseline`,
        value: extreme,
        unit: analyteUnits[analyte],
        comparator,
        threshold: baseline.value * (direction === 'high' ? 1.25 : 0.75),
        isMet: false,
      });
    }
  }
  return checks;
}

function describeAbnormality(a: TumourLysisAbnormality): string {
  const value = `${analyteNames[a.analyte]} ${format(a.value)} ${a.unit} on ${a.date}`;
  if (a.basis === 'absolute') return `${value} ${a.analyte === 'calcium' ? '≤' : '≥'} ${format(a.threshold)}`;
  const baseline = a.baseline as { readonly date: CalendarDate; readonly value: number };
  const change =
    a.changePercent === null ? '' : `, ${a.changePercent >= 0 ? '+' : '−'}${format(Math.abs(a.changePercent))} %`;
  return `${value} vs baseline ${format(baseline.value)} on ${baseline.date}${change} (25 % ${a.analyte === 'calcium' ? 'fall' : 'rise'})`;
}

function format(value: number): string {
  return String(Math.round(value * 100) / 100);
}
