/**
 * zod schemas for single CSV cells (always strings): each rejects with a message that says what
 * was expected and what was found, so an import error reads like a data manager's query.
 */
import { z } from 'zod';

const show = (input: unknown): string => (input === '' ? 'an empty cell' : `"${String(input)}"`);

export function cellEnum<const TValues extends readonly [string, ...string[]]>(values: TValues) {
  return z.enum(values, { error: (issue) => `expected one of ${values.join(', ')}; got ${show(issue.input)}` });
}

export const yesNoCell = cellEnum(['yes', 'no']).transform((value) => value === 'yes');

/** A whole number in [min, max], written with digits only. */
export function wholeNumberCell(min: number, max: number, what: string) {
  return z.string().transform((text, context) => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      context.addIssue({
        code: 'custom',
        message: `expected ${what} as a whole number from ${min} to ${max}; got ${show(text)}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

/** A decimal number in [min, max] with a dot as decimal separator. */
export function decimalCell(min: number, max: number, what: string) {
  return z.string().transform((text, context) => {
    const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || value < min || value > max) {
      context.addIssue({
        code: 'custom',
        message: `expected ${what} as a number from ${min} to ${max}; got ${show(text)}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

/** A decimal number, or `NA` for a value the source does not give. */
export function optionalDecimalCell(min: number, max: number, what: string) {
  return z.union([z.literal('NA').transform(() => null), decimalCell(min, max, what)], {
    error: (issue) => `expected ${what} as a number from ${min} to ${max} or NA; got ${show(issue.input)}`,
  });
}

export const nonEmptyTextCell = z.string().min(1, { error: 'expected text; got an empty cell' });
