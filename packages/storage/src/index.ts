/** @mmreg/storage: one Store over SQLite and PostgreSQL (README.md, docs/adr/0005-storage.md). */
export { genesisHash, hashAuditRecord } from './audit-trail.ts';
export { canonicalJson, sha256Hex } from './canonical-json.ts';
export {
  type DatabaseLocation,
  defaultDatabaseUrl,
  parseDatabaseUrl,
  redactPassword,
  resolveDatabaseUrl,
} from './database-url.ts';
export {
  assessStoredPatient,
  type DerivedResultsModel,
  derivationVersion,
  derivePatientResults,
  type PatientAssessmentCall,
  type PatientDerivationData,
  patientAssessmentCallOf,
  type StoredPatientAssessment,
} from './derive-patient-results.ts';
export { KyselyStore } from './kysely-store.ts';
export { latestSchemaVersion } from './migrations/migrations.ts';
export { type OpenStoreOptions, openStore } from './open-store.ts';
export {
  buildReferenceStudyBatch,
  type DemoCenter,
  demoCenterOf,
  demoCenters,
  referenceStudyCode,
} from './reference-study-seed.ts';
export { type ReferenceComparison, registryPatientsOf, registryStudyInputOf } from './registry-study-input.ts';
export type { Database } from './schema.ts';
export { computeContentHash } from './snapshot.ts';
export * from './store.ts';
