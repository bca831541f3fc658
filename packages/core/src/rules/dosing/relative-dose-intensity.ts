/**
 * Relative dose intensity of a bortezomib course, clinical-spec.md §6.5: dose intensity (DI) = dose
 * per m² per week; RDI = delivered DI ÷ planned DI (standard: 4 × 1.3 = 5.2 mg/m² per 21 days =
 * 1.733 mg/m²/week) [V concept]. Published methods differ [P], so every convention is an [IMPL]
 * setting, with the spec's defaults:
 * - planned course (`plannedCycleCount`): the cycles started (default) or a fixed number;
 * - duration (`duration`): C1D1 → end of the last started cycle (last start + cycle length, default)
 *   or C1D1 → last dose, with the planned duration measured the same way ((n − 1) × cycle length +
 *   last planned dose day − 1) so that a course given exactly as planned has RDI 1;
 * - withheld doses (`withheldDoses`): count as planned and missed (default), or drop from the plan;
 *   delays always lengthen the actual duration;
 * - BSA (`bodySurfaceAreaBasis`): mg ÷ BSA recomputed per cycle when weights are given (default) or
 *   at baseline; doses without a recorded mg, or courses without measurements, use the recorded mg/m².
 * RDI and the relative total dose (delivered ÷ planned, ignoring time) are fractions (1 = 100 %).
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import type { Explanation, RuleDefinition } from '../rule.ts';
import {
  type BodySurfaceAreaSettings,
  defaultBodySurfaceAreaSettings,
  deriveBodySurfaceArea,
} from './body-surface-area.ts';
import {
  type BortezomibAdministration,
  type BortezomibCycle,
  type BortezomibSchedule,
  type DoseDayWindow,
  defaultDoseDayWindow,
  groupBortezomibCycles,
  twiceWeeklyBortezomibSchedule,
} from './bortezomib-cycles.ts';
import { explainDosing, formatDoseNumber } from './dosing-explanation.ts';

export const relativeDoseIntensityRule: RuleDefinition = {
  id: 'bortezomib-relative-dose-intensity',
  version: '1',
  title: 'Bortezomib relative dose intensity: delivered ÷ planned mg/m² per week, conventions stated',
  specSection: '§6.5',
  source: 'Hryniuk & Bush dose-intensity concept; conventions clinical-spec.md §6.5 [IMPL]',
  evidence: 'IMPL',
};

export interface DatedBodyMeasurement {
  readonly date: CalendarDate;
  readonly heightCm: number;
  readonly weightKg: number;
}

export interface RelativeDoseIntensitySettings {
  readonly schedule: BortezomibSchedule;
  /** Planned dose level, mg/m²; default 1.3. */
  readonly plannedDoseMgPerM2: number;
  /** Planned number of cycles, or null for the cycles started (default). */
  readonly plannedCycleCount: number | null;
  readonly duration: 'to-end-of-last-started-cycle' | 'to-last-dose';
  readonly withheldDoses: 'count-as-planned' | 'exclude-from-plan';
  readonly bodySurfaceAreaBasis: 'per-cycle' | 'baseline';
  readonly bodySurfaceArea: BodySurfaceAreaSettings;
  /** Used only to infer cycles when no cycle start dates are recorded. */
  readonly doseDayWindow: DoseDayWindow;
}

export const defaultRelativeDoseIntensitySettings: RelativeDoseIntensitySettings = {
  schedule: twiceWeeklyBortezomibSchedule,
  plannedDoseMgPerM2: 1.3,
  plannedCycleCount: null,
  duration: 'to-end-of-last-started-cycle',
  withheldDoses: 'count-as-planned',
  bodySurfaceAreaBasis: 'per-cycle',
  bodySurfaceArea: defaultBodySurfaceAreaSettings,
  doseDayWindow: defaultDoseDayWindow,
};

export interface RelativeDoseIntensityInput {
  readonly administrations: readonly BortezomibAdministration[];
  readonly cycleStartDates?: readonly CalendarDate[];
  readonly bodyMeasurements?: readonly DatedBodyMeasurement[];
}

