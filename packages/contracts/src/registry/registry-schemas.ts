/**
 * The registry's records as they cross the HTTP boundary and enter storage (issue 5 item 2): one
 * zod schema per form, shared by the server (request/response validation, OpenAPI), storage, the
 * imports and the web app's forms, so a field is defined once.
 *
 * Conventions:
 * - Dates are calendar dates `YYYY-MM-DD` (no times, no time zones); a patient has no name and no
 *   full birth date — only a pseudonymous code and a birth year.
 * - Every stored record carries `id`, `version` (optimistic concurrency: an update names the version
 *   it read; a stale one is refused with 409) and `formStatus` (REDCap's form completion: changing a
 *   record whose form is `complete` requires a reason, which the audit trail keeps).
 * - Input schemas are `.strict()`: an unknown field is an error naming the field, never ignored.
 * - Laboratory results use the rules engine's long format (test, value or result, unit); units are
 *   checked against core's vocabulary and converted to the canonical unit on write.
 */
import {
  type CalendarDate,
  canonicalUnits,
  isLabTest,
  isQuantitativeLabTest,
  qualitativeLabTests,
  qualitativeValues,
  quantitativeLabTests,
  toCalendarDate,
  unitConversions,
} from '@mmreg/core';
import { z } from 'zod';
import type { ImportIssue } from '../import-issue.ts';

export const roles = ['coordinator', 'investigator', 'data_manager', 'monitor'] as const;
/** coordinator: study-wide; investigator and data_manager: read and write their centre; monitor: read only. */
export type Role = (typeof roles)[number];

export const formStatuses = ['incomplete', 'unverified', 'complete'] as const;
export type FormStatus = (typeof formStatuses)[number];

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD. */
export const calendarDateSchema = z
  .string()
  .regex(datePattern, 'expected a date as YYYY-MM-DD')
  .refine((text) => {
    try {
      toCalendarDate(text);
      return true;
    } catch {
      return false;
    }
  }, 'not a day of the calendar')
  .transform((text) => text as CalendarDate);

const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected 1–64 letters, digits, dot, dash or underscore');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).nullable();
const idSchema = z.number().int().positive();

/** Fields every stored record has. */
const stored = {
  id: idSchema,
  version: z.number().int().positive(),
  formStatus: z.enum(formStatuses),
} as const;

/** Fields every write may carry: the form status and, for a complete form, the reason for a change. */
const writeMeta = {
  formStatus: z.enum(formStatuses).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
} as const;

// ---------------------------------------------------------------------------------------------
// Studies, centres, users
// ---------------------------------------------------------------------------------------------

export const studySchema = z.object({ id: idSchema, code, title: text(300) });
export type StudyRecord = z.infer<typeof studySchema>;

export const centerSchema = z.object({ id: idSchema, studyId: idSchema, code, name: text(200), city: text(100) });
export type CenterRecord = z.infer<typeof centerSchema>;

export const membershipSchema = z.object({
  studyId: idSchema,
  /** Null for a study-wide role (coordinator). */
  centerId: idSchema.nullable(),
  role: z.enum(roles),
});
export type Membership = z.infer<typeof membershipSchema>;

export const userSchema = z.object({
  id: idSchema,
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'expected 2–64 lower-case letters, digits, dot, dash'),
  displayName: text(200),
  isDisabled: z.boolean(),
  memberships: z.array(membershipSchema),
});
export type UserRecord = z.infer<typeof userSchema>;

export const loginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

// ---------------------------------------------------------------------------------------------
// Patient (enrolment and diagnosis form)
// ---------------------------------------------------------------------------------------------

const patientFields = {
  sex: z.enum(['male', 'female']),
  /** Year only: a full birth date is identifying. */
  birthYear: z.number().int().min(1900).max(2100),
  diagnosisDate: calendarDateSchema,
  /** Date multiple myeloma was diagnosed before the leukaemic phase; null for primary PCL. */
  priorMyelomaDiagnosisDate: calendarDateSchema.nullable(),
  heavyChain: z.enum(['IgG', 'IgA', 'IgD', 'IgM', 'IgE']).nullable(),
  lightChain: z.enum(['kappa', 'lambda']).nullable(),
  isNonSecretory: z.boolean(),
  /** Diagnostic peripheral blood: plasma cells as % of the differential and WBC ×10⁹/L (PCL criteria). */
  pbPlasmaCellsPercent: z.number().min(0).max(100).nullable(),
  wbcPer1e9L: z.number().min(0).max(1000).nullable(),
  hemoglobinGPerDl: z.number().min(0).max(25).nullable(),
  plateletsPer1e9L: z.number().min(0).max(5000).nullable(),
  creatinineMgPerDl: z.number().min(0).max(50).nullable(),
  extramedullarySites: z.array(text(100)).max(20),
  karyotype: z.enum(['normal', 'del13', 'other-abnormal', 'not-done']),
  notes: optionalText(2000),
} as const;

