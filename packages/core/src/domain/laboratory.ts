/**
 * The laboratory vocabulary shared by every rule: the tests the rules engine reads, each with one
 * canonical unit, and the unit conversions accepted at the edge (clinical-spec.md front matter,
 * "Unit conversions"). A value in an unknown unit is an error, never a guess. Conversion happens
 * once, when data enter; rules only ever see canonical units.
 */
import type { CalendarDate } from './calendar-date.ts';

export const quantitativeLabTests = [
  'serum_m_protein',
  'urine_m_protein',
  'flc_kappa',
  'flc_lambda',
  'bm_plasma_cells',
  'pb_plasma_cells',
  'wbc',
  'anc',
  'platelets',
  'lymphocytes',
  'hemoglobin',
  'creatinine',
  'creatinine_uln',
  'calcium',
  'albumin',
  'uric_acid',
  'phosphate',
  'potassium',
  'plasmacytoma_spd',
] as const;
export type QuantitativeLabTest = (typeof quantitativeLabTests)[number];

export const qualitativeLabTests = ['serum_ife', 'urine_ife', 'new_bone_lesion'] as const;
export type QualitativeLabTest = (typeof qualitativeLabTests)[number];
export type LabTest = QuantitativeLabTest | QualitativeLabTest;

/** Canonical unit per quantitative test: what every rule assumes. */
export const canonicalUnits: Readonly<Record<QuantitativeLabTest, string>> = {
  serum_m_protein: 'g/dL',
  urine_m_protein: 'mg/24h',
  flc_kappa: 'mg/dL',
  flc_lambda: 'mg/dL',
  bm_plasma_cells: '%',
  pb_plasma_cells: '%',
  wbc: '10^9/L',
  anc: '10^9/L',
  platelets: '10^9/L',
  lymphocytes: '10^9/L',
  hemoglobin: 'g/dL',
  creatinine: 'mg/dL',
  creatinine_uln: 'mg/dL',
  calcium: 'mg/dL',
  // Albumin is conventionally g/dL (normal 3.5–5.0); corrected calcium uses g/dL.
  albumin: 'g/dL',
  uric_acid: 'mg/dL',
  phosphate: 'mg/dL',
  potassium: 'mmol/L',
  plasmacytoma_spd: 'cm2',
};

/** Accepted values of the qualitative tests. */
export const qualitativeValues: Readonly<Record<QualitativeLabTest, readonly string[]>> = {
  serum_ife: ['positive', 'negative'],
  urine_ife: ['positive', 'negative'],
  new_bone_lesion: ['yes', 'no'],
};

const cellCount = {
  '10^9/L': 1,
  'x10^9/L': 1,
  'G/L': 1,
  '/uL': 1e-3,
  '/µL': 1e-3,
  '/mm3': 1e-3,
  'cells/uL': 1e-3,
  'cells/µL': 1e-3,
};

/**
 * Multipliers from an accepted unit to the canonical one (value × factor). clinical-spec.md:
 * 1 g/dL = 10 g/L; FLC 1 mg/dL = 10 mg/L; calcium mg/dL × 0.2495 = mmol/L; creatinine mg/dL × 88.4 =
 * µmol/L; uric acid mg/dL × 59.48 = µmol/L; phosphate mg/dL × 0.3229 = mmol/L; Hb g/dL × 0.6206 =
 * mmol/L; /µL ÷ 1000 = 10⁹/L.
 */
export const unitConversions: Readonly<Record<QuantitativeLabTest, Readonly<Record<string, number>>>> = {
  serum_m_protein: { 'g/dL': 1, 'g/L': 0.1, 'mg/dL': 0.001 },
  urine_m_protein: { 'mg/24h': 1, 'g/24h': 1000 },
  flc_kappa: { 'mg/dL': 1, 'mg/L': 0.1 },
  flc_lambda: { 'mg/dL': 1, 'mg/L': 0.1 },
  bm_plasma_cells: { '%': 1 },
  pb_plasma_cells: { '%': 1 },
  wbc: cellCount,
  anc: cellCount,
  platelets: cellCount,
  lymphocytes: cellCount,
  hemoglobin: { 'g/dL': 1, 'g/L': 0.1, 'mmol/L': 1 / 0.6206 },
  creatinine: { 'mg/dL': 1, 'umol/L': 1 / 88.4, 'µmol/L': 1 / 88.4 },
  creatinine_uln: { 'mg/dL': 1, 'umol/L': 1 / 88.4, 'µmol/L': 1 / 88.4 },
  calcium: { 'mg/dL': 1, 'mmol/L': 1 / 0.2495 },
  albumin: { 'g/dL': 1, 'g/L': 0.1 },
  uric_acid: { 'mg/dL': 1, 'umol/L': 1 / 59.48, 'µmol/L': 1 / 59.48 },
  phosphate: { 'mg/dL': 1, 'mmol/L': 1 / 0.3229 },
  potassium: { 'mmol/L': 1, 'mEq/L': 1 },
  plasmacytoma_spd: { cm2: 1, 'cm^2': 1, mm2: 0.01, 'mm^2': 0.01 },
};

export function isLabTest(value: string): value is LabTest {
  return (
    (quantitativeLabTests as readonly string[]).includes(value) ||
    (qualitativeLabTests as readonly string[]).includes(value)
  );
}

export function isQuantitativeLabTest(test: LabTest): test is QuantitativeLabTest {
  return (quantitativeLabTests as readonly string[]).includes(test);
}

export type UnitConversion =
  | { readonly ok: true; readonly value: number; readonly unit: string }
  | { readonly ok: false; readonly message: string };

/** Converts a quantitative value to the canonical unit of its test; an unknown unit is an error. */
export function convertToCanonicalUnit(test: QuantitativeLabTest, value: number, unit: string): UnitConversion {
  const factors = unitConversions[test];
  const factor = factors[unit.trim()];
  if (factor === undefined) {
    return {
      ok: false,
      message: `unit "${unit}" is not accepted for ${test} (accepted: ${Object.keys(factors).join(', ')})`,
    };
  }
  if (!Number.isFinite(value)) return { ok: false, message: `${test} value must be a finite number` };
  return { ok: true, value: value * factor, unit: canonicalUnits[test] };
}

/** One laboratory or imaging result in canonical units. */
export type LabMeasurement =
  | { readonly test: QuantitativeLabTest; readonly date: CalendarDate; readonly value: number }
  | { readonly test: QualitativeLabTest; readonly date: CalendarDate; readonly result: string };

/** A line of anti-myeloma therapy; a patient's first line is the index therapy (time origin). */
export interface TherapyLine {
  readonly regimen: string;
  readonly startDate: CalendarDate;
  readonly endDate: CalendarDate | null;
}

export type FollowUp =
  | { readonly vitalStatus: 'alive'; readonly lastContactDate: CalendarDate }
  | { readonly vitalStatus: 'dead'; readonly lastContactDate: CalendarDate; readonly deathDate: CalendarDate };
