/**
 * The storage contract on a real PostgreSQL server (MMREG_TEST_POSTGRES_URL, set by `npm test`): one
 * fresh database per test, restoring into PostgreSQL and SQLite. Skips with the reason without a
 * server; fails under CI.
 */
import { afterAll, describe, it } from 'vitest';
import {
  createPostgresTestDatabase,
  dropPostgresTestDatabases,
  postgresTestUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from './contract/postgres-test-database.ts';
import { describeStoreContract, type TestClock } from './contract/store-contract.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open-store.ts';

const unavailable = postgresUnavailableReason();
const databases: TestDatabase[] = [];
const urlsByStore = new WeakMap<KyselyStore, string>();

afterAll(async () => {
  await dropPostgresTestDatabases(postgresTestUrl as string, databases.splice(0));
}, 60_000);

async function openFresh(clock: TestClock): Promise<KyselyStore> {
  const database = await createPostgresTestDatabase(postgresTestUrl as string, 'mmreg_contract');
  databases.push(database);
  const store = await openStore(database.url, { clock: clock.now });
  urlsByStore.set(store, database.url);
  return store;
}

if (unavailable !== null) {
  describe('Store contract (postgres)', () => {
    it.skip(`skipped: ${unavailable}`, () => {});
  });
} else {
  describeStoreContract('postgres', {
    open: openFresh,
    reopen: (store, clock) => openStore(urlsByStore.get(store) as string, { clock: clock.now }),
    restoreTargets: [
      { name: 'postgres', open: openFresh },
      { name: 'sqlite', open: (clock) => openStore('sqlite::memory:', { clock: clock.now }) },
    ],
  });
}
