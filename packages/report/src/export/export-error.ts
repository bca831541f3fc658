/** The one error class of the exporters, with a closed set of codes the CLI and the server map. */

export const reportExportErrorCodes = [
  'chromium-missing',
  'chromium-failed',
  'unknown-format',
  'empty-report',
] as const;
export type ReportExportErrorCode = (typeof reportExportErrorCodes)[number];

export class ReportExportError extends Error {
  readonly code: ReportExportErrorCode;

  constructor(code: ReportExportErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'ReportExportError';
    this.code = code;
  }
}
