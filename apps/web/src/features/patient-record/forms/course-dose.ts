/**
 * The planned bortezomib dose of a course: BSA from height and weight and the dose in mg from the
 * dose level, both by core's dosing rules (Mosteller, no cap, no rounding — core's defaults); it
 * only adapts nullable form values and never computes a dose itself.
 */
import { type AbsoluteDose, type BodySurfaceArea, deriveAbsoluteDose, deriveBodySurfaceArea } from '@mmreg/core';

export interface CourseDose {
  readonly bodySurfaceArea: BodySurfaceArea | null;
  readonly dose: AbsoluteDose | null;
}

export interface CourseDoseInput {
  readonly heightCm: number | null | undefined;
  readonly weightKg: number | null | undefined;
  readonly plannedBortezomibDoseMgPerM2: number | null | undefined;
}

const isPositive = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

export function computeCourseDose(input: CourseDoseInput): CourseDose {
  const { heightCm, weightKg, plannedBortezomibDoseMgPerM2: level } = input;
  if (!isPositive(heightCm) || !isPositive(weightKg)) return { bodySurfaceArea: null, dose: null };
  const bodySurfaceArea = deriveBodySurfaceArea({ heightCm, weightKg });
  const dose = isPositive(level)
    ? deriveAbsoluteDose({ doseMgPerM2: level, bodySurfaceAreaM2: bodySurfaceArea.bodySurfaceAreaM2 })
    : null;
  return { bodySurfaceArea, dose };
}

/** Two decimals for display (the computation keeps full precision). */
export function formatDose(value: number): string {
  return value.toFixed(2);
}
