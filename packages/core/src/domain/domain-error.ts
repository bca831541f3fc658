/**
 * The one error class for broken preconditions in core (house-style.md "Errors"). Expected data
 * problems are values (`DataIssue`), not exceptions; this is for callers that pass what the type
 * system could not rule out (a malformed id, a probability outside [0, 1]).
 */
export const domainErrorCodes = ['invalid-identifier', 'invalid-value', 'invalid-date', 'inconsistent-data'] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

/** An expected data problem, attachable to a form field or printed as file/row/column/reason. */
export interface DataIssue {
  readonly code: string;
  /** Where: e.g. `['patients', 3, 'age_years']`. */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}
