/**
 * The study file (`examples/<study>/study.json`): the typed study format at the file boundary.
 * Parsing turns plain JSON into core's branded types; `studyFileSchema` and core's `Study` are kept
 * in step by a compile-time check at the bottom of this file.
 */
import { responseCategories, type Study, toCenterId, toPatientCode, toStudyId } from '@mmreg/core';
import { z } from 'zod';
import type { ImportIssue, ImportResult } from './import-issue.ts';

export const studyFileFormatVersion = 1;

const grade = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const months = z.number().min(0).max(600);
const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'expected 1–64 letters, digits, dot, dash or underscore' });
const response = z.enum(responseCategories);

const priorTherapy = z.strictObject({
  label: z.string().min(1),
  agents: z.array(z.string().min(1)).readonly(),
  isAutologousTransplant: z.boolean(),
});

const patient = z.strictObject({
  code: code.transform(toPatientCode),
  centerId: code.transform(toCenterId).nullable(),
  sex: z.enum(['male', 'female']),
  ageYears: z.number().int().min(0).max(120),
  pclType: z.enum(['primary', 'secondary']),
  monoclonalProtein: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('secretory'),
      heavyChain: z.enum(['IgG', 'IgA', 'IgD', 'IgM']).nullable(),
      lightChain: z.enum(['kappa', 'lambda']),
    }),
    z.strictObject({ kind: z.literal('non-secretory') }),
  ]),
  diagnosis: z.strictObject({
    peripheralBloodPlasmaCellsPercent: z.number().min(0).max(100),
    whiteBloodCellsPer1e9L: z.number().positive(),
    hemoglobinGPerDl: z.number().positive(),
    plateletsPer1e9L: z.number().min(0),
    creatinine: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('measured'), mgPerDl: z.number().positive(), isAbnormal: z.boolean() }),
      z.strictObject({ kind: z.literal('flag-only'), isAbnormal: z.boolean() }),
    ]),
  }),
  extramedullaryDisease: z.discriminatedUnion('present', [
    z.strictObject({ present: z.literal(false) }),
    z.strictObject({ present: z.literal(true), sites: z.array(z.string().min(1)).min(1).readonly() }),
  ]),
  karyotype: z.enum(['normal', 'del13', 'not-done']),
  priorTherapies: z.array(priorTherapy).readonly(),
  course: z.strictObject({
    doseMgPerM2: z.number().positive(),
    cycles: z.number().int().positive(),
    associatedRegimen: z.string().min(1).nullable(),
    associatedAgents: z.array(z.string().min(1)).readonly(),
    hadDoseReduction: z.boolean(),
    followedByAutologousTransplant: z.boolean(),
    maintenance: z.string().min(1).nullable(),
  }),
  bestResponse: response,
  progression: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('progression'), months }),
    z.strictObject({ kind: z.literal('death'), months }),
    z.strictObject({
      kind: z.literal('censored'),
      months,
      reason: z.enum(['alive-without-progression', 'last-assessment']),
    }),
    z.strictObject({ kind: z.literal('primary-refractory') }),
  ]),
  survival: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('death'), months }),
    z.strictObject({ kind: z.literal('censored'), months, reason: z.literal('alive-at-last-follow-up') }),
  ]),
  lastFollowUp: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('alive'), disease: response }),
    z.strictObject({ kind: z.literal('dead') }),
  ]),
  toxicity: z.strictObject({
    ctcaeVersion: z.enum(['v3.0', 'v5.0']),
    hematologic: grade,
    neurologic: grade,
    infectious: grade,
    other: z
      .array(
        z.strictObject({
          term: z.string().min(1),
          grade: z.discriminatedUnion('kind', [
            z.strictObject({ kind: z.literal('exact'), grade }),
            z.strictObject({ kind: z.literal('range'), min: grade, max: grade }),
          ]),
        }),
      )
      .readonly(),
  }),
});

export const studyFileSchema = z.strictObject({
  format: z.literal('mmreg-study'),
  formatVersion: z.literal(studyFileFormatVersion),
  study: z.strictObject({
    id: code.transform(toStudyId),
    title: z.string().min(1),
    citation: z.string().min(1),
    centers: z
      .array(z.strictObject({ id: code.transform(toCenterId), name: z.string().min(1), city: z.string().min(1) }))
      .readonly(),
    patients: z.array(patient).min(1).readonly(),
    historicalSeries: z
      .array(
        z.strictObject({
          label: z.string().min(1),
          year: z.number().int(),
          patients: z.number().int().positive(),
          responseRatePercent: z.number().min(0).max(100),
          medianOverallSurvivalMonths: months,
        }),
      )
      .readonly(),
    claims: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          where: z.string().min(1),
          claim: z.string().min(1),
          reported: z.string().min(1),
        }),
      )
      .readonly(),
    provenance: z.array(z.string()).readonly(),
  }),
});

/** Serialises a study to the file format (stable key order, two-space indent, final newline). */
export function formatStudyFile(study: Study): string {
  return `${JSON.stringify({ format: 'mmreg-study', formatVersion: studyFileFormatVersion, study }, null, 2)}\n`;
}

/** Parses a study file's text; every problem is an issue with the JSON path as its column. */
export function parseStudyFile(text: string, file: string): ImportResult<Study> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [{ file, line: null, column: null, message: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  const parsed = studyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues: ImportIssue[] = parsed.error.issues.map((issue) => ({
      file,
      line: null,
      column: issue.path.join('.'),
      message: issue.message,
    }));
    return { ok: false, issues };
  }
  const codes = new Set<string>();
  const issues: ImportIssue[] = [];
  parsed.data.study.patients.forEach((entry, index) => {
    if (codes.has(entry.code))
      issues.push({
        file,
        line: null,
        column: `study.patients.${index}.code`,
        message: `duplicate patient code ${entry.code}`,
      });
    codes.add(entry.code);
  });
  const centerIds = new Set<string>(parsed.data.study.centers.map((center) => center.id));
  parsed.data.study.patients.forEach((entry, index) => {
    if (entry.centerId !== null && !centerIds.has(entry.centerId)) {
      issues.push({
        file,
        line: null,
        column: `study.patients.${index}.centerId`,
        message: `unknown centre ${entry.centerId}`,
      });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data.study };
}

// Compile-time: the schema's output must be a core Study, so the two cannot drift apart.
type Assert<T extends true> = T;
export type StudyFileMatchesCore = Assert<z.output<typeof studyFileSchema>['study'] extends Study ? true : false>;
