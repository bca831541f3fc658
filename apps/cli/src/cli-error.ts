/**
 * Errors the CLI reports to the user, each with an exit code: 2 for bad input (nothing written),
 * 1 for anything unexpected. Import issues are printed one per line as file, line, column, reason.
 */
import { formatImportIssue, type ImportIssue } from '@mmreg/contracts';

export class CliError extends Error {
  readonly exitCode: number;
  readonly issues: readonly ImportIssue[];

  constructor(message: string, options: { exitCode?: number; issues?: readonly ImportIssue[] } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? 2;
    this.issues = options.issues ?? [];
  }
}

export function describeCliError(error: CliError): string {
  const lines = [`mmreg: ${error.message}`];
  for (const issue of error.issues) lines.push(`  ${formatImportIssue(issue)}`);
  if (error.issues.length > 0) lines.push(`${error.issues.length} problem(s); nothing was written.`);
  return `${lines.join('\n')}\n`;
}