export interface RelativeDoseIntensity {
  readonly cycleCount: number;
  readonly doseCount: number;
  readonly deliveredDoseMgPerM2: number;
  readonly plannedDoseMgPerM2: number;
  /** Delivered ÷ planned dose, ignoring time. */
  readonly relativeTotalDose: number;
  readonly actualDurationDays: number;
  readonly plannedDurationDays: number;
  /** Null when the actual duration is 0 days (a single dose with the `to-last-dose` convention). */
  readonly deliveredDoseIntensityMgPerM2PerWeek: number | null;
  readonly plannedDoseIntensityMgPerM2PerWeek: number;
  readonly relativeDoseIntensity: number | null;
  readonly explanation: Explanation;
}

export function deriveRelativeDoseIntensity(
  input: RelativeDoseIntensityInput,
  settings: RelativeDoseIntensitySettings = defaultRelativeDoseIntensitySettings,
): RelativeDoseIntensity {
  const { schedule, plannedDoseMgPerM2, plannedCycleCount, duration, withheldDoses } = settings;
  if (!(Number.isFinite(plannedDoseMgPerM2) && plannedDoseMgPerM2 > 0)) {
    throw new RangeError(`plannedDoseMgPerM2 must be a positive number (got ${plannedDoseMgPerM2})`);
  }
  if (plannedCycleCount !== null && !(Number.isInteger(plannedCycleCount) && plannedCycleCount >= 1)) {
    throw new RangeError(`plannedCycleCount must be a positive integer or null (got ${plannedCycleCount})`);
  }
  const cycles = groupBortezomibCycles(input.administrations, {
    schedule,
    doseDayWindow: settings.doseDayWindow,
    ...(input.cycleStartDates === undefined ? {} : { cycleStartDates: input.cycleStartDates }),
  });
  const firstCycle = cycles[0];
  const lastCycle = cycles[cycles.length - 1];
  if (firstCycle === undefined || lastCycle === undefined) {
    throw new RangeError('relative dose intensity needs at least one dose or recorded cycle start');
  }
  const delivered = sumDeliveredDose(cycles, input.bodyMeasurements ?? [], settings);
  const dosesPerCycle = schedule.doseDays.length;
  const cyclesPlanned = plannedCycleCount ?? cycles.length;
  const omittedInStartedCycles = cycles.reduce(
    (sum, cycle) => sum + Math.max(0, dosesPerCycle - cycle.doses.length),
    0,
  );
  const plannedDoseCount =
    cyclesPlanned * dosesPerCycle - (withheldDoses === 'exclude-from-plan' ? omittedInStartedCycles : 0);
  const plannedDose = plannedDoseCount * plannedDoseMgPerM2;
  const firstDay = toDayNumber(firstCycle.startDate);
  const lastPlannedDoseDay = schedule.doseDays[dosesPerCycle - 1] ?? 1;
  const lastDose = findLastDose(cycles);
  let actualDurationDays: number;
  let plannedDurationDays: number;
  switch (duration) {
    case 'to-end-of-last-started-cycle':
      actualDurationDays = toDayNumber(lastCycle.startDate) - firstDay + schedule.cycleLengthDays;
      plannedDurationDays = cyclesPlanned * schedule.cycleLengthDays;
      break;
    case 'to-last-dose':
      actualDurationDays = lastDose === undefined ? 0 : toDayNumber(lastDose.administration.date) - firstDay;
      plannedDurationDays = (cyclesPlanned - 1) * schedule.cycleLengthDays + lastPlannedDoseDay - 1;
      break;
    default: {
      const unreachable: never = duration;
      throw new RangeError(`unknown duration convention ${String(unreachable)}`);
    }
  }
  const plannedIntensity = (plannedDose / plannedDurationDays) * 7;
  const deliveredIntensity = actualDurationDays > 0 ? (delivered.mgPerM2 / actualDurationDays) * 7 : null;
  const relativeDoseIntensity = deliveredIntensity === null ? null : deliveredIntensity / plannedIntensity;
  const relativeTotalDose = plannedDose > 0 ? delivered.mgPerM2 / plannedDose : 0;
  const percent = (value: number): string => `${formatDoseNumber(value * 100, 1)} %`;
  const durationText =
    duration === 'to-end-of-last-started-cycle'
      ? 'duration C1D1 → end of the last started cycle'
      : 'duration C1D1 → last dose (planned: to the last planned dose)';
  const headline =
    relativeDoseIntensity === null || deliveredIntensity === null
      ? `RDI not computable: actual duration 0 days (${durationText})`
      : `RDI ${percent(relativeDoseIntensity)} = delivered ${formatDoseNumber(delivered.mgPerM2)} mg/m² over ${actualDurationDays} days (${formatDoseNumber(deliveredIntensity)} mg/m²/week) ÷ planned ${formatDoseNumber(plannedDose)} mg/m² over ${plannedDurationDays} days (${formatDoseNumber(plannedIntensity)} mg/m²/week)`;
  const conventions = [
    `${cycles.length} cycle${cycles.length === 1 ? '' : 's'} started (first ${firstCycle.startDate}, last ${lastCycle.startDate})`,
    `${cyclesPlanned} cycle${cyclesPlanned === 1 ? '' : 's'} × ${dosesPerCycle} doses × ${formatDoseNumber(plannedDoseMgPerM2)} mg/m² planned (${schedule.label})`,
    durationText,
    withheldDoses === 'count-as-planned'
      ? `${omittedInStartedCycles} withheld or missed dose${omittedInStartedCycles === 1 ? '' : 's'} counted as planned`
      : `${omittedInStartedCycles} withheld or missed dose${omittedInStartedCycles === 1 ? '' : 's'} dropped from the plan`,
    delivered.basisText,
    `relative total dose ${percent(relativeTotalDose)}`,
  ];
  return {
    cycleCount: cycles.length,
    doseCount: delivered.doseCount,
    deliveredDoseMgPerM2: delivered.mgPerM2,
    plannedDoseMgPerM2: plannedDose,
    relativeTotalDose,
    actualDurationDays,
    plannedDurationDays,
    deliveredDoseIntensityMgPerM2PerWeek: deliveredIntensity,
    plannedDoseIntensityMgPerM2PerWeek: plannedIntensity,
    relativeDoseIntensity,
    explanation: explainDosing(relativeDoseIntensityRule, [], `${headline}; ${conventions.join('; ')} (§6.5).`),
  };
}

