/**
 * The database schema as Kysely types: one schema for SQLite and PostgreSQL (ADR 0005). Column
 * conventions shared by both dialects: dates and timestamps are ISO text, booleans 0/1 integers,
 * lists (agents, extramedullary sites) and structured values (audit changes, derived results) JSON
 * text, ids integers. The migrations in `migrations/` create exactly these tables.
 */
import type { Generated } from 'kysely';

/** 0 or 1: better-sqlite3 cannot bind booleans, so both dialects store integers. */
export type BooleanInteger = 0 | 1;

export interface StudiesTable {
  id: Generated<number>;
  code: string;
  title: string;
  created_at: string;
}

export interface CentersTable {
  id: Generated<number>;
  study_id: number;
  code: string;
  name: string;
  city: string;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  is_disabled: BooleanInteger;
  created_at: string;
}

export interface MembershipsTable {
  id: Generated<number>;
  user_id: number;
  study_id: number;
  /** Null for a study-wide role. */
  center_id: number | null;
  role: string;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  token_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  label: string;
  token_hash: string;
  created_at: string;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: string;
}

/** Columns every form table has. */
export interface FormColumns {
  id: Generated<number>;
  version: number;
  form_status: string;
  created_at: string;
  updated_at: string;
}

export interface PatientsTable extends FormColumns {
  study_id: number;
  center_id: number;
  code: string;
  sex: string;
  birth_year: number;
  diagnosis_date: string;
  prior_myeloma_diagnosis_date: string | null;
  heavy_chain: string | null;
  light_chain: string | null;
  is_non_secretory: BooleanInteger;
  pb_plasma_cells_percent: number | null;
  wbc_per_1e9_l: number | null;
  hemoglobin_g_per_dl: number | null;
  platelets_per_1e9_l: number | null;
  creatinine_mg_per_dl: number | null;
  /** JSON array of text. */
  extramedullary_sites: string;
  karyotype: string;
  notes: string | null;
}

export interface PriorTherapiesTable extends FormColumns {
  patient_id: number;
  line_number: number;
  regimen: string;
  agents: string;
  start_date: string | null;
  end_date: string | null;
  is_autologous_transplant: BooleanInteger;
  best_response: string | null;
}

export interface CoursesTable extends FormColumns {
  patient_id: number;
  regimen: string;
  agents: string;
  start_date: string;
  end_date: string | null;
  planned_bortezomib_dose_mg_per_m2: number | null;
  schedule: string | null;
  planned_cycles: number | null;
  cycle_length_days: number | null;
  height_cm: number | null;
  weight_kg: number | null;
  is_index_therapy: BooleanInteger;
}

export interface AdministrationsTable extends FormColumns {
  patient_id: number;
  course_id: number;
  date: string;
  agent: string;
  cycle: number;
  day: number;
  dose_mg: number;
  modification: string | null;
}

export interface LabAssessmentsTable extends FormColumns {
  patient_id: number;
  date: string;
  test: string;
  value: number | null;
  result: string | null;
  unit: string | null;
  /** The value in the test's canonical unit (core `canonicalUnits`); null for qualitative tests. */
  canonical_value: number | null;
}

export interface AdverseEventsTable extends FormColumns {
  patient_id: number;
  term: string;
  ctcae_version: string;
  grade: number;
  onset_date: string;
  resolution_date: string | null;
  is_serious: BooleanInteger;
  attribution: string | null;
  action: string | null;
  course_id: number | null;
}

export interface FollowUpsTable extends FormColumns {
  patient_id: number;
  date: string;
  vital_status: string;
  death_date: string | null;
  cause_of_death: string | null;
  notes: string | null;
}

export interface DerivedResultsTable {
  patient_id: number;
  input_hash: string;
  computed_at: string;
  /** JSON of the result model (derive-patient-results.ts). */
  results: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: number | null;
  patient_id: number | null;
  center_id: number | null;
  /** JSON array of `{ field, old, new }`. */
  changes: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the last record of the chain, so a deleted tail is detected and appends serialise on it. */
export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface Database {
  studies: StudiesTable;
  centers: CentersTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  patients: PatientsTable;
  prior_therapies: PriorTherapiesTable;
  courses: CoursesTable;
  administrations: AdministrationsTable;
  lab_assessments: LabAssessmentsTable;
  adverse_events: AdverseEventsTable;
  follow_ups: FollowUpsTable;
  derived_results: DerivedResultsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export type TableName = keyof Database;

/** The table of each repeating form. */
export const childFormTables = {
  'prior-therapies': 'prior_therapies',
  courses: 'courses',
  administrations: 'administrations',
  assessments: 'lab_assessments',
  'adverse-events': 'adverse_events',
  'follow-up': 'follow_ups',
} as const;
export type ChildTableName = (typeof childFormTables)[keyof typeof childFormTables];
