/**
 * Opens the store a database URL names (issue 5 item 1): the embedded SQLite file (created with its
 * directory; WAL, foreign keys, a busy timeout) or a PostgreSQL server, and brings its schema to the
 * latest migration. The clock is injectable so tests control session expiry and throttling windows.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseDatabaseUrl, redactPassword } from './database-url.ts';
import { KyselyStore } from './kysely-store.ts';
import { migrateToLatest } from './migrations/migrations.ts';
import { NamedStatementPool } from './postgres-named-statements.ts';
import type { Database } from './schema.ts';
import { SqliteImmediateDialect } from './sqlite-immediate-dialect.ts';

export interface OpenStoreOptions {
  /** The time of writes, sessions and throttling windows (default: the system clock). */
  readonly clock?: () => Date;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /**
   * PostgreSQL: open the whole pool before returning (a server's first requests then find their
   * connections ready); a one-shot CLI command leaves it off. Ignored for SQLite.
   */
  readonly isPoolWarmedUp?: boolean;
}

/** Connections a PostgreSQL store keeps at most. */
const defaultPostgresPoolSize = 10;

/** A server keeps idle connections (and their prepared statements) this long; pg's default is 10 s. */
const postgresIdleTimeoutMs = 300_000;

/** Milliseconds a SQLite writer waits for another process's write lock before failing. */
const sqliteBusyTimeoutMs = 5000;

/** Prepared statements kept per SQL text; the store issues a few dozen distinct statements. */
const maxCachedStatements = 500;

/**
 * Kysely's SQLite driver prepares every query anew, which was a fifth of the server's CPU time under
 * load (npm run bench:server). The store's SQL texts repeat (values are bound parameters), so each
 * text is prepared once. Safe because Kysely runs one query at a time on this connection and the
 * store never streams (`iterate`), so a cached statement is never busy when reused; SQLite
 * re-prepares a statement itself after a schema change.
 */
function cachePreparedStatements(database: BetterSqlite3.Database): void {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      if (cache.size >= maxCachedStatements) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(source, statement);
    }
    return statement;
  }) as typeof database.prepare;
}

function openSqlite(path: string, isMemory: boolean): Kysely<Database> {
  if (!isMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new BetterSqlite3(isMemory ? ':memory:' : path);
  if (!isMemory) database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
  // WAL with synchronous=NORMAL is durable against process crashes (a SIGKILL loses nothing committed).
  database.pragma('synchronous = NORMAL');
  cachePreparedStatements(database);
  return new Kysely<Database>({ dialect: new SqliteImmediateDialect({ database }) });
}

function openPostgres(
  connectionString: string,
  poolSize: number,
): { db: Kysely<Database>; statements: NamedStatementPool } {
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: postgresIdleTimeoutMs });
  // An idle client's connection error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const statements = new NamedStatementPool(pool);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: statements }) }), statements };
}

/** Opens (and migrates) the database `url` names: `sqlite:PATH`, `sqlite::memory:`, `postgres://…`. */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<KyselyStore> {
  const location = parseDatabaseUrl(url);
  const clock = options.clock ?? (() => new Date());
  let db: Kysely<Database>;
  let statements: NamedStatementPool | null = null;
  if (location.dialect === 'sqlite') db = openSqlite(location.path, location.isMemory);
  else ({ db, statements } = openPostgres(location.connectionString, options.poolSize ?? defaultPostgresPoolSize));
  try {
    await migrateToLatest(db, location.dialect);
    // Statements are prepared by name only once the schema is final (postgres-named-statements.ts).
    if (statements !== null && process.env['MMREG_PG_UNNAMED'] !== '1') statements.enable();
    if (options.isPoolWarmedUp === true) await statements?.warmUp(options.poolSize ?? defaultPostgresPoolSize);
  } catch (error) {
    await db.destroy();
    throw new Error(
      `cannot open database ${redactPassword(url)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return new KyselyStore(db, location.dialect, clock);
}
