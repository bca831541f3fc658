/**
 * Throwaway PostgreSQL namespaces for tests: each call creates a fresh schema on the server named by
 * `MMREG_TEST_POSTGRES_URL` and returns a URL whose `search_path` is that schema (so test files and
 * tests run in parallel without sharing tables; a schema takes milliseconds, a database hundreds),
 * and drops it afterwards. Without the URL, PostgreSQL tests skip with a visible reason — except
 * under CI, where they fail, so a missing server can never pass silently.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const postgresTestUrl = process.env['MMREG_TEST_POSTGRES_URL'];

/** Why PostgreSQL tests cannot run, or null when they can; throws under CI when the URL is missing. */
export function postgresUnavailableReason(): string | null {
  if (postgresTestUrl !== undefined && postgresTestUrl !== '') return null;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error('CI is set but MMREG_TEST_POSTGRES_URL is not: the PostgreSQL contract tests must run in CI');
  }
  return 'MMREG_TEST_POSTGRES_URL is not set (npm test starts a PostgreSQL server and sets it)';
}

export interface TestDatabase {
  /** A postgres:// URL whose connections use only the new schema. */
  readonly url: string;
  readonly schema: string;
  drop(): Promise<void>;
}

async function runAdmin(baseUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty schema on the test server and a URL that uses it. */
export async function createPostgresTestDatabase(baseUrl: string, prefix = 'mmreg_t'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAdmin(baseUrl, `create schema ${name}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    schema: name,
    drop: () => runAdmin(baseUrl, `drop schema if exists ${name} cascade`),
  };
}

/** Drops many test schemas in one statement (an after-all hook). */
export async function dropPostgresTestDatabases(baseUrl: string, databases: readonly TestDatabase[]): Promise<void> {
  if (databases.length === 0) return;
  await runAdmin(baseUrl, `drop schema if exists ${databases.map((database) => database.schema).join(', ')} cascade`);
}
