/**
 * The [IMPL] and [U] choices of CTCAE laboratory grading (clinical-spec.md §4.1), as named settings
 * with their defaults. Everything else about a grade is in the term tables.
 */
import { defaultReferenceAlbuminGPerDl } from '../corrected-calcium.ts';

export interface CtcaeGradingSettings {
  /**
   * [IMPL] §4.1 (hyperuricaemia "v5 needs a clinical flag; admiral assumes worst case"): when a band's value
   * range is met but its clinical descriptor ("with physiologic consequences", hypokalaemia v5 "symptomatic")
   * was not stated. `assume-present` grades the band (admiral's worst case); `assume-absent` grades the
   * next lower band; `not-gradable` returns no grade. Grades CTCAE defines by descriptors only (e.g. v5
   * "life-threatening consequences") are never assumed.
   */
  readonly unstatedClinicalDescriptor: 'assume-present' | 'assume-absent' | 'not-gradable';
  /** [U] §4.1 corrected calcium: the reference albumin in g/dL (laboratories use 4.0–4.5). */
  readonly calciumReferenceAlbuminGPerDl: number;
  /**
   * [IMPL] CTCAE grades corrected calcium. Without an albumin value, `grade-as-reported` grades the calcium
   * as given (the explanation says it was not corrected; right when the laboratory already reports corrected
   * calcium); `not-gradable` returns no grade.
   */
  readonly calciumWithoutAlbumin: 'grade-as-reported' | 'not-gradable';
}

export const defaultCtcaeGradingSettings: CtcaeGradingSettings = {
  unstatedClinicalDescriptor: 'assume-present',
  calciumReferenceAlbuminGPerDl: defaultReferenceAlbuminGPerDl,
  calciumWithoutAlbumin: 'grade-as-reported',
};