export const patientCreateSchema = z.strictObject({
  code,
  centerId: idSchema,
  ...patientFields,
  ...writeMeta,
});
export type PatientCreate = z.infer<typeof patientCreateSchema>;

/** A patient's centre is not editable: moving a patient between centres is not a field edit. */
export const patientUpdateSchema = z.strictObject({
  version: z.number().int().positive(),
  ...z.object(patientFields).partial().shape,
  ...writeMeta,
});
export type PatientUpdate = z.infer<typeof patientUpdateSchema>;

export const patientSchema = z.object({
  ...stored,
  studyId: idSchema,
  centerId: idSchema,
  code,
  ...patientFields,
});
export type PatientRecord = z.infer<typeof patientSchema>;

// ---------------------------------------------------------------------------------------------
// Patient-level repeating forms
// ---------------------------------------------------------------------------------------------

const priorTherapyFields = {
  lineNumber: z.number().int().min(1).max(30),
  regimen: text(200),
  agents: z.array(text(100)).max(20),
  startDate: calendarDateSchema.nullable(),
  endDate: calendarDateSchema.nullable(),
  isAutologousTransplant: z.boolean(),
  bestResponse: z.enum(['sCR', 'CR', 'nCR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE']).nullable(),
} as const;

const courseFields = {
  /** Line of therapy: the first course registered for the index line is the time origin. */
  regimen: text(200),
  agents: z.array(text(100)).max(20),
  startDate: calendarDateSchema,
  endDate: calendarDateSchema.nullable(),
  /** Planned bortezomib dose (mg/m²) and schedule; null when the course has no bortezomib. */
  plannedBortezomibDoseMgPerM2: z.number().positive().max(5).nullable(),
  schedule: z.enum(['days-1-4-8-11', 'weekly', 'other']).nullable(),
  plannedCycles: z.number().int().min(1).max(100).nullable(),
  cycleLengthDays: z.number().int().min(7).max(63).nullable(),
  heightCm: z.number().min(50).max(250).nullable(),
  weightKg: z.number().min(20).max(300).nullable(),
  isIndexTherapy: z.boolean(),
} as const;

const administrationFields = {
  courseId: idSchema,
  date: calendarDateSchema,
  agent: text(100),
  cycle: z.number().int().min(1).max(100),
  day: z.number().int().min(1).max(63),
  doseMg: z.number().min(0).max(10000),
  /** Why the dose differs from the plan (reduction, delay, omission), free text. */
  modification: optionalText(500),
} as const;

const assessmentFields = {
  date: calendarDateSchema,
  test: z.string().refine(isLabTest, {
    message: `unknown test (known: ${[...quantitativeLabTests, ...qualitativeLabTests].join(', ')})`,
  }),
  /** Quantitative tests: the value as measured, in `unit`. */
  value: z.number().finite().nullable(),
  /** Qualitative tests (immunofixation, new bone lesion): the result word. */
  result: z.string().nullable(),
  unit: z.string().max(20).nullable(),
} as const;

const adverseEventFields = {
  term: text(200),
  ctcaeVersion: z.enum(['v3', 'v5']),
  grade: z.number().int().min(1).max(5),
  onsetDate: calendarDateSchema,
  resolutionDate: calendarDateSchema.nullable(),
  isSerious: z.boolean(),
  attribution: z.enum(['unrelated', 'unlikely', 'possible', 'probable', 'definite']).nullable(),
  action: z.enum(['none', 'dose-reduced', 'dose-delayed', 'drug-withdrawn']).nullable(),
  courseId: idSchema.nullable(),
} as const;

const followUpFields = {
  /** Date of the visit or contact. */
  date: calendarDateSchema,
  vitalStatus: z.enum(['alive', 'dead']),
  deathDate: calendarDateSchema.nullable(),
  causeOfDeath: z.enum(['disease', 'toxicity', 'infection', 'other', 'unknown']).nullable(),
  notes: optionalText(2000),
} as const;

