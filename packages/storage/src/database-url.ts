/**
 * Which database a URL names (issue 5 item 1): `sqlite:PATH`, `sqlite::memory:`, or
 * `postgres://…` / `postgresql://…`; the `--db` flag wins over `DATABASE_URL`, which wins over the
 * default embedded file `./data/mmreg.db`. Anything else is an error that says what is accepted.
 */

/** The embedded database used when neither `--db` nor `DATABASE_URL` names one. */
export const defaultDatabaseUrl = 'sqlite:./data/mmreg.db';

export type DatabaseLocation =
  | { readonly dialect: 'sqlite'; readonly path: string; readonly isMemory: boolean }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/** Parses a database URL; throws an Error naming the accepted forms. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const trimmed = url.trim();
  if (trimmed === 'sqlite::memory:' || trimmed === 'sqlite://:memory:') {
    return { dialect: 'sqlite', path: ':memory:', isMemory: true };
  }
  if (trimmed.startsWith('sqlite:')) {
    // sqlite:PATH, also sqlite://PATH (relative) and sqlite:///abs/path
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path.length === 0) throw new Error(`database URL "${url}" has no file path (expected sqlite:PATH)`);
    return { dialect: 'sqlite', path, isMemory: false };
  }
  if (trimmed.startsWith('postgres://') || trimmed.startsWith('postgresql://')) {
    return { dialect: 'postgres', connectionString: trimmed };
  }
  throw new Error(
    `unsupported database URL "${redactPassword(url)}": expected sqlite:PATH, sqlite::memory: or postgres://USER@HOST:PORT/DATABASE`,
  );
}

/** The database URL to use: the flag, else `DATABASE_URL`, else the default embedded file. */
export function resolveDatabaseUrl(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag.trim() !== '') return flag;
  const fromEnv = env['DATABASE_URL'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  return defaultDatabaseUrl;
}

/** The URL with any password (`scheme://user:password@…`) replaced, for messages and logs. */
export function redactPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}
