/** The list pages' storage contract (contract/list-pages-contract.ts) on SQLite and, when a test server is set, PostgreSQL. */
import { afterAll, describe, it } from 'vitest';
import { describeListPagesContract } from './contract/list-pages-contract.ts';
import {
  createPostgresTestDatabase,
  dropPostgresTestDatabases,
  postgresTestUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from './contract/postgres-test-database.ts';
import { openStore } from './open-store.ts';

describeListPagesContract('sqlite in memory', { open: (clock) => openStore('sqlite::memory:', { clock: clock.now }) });

const unavailable = postgresUnavailableReason();
const databases: TestDatabase[] = [];
afterAll(async () => {
  if (unavailable === null) await dropPostgresTestDatabases(postgresTestUrl as string, databases.splice(0));
}, 60_000);

if (unavailable !== null) {
  describe('Store contract, list pages (postgres)', () => {
    it.skip(`skipped: ${unavailable}`, () => {});
  });
} else {
  describeListPagesContract('postgres', {
    async open(clock) {
      const database = await createPostgresTestDatabase(postgresTestUrl as string, 'mmreg_lists');
      databases.push(database);
      return openStore(database.url, { clock: clock.now });
    },
  });
}
