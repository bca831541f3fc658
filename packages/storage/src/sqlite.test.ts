/** The storage contract on SQLite: in memory and on a file (re-opened), restoring into SQLite and PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import {
  createPostgresTestDatabase,
  dropPostgresTestDatabases,
  postgresTestUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from './contract/postgres-test-database.ts';
import { describeStoreContract, type StoreContractTarget, type TestClock } from './contract/store-contract.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'mmreg-sqlite-'));
const databases: TestDatabase[] = [];
const filesByStore = new WeakMap<KyselyStore, string>();
let fileCount = 0;

afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  await dropPostgresTestDatabases(postgresTestUrl as string, databases.splice(0));
}, 60_000);

// Under CI a missing PostgreSQL fails here too: the SQLite → PostgreSQL restore must run there.
const postgresUnavailable = postgresUnavailableReason();
if (postgresUnavailable !== null) {
  describe('Store contract (sqlite): restore into PostgreSQL', () => {
    it.skip(`skipped: ${postgresUnavailable}`, () => {});
  });
}

const openMemory = (clock: TestClock) => openStore('sqlite::memory:', { clock: clock.now });

/** Restores must work into both dialects; PostgreSQL joins when a test server is available. */
const restoreTargets: StoreContractTarget['restoreTargets'] = [
  { name: 'sqlite', open: openMemory },
  ...(postgresUnavailable !== null
    ? []
    : [
        {
          name: 'postgres',
          async open(clock: TestClock) {
            const database = await createPostgresTestDatabase(postgresTestUrl as string, 'mmreg_sqlite_restore');
            databases.push(database);
            return openStore(database.url, { clock: clock.now });
          },
        },
      ]),
];

describeStoreContract('sqlite in memory', { open: openMemory, restoreTargets });

describeStoreContract('sqlite file', {
  async open(clock) {
    fileCount += 1;
    const file = join(directory, `nested-${fileCount}`, 'mmreg.db');
    const store = await openStore(`sqlite:${file}`, { clock: clock.now });
    filesByStore.set(store, file);
    return store;
  },
  async reopen(store, clock) {
    return openStore(`sqlite:${filesByStore.get(store) as string}`, { clock: clock.now });
  },
  restoreTargets,
});
