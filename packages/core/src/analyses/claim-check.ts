/**
 * Checking a publication's quantitative statements against its own data: each claim gets the value
 * recomputed from the rows, a verdict, and an explanation that says what the data give and why a
 * discrepancy arises. Verdicts are computed by comparing numbers at the printed precision.
 */
import type { PublishedClaim } from '../domain/index.ts';

export type ClaimVerdict = 'reproduced' | 'discrepant' | 'not-verifiable';

export interface ClaimCheck {
  readonly id: string;
  readonly where: string;
  readonly claim: string;
  readonly reported: string;
  readonly computed: string;
  readonly verdict: ClaimVerdict;
  readonly explanation: string;
}

export interface ClaimOutcome {
  readonly computed: string;
  readonly verdict: ClaimVerdict;
  readonly explanation: string;
}

/** Numbers printed in a reported value, in order: "61.2 (42-74)" → [61.2, 42, 74]. */
export function parseReportedNumbers(reported: string): number[] {
  return [...reported.matchAll(/\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
}

/** Decimal places printed for the i-th number of a reported value ("61.2 (42-74)" → [1, 0, 0]). */
export function printedDecimals(reported: string): number[] {
  return [...reported.matchAll(/\d+(?:\.(\d+))?/g)].map((match) => match[1]?.length ?? 0);
}

/**
 * True when `computed` lies strictly within half a unit of the last printed digit of `reported`,
 * i.e. it prints as `reported` under any usual rounding rule. A value exactly half-way (4.5 printed
 * as "4") does not agree: its printed digit would depend on an unstated rounding rule.
 */
export function agreesAtPrecision(computed: number, reported: number, decimals: number): boolean {
  const halfUnit = 0.5 * 10 ** -decimals;
  return Math.abs(computed - reported) < halfUnit - 1e-9 * Math.max(1, Math.abs(reported));
}

/** Compares computed numbers with the numbers printed in `reported`, element by element. */
export function compareWithReported(reported: string, computed: readonly number[]): boolean {
  const printed = parseReportedNumbers(reported);
  const decimals = printedDecimals(reported);
  if (printed.length !== computed.length) return false;
  return printed.every((value, index) => agreesAtPrecision(computed[index] as number, value, decimals[index] ?? 0));
}

/** Formats a number with at most `decimals` places, dropping trailing zeros (62, 61.5, 0.917). */
export function formatPlainNumber(value: number, decimals = 2): string {
  return String(Number(value.toFixed(decimals)));
}

export function checkClaims<TContext>(
  claims: readonly PublishedClaim[],
  checkers: Readonly<Record<string, (context: TContext, claim: PublishedClaim) => ClaimOutcome>>,
  context: TContext,
): ClaimCheck[] {
  return claims.map((claim) => {
    const checker = checkers[claim.id];
    const outcome: ClaimOutcome =
      checker === undefined
        ? { computed: '', verdict: 'not-verifiable', explanation: 'No computation is defined for this claim.' }
        : checker(context, claim);
    return { ...claim, ...outcome };
  });
}
