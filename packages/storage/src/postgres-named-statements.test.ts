/**
 * NamedStatementPool on a real PostgreSQL server (MMREG_TEST_POSTGRES_URL, set by `npm test`): texts
 * run as named prepared statements once enabled, each prepared once per connection, at most the cap
 * of them; results are those of the unnamed query. Skips with the reason without a server; fails
 * under CI.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestUrl, postgresUnavailableReason } from './contract/postgres-test-database.ts';
import { inlineIntegerParameters, NamedStatementPool } from './postgres-named-statements.ts';

const unavailable = postgresUnavailableReason();
const opened: Kysely<unknown>[] = [];

afterAll(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

function open(maxNamed?: number): { db: Kysely<unknown>; statements: NamedStatementPool } {
  // One connection, so every query below sees the same session's prepared statements.
  const statements = new NamedStatementPool(
    new pg.Pool({ connectionString: postgresTestUrl as string, max: 1 }),
    maxNamed,
  );
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: statements }) });
  opened.push(db);
  return { db, statements };
}

async function preparedNames(db: Kysely<unknown>): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db);
  return result.rows.map((row) => row.name);
}

describe('inlineIntegerParameters', () => {
  it('writes integer parameters as untyped literals in the places of their placeholders', () => {
    expect(inlineIntegerParameters('select * from "patients" where "id" = $1 for update', [7])).toBe(
      `select * from "patients" where "id" = '7' for update`,
    );
    expect(inlineIntegerParameters('select $2, $1, $10 - $2', [1, -2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(
      `select '-2', '1', '10' - '-2'`,
    );
    expect(inlineIntegerParameters('select 1', [])).toBe('select 1');
  });

  it('inlines nothing unless every parameter is a safe integer', () => {
    for (const value of [1.5, '7', null, true, 2 ** 53, Number.NaN, 10n]) {
      expect(inlineIntegerParameters('select $1', [value]), String(value)).toBeNull();
    }
  });

  it('inlines nothing into a text with a string literal, comment, separator, dollar quote or missing parameter', () => {
    for (const text of [
      "select $1 where name = 'x'",
      'select $1 -- note',
      'select $1 /* note */',
      'select $1; select 2',
      'select $$text$$, $1',
      'select "odd$1name", $1',
      'select $2',
    ]) {
      expect(inlineIntegerParameters(text, [1]), text).toBeNull();
    }
    expect(inlineIntegerParameters('select "a-b" - $1 / 2', [1])).toBe(`select "a-b" - '1' / 2`);
  });
});

if (unavailable !== null) {
  describe('NamedStatementPool (postgres)', () => {
    it.skip(`skipped: ${unavailable}`, () => {});
  });
} else {
  describe('NamedStatementPool (postgres)', () => {
    it('runs queries unnamed until enabled, then prepares each text once per connection', async () => {
      const { db, statements } = open();
      const square = (value: number) =>
        sql<{ square: number }>`select ${value}::int * ${value}::int as square`.execute(db);
      expect((await square(3)).rows).toEqual([{ square: 9 }]);
      expect(statements.namedStatements).toBe(0);
      expect(await preparedNames(db)).toEqual([]);
      statements.enable();
      expect((await square(4)).rows).toEqual([{ square: 16 }]);
      expect((await square(5)).rows).toEqual([{ square: 25 }]);
      // The square text and the catalogue query itself are named; the square text was prepared once.
      expect(statements.namedStatements).toBe(1);
      expect(await preparedNames(db)).toEqual(['mmreg_1', 'mmreg_2']);
      expect(statements.namedStatements).toBe(2);
    });

    it('names at most the cap of distinct texts and runs the others unnamed', async () => {
      const { db, statements } = open(2);
      statements.enable();
      const texts = ['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 4 as n'];
      const results = [];
      for (const text of texts) results.push((await sql.raw<{ n: number }>(text).execute(db)).rows[0]?.n);
      expect(results).toEqual([1, 2, 3, 4]);
      expect(statements.namedStatements).toBe(2);
      expect(await preparedNames(db)).toEqual(['mmreg_1', 'mmreg_2']);
    });

    it('opens the asked-for connections at once on warm-up and leaves them idle in the pool', async () => {
      const pool = new pg.Pool({ connectionString: postgresTestUrl as string, max: 3 });
      const statements = new NamedStatementPool(pool);
      opened.push(new Kysely<unknown>({ dialect: new PostgresDialect({ pool: statements }) }));
      expect(pool.totalCount).toBe(0);
      await statements.warmUp(3);
      expect([pool.totalCount, pool.idleCount]).toEqual([3, 3]);
    });

    it('sends a begin with the first statement when its parameters are integers, one round trip less', async () => {
      const pool = new pg.Pool({ connectionString: postgresTestUrl as string, max: 1 });
      const statements = new NamedStatementPool(pool);
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: statements }) });
      opened.push(db);
      statements.enable();
      await sql`create temporary table begin_probe (n int)`.execute(db);
      const sent: string[] = [];
      const client = await pool.connect();
      const original = client.query.bind(client);
      client.query = ((config: unknown, ...rest: unknown[]) => {
        sent.push(typeof config === 'string' ? config : String((config as { text?: string }).text));
        return (original as (...args: unknown[]) => unknown)(config, ...rest);
      }) as typeof client.query;
      client.release();
      const outcome = await db.transaction().execute(async (trx) => {
        const first = await sql<{ n: number }>`select ${7}::int as n`.execute(trx);
        await sql`insert into begin_probe values (${first.rows[0]?.n ?? 0})`.execute(trx);
        const second = await sql<{ same: boolean }>`select now() = statement_timestamp() as same`.execute(trx);
        return { first: first.rows, second: second.rows };
      });
      // now() is the transaction's start: a later statement's differs from its own start only inside a transaction.
      expect(outcome).toEqual({ first: [{ n: 7 }], second: [{ same: false }] });
      // Four sends for begin and three statements and commit (five without the held-back begin).
      expect(sent).toEqual([
        "begin; select '7'::int as n",
        'insert into begin_probe values ($1)',
        'select now() = statement_timestamp() as same',
        'commit',
      ]);
      // A first statement with a text parameter waits for its own begin; rollback still undoes both.
      sent.length = 0;
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`insert into begin_probe values (length(${'abc'}))`.execute(trx);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(sent).toEqual(['begin', 'insert into begin_probe values (length($1))', 'rollback']);
      // An error in the first statement surfaces as its own; the connection stays usable.
      await expect(db.transaction().execute((trx) => sql`select 1 / (${1}::int - 1)`.execute(trx))).rejects.toThrow(
        /division by zero/,
      );
      // A transaction that runs nothing sends nothing.
      sent.length = 0;
      await db.transaction().execute(() => Promise.resolve());
      expect(sent).toEqual([]);
      const rows = await sql<{ n: number }>`select n from begin_probe`.execute(db);
      expect(rows.rows).toEqual([{ n: 7 }]);
    });

    it('keeps transactions working on named statements (rollback undoes, commit keeps)', async () => {
      const { db, statements } = open();
      statements.enable();
      await sql`create temporary table named_statement_probe (n int)`.execute(db);
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`insert into named_statement_probe values (1)`.execute(trx);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await db.transaction().execute(async (trx) => {
        await sql`insert into named_statement_probe values (2)`.execute(trx);
      });
      const rows = await sql<{ n: number }>`select n from named_statement_probe`.execute(db);
      expect(rows.rows).toEqual([{ n: 2 }]);
    });
  });
}