function findLastDose(cycles: readonly BortezomibCycle[]): BortezomibCycle['doses'][number] | undefined {
  for (let index = cycles.length - 1; index >= 0; index -= 1) {
    const doses = cycles[index]?.doses ?? [];
    const last = doses[doses.length - 1];
    if (last !== undefined) return last;
  }
  return undefined;
}

interface DeliveredDose {
  readonly mgPerM2: number;
  readonly doseCount: number;
  readonly basisText: string;
}

function sumDeliveredDose(
  cycles: readonly BortezomibCycle[],
  measurements: readonly DatedBodyMeasurement[],
  settings: RelativeDoseIntensitySettings,
): DeliveredDose {
  const sorted = [...measurements].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
  const baselineDate = cycles[0]?.startDate;
  let mgPerM2 = 0;
  let doseCount = 0;
  let fromBodySurfaceArea = 0;
  for (const cycle of cycles) {
    const referenceDate = settings.bodySurfaceAreaBasis === 'per-cycle' ? cycle.startDate : baselineDate;
    const measurement = referenceDate === undefined ? undefined : measurementFor(sorted, referenceDate);
    const bodySurfaceAreaM2 =
      measurement === undefined ? null : deriveBodySurfaceArea(measurement, settings.bodySurfaceArea).bodySurfaceAreaM2;
    for (const { administration } of cycle.doses) {
      doseCount += 1;
      if (bodySurfaceAreaM2 !== null && administration.doseMg !== undefined) {
        mgPerM2 += administration.doseMg / bodySurfaceAreaM2;
        fromBodySurfaceArea += 1;
      } else {
        mgPerM2 += administration.doseMgPerM2;
      }
    }
  }
  const recorded = doseCount - fromBodySurfaceArea;
  const basisText =
    fromBodySurfaceArea === 0
      ? 'delivered dose from the recorded mg/m²'
      : `delivered dose as mg ÷ BSA (${settings.bodySurfaceArea.formula}, ${settings.bodySurfaceAreaBasis === 'per-cycle' ? 'recomputed per cycle' : 'baseline'}) for ${fromBodySurfaceArea} dose${fromBodySurfaceArea === 1 ? '' : 's'}${recorded > 0 ? `, recorded mg/m² for ${recorded}` : ''}`;
  return { mgPerM2, doseCount, basisText };
}

/** The latest measurement on or before `date`, else the earliest one (none before the course). */
function measurementFor(sorted: readonly DatedBodyMeasurement[], date: CalendarDate): DatedBodyMeasurement | undefined {
  let chosen = sorted[0];
  for (const measurement of sorted) {
    if (measurement.date > date) break;
    chosen = measurement;
  }
  return chosen;
}
