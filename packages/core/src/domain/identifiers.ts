/** Branded identifiers with validating constructors: codes are pseudonymous, never names. */
import type { Brand } from './brand.ts';
import { DomainError } from './domain-error.ts';

export type StudyId = Brand<string, 'StudyId'>;
export type CenterId = Brand<string, 'CenterId'>;
export type PatientCode = Brand<string, 'PatientCode'>;

const codePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkCode(kind: string, value: string): void {
  if (!codePattern.test(value)) {
    throw new DomainError(
      'invalid-identifier',
      `${kind} "${value}" must be 1–64 letters, digits, dot, dash or underscore, starting with a letter or digit`,
    );
  }
}

export function toStudyId(value: string): StudyId {
  checkCode('study id', value);
  return value as StudyId;
}

export function toCenterId(value: string): CenterId {
  checkCode('centre id', value);
  return value as CenterId;
}

/** A pseudonymous patient code (e.g. "MU-01"); never a name or a full birth date. */
export function toPatientCode(value: string): PatientCode {
  checkCode('patient code', value);
  return value as PatientCode;
}
