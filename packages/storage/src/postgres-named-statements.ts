/**
 * A PostgreSQL pool for Kysely whose queries run as named prepared statements, and whose transactions
 * start without a round trip of their own. Each connection parses
 * and plans a SQL text once and then only binds and executes it. The store's SQL texts repeat (values
 * are bound parameters), and under load (npm run bench:server) the server backends spent much of their
 * CPU time parsing and planning the same few dozen statements again.
 *
 * Names are given only once `enable()` is called, after the migrations: a statement prepared before a
 * schema change could fail with "cached plan must not change result type". The store changes no
 * schema after that (restore writes rows, not tables). At most `maxNamedStatements` distinct texts are
 * named; any further text runs unnamed, so a connection never holds an unbounded set of plans.
 *
 * Once enabled, a transaction's `begin` is held back and sent with the transaction's first statement
 * as one simple-protocol text (`begin; select … where "id" = '7' for update`) when that statement's
 * parameters are all integers, which they are for the row lock every write starts with (ADR 0007); any
 * other first statement is preceded by its `begin` as before. A transaction that ran nothing sends
 * nothing. The first statement then runs unnamed, as text; errors and results are those of the
 * statement (the begin cannot fail on a connection the pool hands out idle).
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
    // A transaction start waiting to travel with the transaction's first statement.
    let pendingBegin: string | null = null;
    const run = <R>(sql: string, parameters: ReadonlyArray<unknown> | undefined): Promise<PostgresQueryResult<R>> => {
      const name = this.#nameOf(sql);
      const values = parameters === undefined ? [] : [...parameters];
      const config: pg.QueryConfig = name === undefined ? { text: sql, values } : { name, text: sql, values };
      return client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
    };
    const query = <R>(
      sqlOrCursor: string | PostgresCursor<R>,
      parameters?: ReadonlyArray<unknown>,
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> => {
      if (typeof sqlOrCursor !== 'string') {
        // Kysely streams through a cursor object; pg runs it as it is (the store never streams).
        const begin = pendingBegin;
        pendingBegin = null;
        // pg runs queries in order: the begin goes first; should it fail, the cursor's query reports it.
        if (begin !== null) client.query(begin).catch(() => {});
        return client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
      }
      if (this.#isEnabled && (parameters?.length ?? 0) === 0 && transactionStart.test(sqlOrCursor)) {
        pendingBegin = sqlOrCursor;
        return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] } as unknown as PostgresQueryResult<R>);
      }
      const begin = pendingBegin;
      if (begin === null) return run(sqlOrCursor, parameters);
      pendingBegin = null;
      // A transaction that ran no statement: nothing was sent, so there is nothing to end.
      if (sqlOrCursor === 'commit' || sqlOrCursor === 'rollback') {
        const command = sqlOrCursor.toUpperCase();
        return Promise.resolve({ command, rowCount: null, rows: [] } as unknown as PostgresQueryResult<R>);
      }
      const inlined = inlineIntegerParameters(sqlOrCursor, parameters ?? []);
      if (inlined === null) return client.query(begin).then(() => run<R>(sqlOrCursor, parameters));
      return (client.query(`${begin}; ${inlined}`) as unknown as Promise<unknown>).then((results) => {
        // pg answers a text of several statements with one result per statement.
        const last: unknown = Array.isArray(results) ? results.at(-1) : results;
        return last as PostgresQueryResult<R>;
      });
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: (destroy?: boolean) => {
        pendingBegin = null;
        client.release(destroy);
      },
    };
  }
}

/** The statements Kysely starts a transaction with (`begin`, `start transaction isolation level …`). */
const transactionStart = /^(?:begin|start transaction(?: isolation level [a-z ]+?)?(?: read (?:only|write))?)$/;

/** A text that holds nothing but SQL tokens, quoted identifiers and `$n` placeholders: no string literal, comment or statement separator. */
const inlinableText = /^(?:[^'"$;\-/]|"[^"$]*"|\$\d+|-(?!-)|\/(?!\*))*$/;

/**
 * `sql` with its `$n` placeholders replaced by the parameters written as untyped literals ('42'), so
 * PostgreSQL types them from their context as it types a parameter; null when a parameter is not a
 * safe integer or the text is not plainly a statement with placeholders (then it is not inlined).
 * A write's first statement is almost always the lock of a row by its id (ADR 0007), and sending it
 * with its `begin` saves the write a round trip.
 */
export function inlineIntegerParameters(sql: string, parameters: ReadonlyArray<unknown>): string | null {
  if (!parameters.every((value) => typeof value === 'number' && Number.isSafeInteger(value))) return null;
  if (!inlinableText.test(sql)) return null;
  let isComplete = true;
  const text = sql.replace(/\$(\d+)/g, (_, index: string) => {
    const value = parameters[Number(index) - 1];
    if (value === undefined) isComplete = false;
    return `'${String(value)}'`;
  });
  return isComplete ? text : null;
}
