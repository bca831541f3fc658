/**
 * Migration 0001: every table of schema.ts, for both dialects. Forward only: a later change is a new
 * migration, never an edit of this one (a database that ran it would not run it again). The only
 * dialect branch is the auto-increment id (`integer primary key autoincrement` on SQLite, an identity
 * column on PostgreSQL, "by default" so a restore can insert the ids it restores).
 */
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

export type MigrationDialect = 'sqlite' | 'postgres';

const genesisHash = '0'.repeat(64);

function withId<TTable extends string>(
  builder: CreateTableBuilder<TTable, never>,
  dialect: MigrationDialect,
): CreateTableBuilder<TTable, 'id'> {
  return dialect === 'sqlite'
    ? builder.addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement())
    : builder.addColumn('id', 'integer', (column) => column.primaryKey().generatedByDefaultAsIdentity());
}

/** The columns every form table has after its id. */
function withFormColumns<TTable extends string, TColumns extends string>(
  builder: CreateTableBuilder<TTable, TColumns>,
): CreateTableBuilder<TTable, TColumns | 'version' | 'form_status' | 'created_at' | 'updated_at'> {
  return builder
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('form_status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull());
}

export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const schema = db.schema;
  await withId(schema.createTable('studies'), dialect)
    .addColumn('code', 'text', (column) => column.notNull().unique())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await withId(schema.createTable('centers'), dialect)
    .addColumn('study_id', 'integer', (column) => column.notNull().references('studies.id'))
    .addColumn('code', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('city', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('centers_study_code_unique', ['study_id', 'code'])
    .execute();
  await withId(schema.createTable('users'), dialect)
    .addColumn('username', 'text', (column) => column.notNull().unique())
    .addColumn('display_name', 'text', (column) => column.notNull())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('is_disabled', 'integer', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await withId(schema.createTable('memberships'), dialect)
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('study_id', 'integer', (column) => column.notNull().references('studies.id'))
    .addColumn('center_id', 'integer', (column) => column.references('centers.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    .execute();
  await schema.createIndex('memberships_user_id').on('memberships').column('user_id').execute();
  await withId(schema.createTable('sessions'), dialect)
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await withId(schema.createTable('api_tokens'), dialect)
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('label', 'text', (column) => column.notNull())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await withId(schema.createTable('login_failures'), dialect)
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('at', 'text', (column) => column.notNull())
    .execute();
  await schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();

  await withFormColumns(
    withId(schema.createTable('patients'), dialect)
      .addColumn('study_id', 'integer', (column) => column.notNull().references('studies.id'))
      .addColumn('center_id', 'integer', (column) => column.notNull().references('centers.id'))
      .addColumn('code', 'text', (column) => column.notNull()),
  )
    .addColumn('sex', 'text', (column) => column.notNull())
    .addColumn('birth_year', 'integer', (column) => column.notNull())
    .addColumn('diagnosis_date', 'text', (column) => column.notNull())
    .addColumn('prior_myeloma_diagnosis_date', 'text')
    .addColumn('heavy_chain', 'text')
    .addColumn('light_chain', 'text')
    .addColumn('is_non_secretory', 'integer', (column) => column.notNull())
    .addColumn('pb_plasma_cells_percent', 'double precision')
    .addColumn('wbc_per_1e9_l', 'double precision')
    .addColumn('hemoglobin_g_per_dl', 'double precision')
    .addColumn('platelets_per_1e9_l', 'double precision')
    .addColumn('creatinine_mg_per_dl', 'double precision')
    .addColumn('extramedullary_sites', 'text', (column) => column.notNull())
    .addColumn('karyotype', 'text', (column) => column.notNull())
    .addColumn('notes', 'text')
    // Codes are unique per centre, not per study: a study-wide rule would let one centre learn that
    // another centre uses a code (REDCap DAGs likewise prefix record names with the group).
    .addUniqueConstraint('patients_center_code_unique', ['study_id', 'center_id', 'code'])
    .execute();
  await schema.createIndex('patients_center_id').on('patients').column('center_id').execute();

  const childTable = (name: string) =>
    withFormColumns(
      withId(schema.createTable(name), dialect).addColumn('patient_id', 'integer', (column) =>
        column.notNull().references('patients.id'),
      ),
    );
  await childTable('prior_therapies')
    .addColumn('line_number', 'integer', (column) => column.notNull())
    .addColumn('regimen', 'text', (column) => column.notNull())
    .addColumn('agents', 'text', (column) => column.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('is_autologous_transplant', 'integer', (column) => column.notNull())
    .addColumn('best_response', 'text')
    .execute();
  await childTable('courses')
    .addColumn('regimen', 'text', (column) => column.notNull())
    .addColumn('agents', 'text', (column) => column.notNull())
    .addColumn('start_date', 'text', (column) => column.notNull())
    .addColumn('end_date', 'text')
    .addColumn('planned_bortezomib_dose_mg_per_m2', 'double precision')
    .addColumn('schedule', 'text')
    .addColumn('planned_cycles', 'integer')
    .addColumn('cycle_length_days', 'integer')
    .addColumn('height_cm', 'double precision')
    .addColumn('weight_kg', 'double precision')
    .addColumn('is_index_therapy', 'integer', (column) => column.notNull())
    .execute();
  await childTable('administrations')
    .addColumn('course_id', 'integer', (column) => column.notNull().references('courses.id'))
    .addColumn('date', 'text', (column) => column.notNull())
    .addColumn('agent', 'text', (column) => column.notNull())
    .addColumn('cycle', 'integer', (column) => column.notNull())
    .addColumn('day', 'integer', (column) => column.notNull())
    .addColumn('dose_mg', 'double precision', (column) => column.notNull())
    .addColumn('modification', 'text')
    .execute();
  await childTable('lab_assessments')
    .addColumn('date', 'text', (column) => column.notNull())
    .addColumn('test', 'text', (column) => column.notNull())
    .addColumn('value', 'double precision')
    .addColumn('result', 'text')
    .addColumn('unit', 'text')
    .addColumn('canonical_value', 'double precision')
    .execute();
  await childTable('adverse_events')
    .addColumn('term', 'text', (column) => column.notNull())
    .addColumn('ctcae_version', 'text', (column) => column.notNull())
    .addColumn('grade', 'integer', (column) => column.notNull())
    .addColumn('onset_date', 'text', (column) => column.notNull())
    .addColumn('resolution_date', 'text')
    .addColumn('is_serious', 'integer', (column) => column.notNull())
    .addColumn('attribution', 'text')
    .addColumn('action', 'text')
    .addColumn('course_id', 'integer', (column) => column.references('courses.id'))
    .execute();
  await childTable('follow_ups')
    .addColumn('date', 'text', (column) => column.notNull())
    .addColumn('vital_status', 'text', (column) => column.notNull())
    .addColumn('death_date', 'text')
    .addColumn('cause_of_death', 'text')
    .addColumn('notes', 'text')
    .execute();
  for (const table of [
    'prior_therapies',
    'courses',
    'administrations',
    'lab_assessments',
    'adverse_events',
    'follow_ups',
  ]) {
    await schema.createIndex(`${table}_patient_id`).on(table).column('patient_id').execute();
  }
  await schema.createIndex('administrations_course_id').on('administrations').column('course_id').execute();
  await schema.createIndex('adverse_events_course_id').on('adverse_events').column('course_id').execute();

  await schema
    .createTable('derived_results')
    .addColumn('patient_id', 'integer', (column) => column.primaryKey().references('patients.id'))
    .addColumn('input_hash', 'text', (column) => column.notNull())
    .addColumn('computed_at', 'text', (column) => column.notNull())
    .addColumn('results', 'text', (column) => column.notNull())
    .execute();

  // Audit records keep no foreign keys: they must outlive (and never block) what they describe.
  await schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (column) => column.primaryKey())
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('entity', 'text', (column) => column.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('patient_id', 'integer')
    .addColumn('center_id', 'integer')
    .addColumn('changes', 'text', (column) => column.notNull())
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .execute();
  await schema.createIndex('audit_log_patient_id').on('audit_log').column('patient_id').execute();
  await schema.createIndex('audit_log_center_id').on('audit_log').column('center_id').execute();
  await schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('last_seq', 'integer', (column) => column.notNull())
    .addColumn('last_hash', 'text', (column) => column.notNull())
    .execute();
  await sql`insert into audit_head (id, last_seq, last_hash) values (1, 0, ${genesisHash})`.execute(db);
}
