/**
 * Primary vs secondary plasma cell leukaemia from the myeloma history (clinical-spec.md §5 [V]):
 * primary PCL is a leukaemic presentation de novo, with no myeloma diagnosed before; secondary PCL
 * is the leukaemic transformation of a previously diagnosed myeloma. A myeloma diagnosed on the
 * same date as the PCL is the same presentation, hence primary. It does not decide whether the PCL
 * criteria are met (pcl-classification.ts does).
 */
import { type CalendarDate, daysBetween } from '../domain/calendar-date.ts';
import type { PclType } from '../domain/study.ts';
import type { Explanation, RuleDefinition } from './rule.ts';

export const pclOriginRule: RuleDefinition = {
  id: 'pcl-origin',
  version: '2013',
  title: 'Primary vs secondary plasma cell leukaemia (prior myeloma diagnosis)',
  specSection: '§5',
  source: 'Fernández de Larrea C, et al. Leukemia 2013;27:780–91',
  evidence: 'V',
};

export interface PclOriginInput {
  readonly pclDiagnosisDate: CalendarDate;
  /** Date multiple myeloma was first diagnosed, or null when never diagnosed before the PCL. */
  readonly priorMyelomaDiagnosisDate: CalendarDate | null;
}

export interface PclOrigin {
  readonly type: PclType;
  readonly explanation: Explanation;
}

export function classifyPclOrigin(input: PclOriginInput): PclOrigin {
  const { pclDiagnosisDate, priorMyelomaDiagnosisDate } = input;
  const explain = (type: PclType, text: string): PclOrigin => ({
    type,
    explanation: { ruleId: pclOriginRule.id, ruleVersion: pclOriginRule.version, checks: [], text },
  });
  if (priorMyelomaDiagnosisDate === null) {
    return explain(
      'primary',
      `Primary PCL: no myeloma diagnosed before the PCL diagnosis on ${pclDiagnosisDate} (§5).`,
    );
  }
  const days = daysBetween(priorMyelomaDiagnosisDate, pclDiagnosisDate);
  if (days < 0) {
    throw new RangeError(
      `myeloma diagnosis ${priorMyelomaDiagnosisDate} is after the PCL diagnosis ${pclDiagnosisDate}: record it as null (no prior myeloma) or correct a date`,
    );
  }
  if (days === 0) {
    return explain(
      'primary',
      `Primary PCL: myeloma and PCL diagnosed together on ${pclDiagnosisDate}, a de novo leukaemic presentation (§5).`,
    );
  }
  return explain(
    'secondary',
    `Secondary PCL: leukaemic transformation ${days} day${days === 1 ? '' : 's'} after myeloma was diagnosed on ${priorMyelomaDiagnosisDate} (§5).`,
  );
}
