/**
 * The databases the server tests run on: SQLite in memory always; PostgreSQL when
 * MMREG_TEST_POSTGRES_URL is set (`npm test` starts one), in a fresh schema per test file. Without
 * the URL the PostgreSQL run is skipped with the reason in its name, except under CI, where a
 * missing server is a failure (storage's helper throws).
 */
import {
  createPostgresTestDatabase,
  postgresTestUrl,
  postgresUnavailableReason,
} from '../../../../packages/storage/src/contract/postgres-test-database.ts';

export interface TestDatabase {
  readonly name: string;
  /** A fresh, empty database for one test file. */
  readonly url: () => Promise<string>;
  /** Drops what `url` created. */
  readonly drop: () => Promise<void>;
  /** Why the run is skipped (shown in the test name), or null. */
  readonly skip: string | null;
}

export function testDatabases(prefix: string): TestDatabase[] {
  const sqlite: TestDatabase = {
    name: 'SQLite',
    url: async () => 'sqlite::memory:',
    drop: async () => {},
    skip: null,
  };
  const reason = postgresUnavailableReason();
  let dropSchema: () => Promise<void> = async () => {};
  const postgres: TestDatabase = {
    name: 'PostgreSQL',
    url: async () => {
      if (postgresTestUrl === undefined) throw new Error('MMREG_TEST_POSTGRES_URL is not set');
      const database = await createPostgresTestDatabase(postgresTestUrl, `mmreg_server_${prefix}`);
      dropSchema = database.drop;
      return database.url;
    },
    drop: () => dropSchema(),
    skip: reason === null ? null : ` (skipped: ${reason})`,
  };
  return [sqlite, postgres];
}
