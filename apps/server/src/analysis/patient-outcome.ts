/**
 * Reads what the study analysis needs — best response, PFS, OS — from a patient's stored derived
 * results (storage's `DerivedResultsModel`: `status: 'derived'` with the core's assessment, or
 * `'not-derived'` with the reason). A model this module cannot read counts as not assessed, with
 * that said, rather than as a guess.
 */
import { responseCategories } from '@mmreg/core';
import { z } from 'zod';
import type { PatientOutcome } from './registry-analysis.ts';

const timeToEvent = z.object({ days: z.number().finite().min(0), event: z.boolean() });

const derivedShape = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('derived'),
    bestResponse: z.object({ category: z.enum(responseCategories) }).nullable(),
    endpoints: z.object({ pfs: timeToEvent, os: timeToEvent }),
  }),
  z.object({ status: z.literal('not-derived'), reason: z.string() }),
]);

export function outcomeOf(results: unknown): PatientOutcome {
  const parsed = derivedShape.safeParse(results);
  if (!parsed.success) {
    return { bestResponse: null, pfs: null, os: null, notAssessed: 'the stored derived results could not be read' };
  }
  const model = parsed.data;
  if (model.status === 'not-derived') return { bestResponse: null, pfs: null, os: null, notAssessed: model.reason };
  return {
    bestResponse: model.bestResponse?.category ?? null,
    pfs: model.endpoints.pfs,
    os: model.endpoints.os,
    notAssessed: null,
  };
}