/** Checks a laboratory row against core's vocabulary: value or result as the test needs, a known unit. */
function checkAssessment(
  row: {
    test?: string | undefined;
    value?: number | null | undefined;
    result?: string | null | undefined;
    unit?: string | null | undefined;
  },
  context: z.RefinementCtx,
): void {
  const test = row.test;
  if (test === undefined || !isLabTest(test)) return;
  if (isQuantitativeLabTest(test)) {
    if (row.value === null || row.value === undefined) {
      context.addIssue({ code: 'custom', path: ['value'], message: `${test} needs a numeric value` });
    }
    if (row.result !== null && row.result !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['result'],
        message: `${test} is quantitative: give value, not result`,
      });
    }
    const accepted = Object.keys(unitConversions[test]);
    if (row.unit === null || row.unit === undefined || !accepted.includes(row.unit.trim())) {
      context.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `unit ${row.unit === null || row.unit === undefined ? '(none)' : `"${row.unit}"`} is not accepted for ${test} (accepted: ${accepted.join(', ')}; canonical ${canonicalUnits[test]})`,
      });
    }
  } else {
    const allowed = qualitativeValues[test];
    if (row.result === null || row.result === undefined || !allowed.includes(row.result)) {
      context.addIssue({
        code: 'custom',
        path: ['result'],
        message: `${test} needs a result of ${allowed.join(', ')}`,
      });
    }
    if (row.value !== null && row.value !== undefined) {
      context.addIssue({ code: 'custom', path: ['value'], message: `${test} is qualitative: give result, not value` });
    }
  }
}

function checkDateOrder(start: string | null | undefined, end: string | null | undefined): boolean {
  return start === null || start === undefined || end === null || end === undefined || start <= end;
}

/** The repeating forms of a patient: one entry per form, with its create, update and record schemas. */
export const childForms = {
  'prior-therapies': {
    label: 'prior therapy',
    create: z
      .strictObject({ ...priorTherapyFields, ...writeMeta })
      .refine((row) => checkDateOrder(row.startDate, row.endDate), {
        path: ['endDate'],
        message: 'ends before it starts',
      }),
    update: z.strictObject({ version: stored.version, ...z.object(priorTherapyFields).partial().shape, ...writeMeta }),
    record: z.object({ ...stored, patientId: idSchema, ...priorTherapyFields }),
  },
  courses: {
    label: 'treatment course',
    create: z
      .strictObject({ ...courseFields, ...writeMeta })
      .refine((row) => checkDateOrder(row.startDate, row.endDate), {
        path: ['endDate'],
        message: 'ends before it starts',
      }),
    update: z.strictObject({ version: stored.version, ...z.object(courseFields).partial().shape, ...writeMeta }),
    record: z.object({ ...stored, patientId: idSchema, ...courseFields }),
  },
  administrations: {
    label: 'drug administration',
    create: z.strictObject({ ...administrationFields, ...writeMeta }),
    update: z.strictObject({
      version: stored.version,
      ...z.object(administrationFields).partial().shape,
      ...writeMeta,
    }),
    record: z.object({ ...stored, patientId: idSchema, ...administrationFields }),
  },
  assessments: {
    label: 'laboratory assessment',
    create: z.strictObject({ ...assessmentFields, ...writeMeta }).superRefine(checkAssessment),
    update: z
      .strictObject({ version: stored.version, ...z.object(assessmentFields).partial().shape, ...writeMeta })
      .superRefine(checkAssessment),
    record: z.object({
      ...stored,
      patientId: idSchema,
      ...assessmentFields,
      /** The value in the test's canonical unit (null for qualitative tests). */
      canonicalValue: z.number().nullable(),
    }),
  },
  'adverse-events': {
    label: 'adverse event',
    create: z
      .strictObject({ ...adverseEventFields, ...writeMeta })
      .refine((row) => checkDateOrder(row.onsetDate, row.resolutionDate), {
        path: ['resolutionDate'],
        message: 'resolves before its onset',
      }),
    update: z.strictObject({ version: stored.version, ...z.object(adverseEventFields).partial().shape, ...writeMeta }),
    record: z.object({ ...stored, patientId: idSchema, ...adverseEventFields }),
  },
  'follow-up': {
    label: 'follow-up',
    create: z
      .strictObject({ ...followUpFields, ...writeMeta })
      .refine((row) => (row.vitalStatus === 'dead') === (row.deathDate !== null), {
        path: ['deathDate'],
        message: 'a death date is required when, and only when, the patient is dead',
      }),
    update: z.strictObject({ version: stored.version, ...z.object(followUpFields).partial().shape, ...writeMeta }),
    record: z.object({ ...stored, patientId: idSchema, ...followUpFields }),
  },
} as const;

export type ChildFormKind = keyof typeof childForms;
export const childFormKinds = Object.keys(childForms) as readonly ChildFormKind[];
export type ChildCreate<TKind extends ChildFormKind> = z.infer<(typeof childForms)[TKind]['create']>;
export type ChildUpdate<TKind extends ChildFormKind> = z.infer<(typeof childForms)[TKind]['update']>;
export type ChildRecord<TKind extends ChildFormKind> = z.infer<(typeof childForms)[TKind]['record']>;

