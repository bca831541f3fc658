/** Bortezomib dosing rules (clinical-spec.md §6): BSA, dose in mg, schedule, dose modification, cumulative dose, RDI. */

import type { RuleDefinition } from '../rule.ts';
import { absoluteDoseRule } from './absolute-dose.ts';
import { bodySurfaceAreaDuBoisRule, bodySurfaceAreaMostellerRule } from './body-surface-area.ts';
import { bortezomibScheduleRule } from './bortezomib-schedule-check.ts';
import { cumulativeDoseRule } from './cumulative-dose.ts';
import {
  haematologicalDoseModificationRule,
  neuropathyDoseModificationLaterLabelRule,
  neuropathyDoseModificationNci2003Rule,
} from './dose-modification-check.ts';
import { relativeDoseIntensityRule } from './relative-dose-intensity.ts';

export {
  type AbsoluteDose,
  type AbsoluteDoseInput,
  type AbsoluteDoseSettings,
  absoluteDoseRule,
  defaultAbsoluteDoseSettings,
  deriveAbsoluteDose,
} from './absolute-dose.ts';
export {
  type BodyMeasurement,
  type BodySurfaceArea,
  type BodySurfaceAreaFormula,
  type BodySurfaceAreaSettings,
  bodySurfaceAreaDuBoisRule,
  bodySurfaceAreaMostellerRule,
  defaultBodySurfaceAreaSettings,
  deriveBodySurfaceArea,
} from './body-surface-area.ts';
export {
  type BortezomibAdministration,
  type BortezomibCycle,
  type BortezomibCycleDose,
  type BortezomibCycleOptions,
  type BortezomibSchedule,
  type DoseDayWindow,
  defaultDoseDayWindow,
  groupBortezomibCycles,
  twiceWeeklyBortezomibSchedule,
  weeklyBortezomibSchedule,
} from './bortezomib-cycles.ts';
export {
  type BortezomibScheduleCheck,
  type BortezomibScheduleFinding,
  type BortezomibScheduleFindingKind,
  type BortezomibScheduleInput,
  type BortezomibScheduleSettings,
  bortezomibScheduleRule,
  checkBortezomibSchedule,
  defaultBortezomibScheduleSettings,
  minimumHoursBetweenBortezomibDoses,
} from './bortezomib-schedule-check.ts';
export {
  type CumulativeDose,
  type CumulativeDoseInput,
  cumulativeDoseRule,
  deriveCumulativeDose,
} from './cumulative-dose.ts';
export {
  checkDoseModifications,
  classifyNeuropathyDoseAction,
  type DoseConformance,
  type DoseModificationCheck,
  type DoseModificationFinding,
  type DoseModificationFindingKind,
  type DoseModificationInput,
  type DoseModificationSettings,
  type DoseRequirement,
  type DosingToxicityCategory,
  type DosingToxicityObservation,
  defaultDoseModificationSettings,
  haematologicalDoseModificationRule,
  haematologicalWithholdGrade,
  type NeuropathyDoseAction,
  type NeuropathyDoseRow,
  type NeuropathyLabelVersion,
  neuropathyDoseModificationLaterLabelRule,
  neuropathyDoseModificationNci2003Rule,
  neuropathyReducedDoseMgPerM2,
  neuropathyRestartDoseMgPerM2,
  nonHaematologicalWithholdGrade,
} from './dose-modification-check.ts';
export {
  type DatedBodyMeasurement,
  defaultRelativeDoseIntensitySettings,
  deriveRelativeDoseIntensity,
  type RelativeDoseIntensity,
  type RelativeDoseIntensityInput,
  type RelativeDoseIntensitySettings,
  relativeDoseIntensityRule,
} from './relative-dose-intensity.ts';

/** Every dosing rule, for the registry (clinical-spec.md §6). */
export const dosingRules: readonly RuleDefinition[] = [
  bodySurfaceAreaMostellerRule,
  bodySurfaceAreaDuBoisRule,
  absoluteDoseRule,
  bortezomibScheduleRule,
  haematologicalDoseModificationRule,
  neuropathyDoseModificationNci2003Rule,
  neuropathyDoseModificationLaterLabelRule,
  cumulativeDoseRule,
  relativeDoseIntensityRule,
];
