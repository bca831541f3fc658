/**
 * Tumour lysis syndrome around the start of a therapy (clinical-spec.md §7): laboratory TLS, clinical
 * TLS and its Cairo–Bishop grade, by Cairo–Bishop 2004 (default) or Howard 2011, from one indexing
 * pass over the measurements. The rules themselves are in detect-laboratory-tumour-lysis.ts and
 * grade-clinical-tumour-lysis.ts; this joins them and their explanations.
 */
import type { Explanation } from '../rule.ts';
import { detectLaboratoryTumourLysisInSeries, type LaboratoryTumourLysis } from './detect-laboratory-tumour-lysis.ts';
import {
  type ClinicalTumourLysis,
  gradeClinicalTumourLysisInSeries,
  type TumourLysisGrade,
} from './grade-clinical-tumour-lysis.ts';
import { indexTumourLysisMeasurements, type TumourLysisInput } from './tumour-lysis-input.ts';
import {
  checkTumourLysisSettings,
  defaultTumourLysisSettings,
  type TumourLysisCriteria,
  type TumourLysisSettings,
} from './tumour-lysis-settings.ts';

export interface TumourLysisAssessment {
  readonly criteria: TumourLysisCriteria;
  readonly laboratory: LaboratoryTumourLysis;
  readonly clinical: ClinicalTumourLysis;
  /** Cairo–Bishop grade: 0 without clinical TLS; null when clinical TLS rests on ungraded criteria only. */
  readonly grade: TumourLysisGrade | null;
  readonly explanation: Explanation;
}

export function assessTumourLysis(
  input: TumourLysisInput,
  settings: TumourLysisSettings = defaultTumourLysisSettings,
): TumourLysisAssessment {
  checkTumourLysisSettings(settings);
  const series = indexTumourLysisMeasurements(input, settings);
  const laboratory = detectLaboratoryTumourLysisInSeries(series, input, settings);
  const clinical = gradeClinicalTumourLysisInSeries(laboratory, series, { input, settings });
  return {
    criteria: settings.criteria,
    laboratory,
    clinical,
    grade: clinical.grade,
    explanation: {
      ruleId: clinical.explanation.ruleId,
      ruleVersion: clinical.explanation.ruleVersion,
      checks: [...laboratory.explanation.checks, ...clinical.explanation.checks],
      text: `${laboratory.explanation.text} ${clinical.explanation.text}`,
    },
  };
}
