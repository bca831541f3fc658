/**
 * Kysely's SQLite dialect with `BEGIN IMMEDIATE` transactions. Inside one process Kysely already runs
 * everything on one better-sqlite3 connection behind a mutex, so transactions never interleave; a
 * second process on the same file (the CLI importing while the server runs) could otherwise start a
 * deferred transaction that fails with SQLITE_BUSY when it upgrades to write. Immediate transactions
 * take the write lock first and wait (busy_timeout) instead; read-only transactions stay deferred.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from 'kysely';

class SqliteImmediateDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    // A read-only transaction (a consistent multi-statement read) need not hold the write lock.
    const statement = settings?.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(statement));
  }
}

export class SqliteImmediateDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new SqliteImmediateDriver(this.#config);
  }
}