// ---------------------------------------------------------------------------------------------
// Study analysis (GET /api/studies/{id}/analysis): the envelope around the report's results model
// ---------------------------------------------------------------------------------------------

export const registryAnalysisFormatVersion = 2 as const;

/** A centre the caller may read, with its registered patients and its forms by status. */
export const analysisScopeCenterSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  city: z.string(),
  /** Registered patients of this centre (analysed or not). */
  patients: z.number().int(),
  /** The centre's forms by status: every patient's enrolment form and repeating-form rows. */
  forms: z.object({ complete: z.number().int(), unverified: z.number().int(), incomplete: z.number().int() }),
});

/**
 * One analysed patient as the dashboard needs it (subgroups, swimmer plot): the subgroup fields of the
 * report's response subgroups and the PFS/OS records the analysis used (core's record functions).
 */
export const analysedPatientSchema = z.object({
  code: z.string(),
  centerId: z.number().int(),
  pclType: z.enum(['primary', 'secondary']),
  karyotype: z.enum(['normal', 'del13', 'not-done']),
  hasPriorAsct: z.boolean(),
  isSingleAgent: z.boolean(),
  bestResponse: z.enum(['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE']),
  /** Months to the first response (PR or better); null without one. */
  responseMonths: z.number().nullable(),
  /** Null when the primary PFS convention leaves the patient out. */
  pfs: z
    .object({ months: z.number(), isEvent: z.boolean(), outcome: z.enum(['progression', 'death', 'censored']) })
    .nullable(),
  os: z.object({ months: z.number(), isEvent: z.boolean() }),
});

/**
 * The analysis answer around a results schema: the server checks `results` field by field, the web
 * app by format and version only, so each passes its own; the envelope is defined once, here.
 */
export function registryAnalysisSchemaOf<TResults extends z.ZodType>(results: TResults) {
  const common = {
    format: z.literal('mmreg-registry-analysis'),
    formatVersion: z.literal(registryAnalysisFormatVersion),
    generatedAt: z.string(),
    study: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
    /** The centres the caller may read: the analysis covers their patients only. */
    scope: z.object({ isStudyWide: z.boolean(), centers: z.array(analysisScopeCenterSchema) }),
    /** Registered patients in scope that are not in `results`, with the reason. */
    notAssessed: z.array(z.object({ code: z.string(), centerCode: z.string(), reason: z.string() })),
    /** How the registry data were mapped (ages, creatinine, karyotype…), and what the comparison data are. */
    notes: z.array(z.string()),
  };
  return z.discriminatedUnion('status', [
    z.object({
      ...common,
      status: z.literal('analysed'),
      results,
      /** The analysed patients, in the analysis's order (for client-side subgroups). */
      patients: z.array(analysedPatientSchema),
    }),
    z.object({
      ...common,
      status: z.literal('no-patients-in-scope'),
      results: z.null(),
      /** Why there is nothing to analyse (no patients registered, or none assessable). */
      message: z.string(),
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------------------------

/**
 * One patient's rows in an import, validated: `patient` creates it or, when the code already exists
 * in the scope, updates it; children are added (rows identical to stored ones are skipped).
 */
export interface ImportPatient {
  readonly code: string;
  readonly patient?: PatientCreate | undefined;
  readonly children: { readonly [TKind in ChildFormKind]?: readonly ChildCreate<TKind>[] };
}

/** What an import file set reduces to after validation: the store writes it in one transaction. */
export interface ImportBatch {
  /** File names the rows came from, for the audit record. */
  readonly sources: readonly string[];
  readonly patients: readonly ImportPatient[];
  /** Problems that did not stop the import (merged duplicate rows, REDCap fields mmreg does not map…). */
  readonly warnings?: readonly ImportIssue[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// Audit trail
// ---------------------------------------------------------------------------------------------

export const auditActions = ['create', 'update', 'delete', 'login', 'logout', 'import', 'restore'] as const;

export const auditRecordSchema = z.object({
  seq: z.number().int().positive(),
  /** ISO 8601 UTC timestamp of the write. */
  at: z.string(),
  userId: idSchema.nullable(),
  username: z.string().nullable(),
  action: z.enum(auditActions),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  patientId: idSchema.nullable(),
  centerId: idSchema.nullable(),
  /** Field-level changes: `old` is null on create, `new` null on delete. */
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
  reason: z.string().nullable(),
  /** SHA-256 of the previous record's hash and this record's canonical JSON, hex. */
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
