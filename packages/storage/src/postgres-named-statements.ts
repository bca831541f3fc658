/**
 * A PostgreSQL pool for Kysely whose queries run as named prepared statements: each connection parses
 * and plans a SQL text once and then only binds and executes it. The store's SQL texts repeat (values
 * are bound parameters), and under load (npm run bench:server) the server backends spent much of their
 * CPU time parsing and planning the same few dozen statements again.
 *
 * Names are given only once `enable()` is called, after the migrations: a statement prepared before a
 * schema change could fail with "cached plan must not change result type". The store changes no
 * schema after that (restore writes rows, not tables). At most `maxNamedStatements` distinct texts are
 * named; any further text runs unnamed, so a connection never holds an unbounded set of plans.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Distinct SQL texts that get a name (the store issues about a hundred). */
export const maxNamedStatements = 1000;

export class NamedStatementPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #names = new Map<string, string>();
  readonly #clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  readonly #maxNamed: number;
  #isEnabled = false;

  constructor(pool: pg.Pool, maxNamed = maxNamedStatements) {
    this.#pool = pool;
    this.#maxNamed = maxNamed;
  }

  /** Starts naming statements (call once the schema is final). */
  enable(): void {
    this.#isEnabled = true;
  }

  /** How many distinct SQL texts have a name so far. */
  get namedStatements(): number {
    return this.#names.size;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    let wrapped = this.#clients.get(client);
    if (wrapped === undefined) {
      wrapped = this.#wrap(client);
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  /**
   * Opens `connections` connections at once and hands them back to the pool idle, so the first
   * requests after a start do not each wait for a PostgreSQL backend to start (measured by
   * `npm run bench:server`: with an empty pool the first 2 s of load answered in up to 0.96 s).
   */
  async warmUp(connections: number): Promise<void> {
    const clients = await Promise.all(Array.from({ length: connections }, () => this.#pool.connect()));
    try {
      await Promise.all(clients.map((client) => client.query('SELECT 1')));
    } finally {
      for (const client of clients) client.release();
    }
  }

  end(): Promise<void> {
    return this.#pool.end();
  }

  #nameOf(sql: string): string | undefined {
    if (!this.#isEnabled) return undefined;
    let name = this.#names.get(sql);
    if (name === undefined && this.#names.size < this.#maxNamed) {
      name = `mmreg_${this.#names.size + 1}`;
      this.#names.set(sql, name);
    }
    return name;
  }

  #wrap(client: pg.PoolClient): PostgresPoolClient {
    const query = <R>(
      sqlOrCursor: string | PostgresCursor<R>,
      parameters?: ReadonlyArray<unknown>,
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> => {
      if (typeof sqlOrCursor !== 'string') {
        // Kysely streams through a cursor object; pg runs it as it is (the store never streams).
        return client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
      }
      const name = this.#nameOf(sqlOrCursor);
      const values = parameters === undefined ? [] : [...parameters];
      const config: pg.QueryConfig =
        name === undefined ? { text: sqlOrCursor, values } : { name, text: sqlOrCursor, values };
      return client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: (destroy?: boolean) => {
        client.release(destroy);
      },
    };
  }
}
