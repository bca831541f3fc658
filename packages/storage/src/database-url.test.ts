import { describe, expect, it } from 'vitest';
import { defaultDatabaseUrl, parseDatabaseUrl, redactPassword, resolveDatabaseUrl } from './database-url.ts';

describe('parseDatabaseUrl', () => {
  it('reads a SQLite file path when the URL is sqlite:PATH', () => {
    expect(parseDatabaseUrl('sqlite:./data/mmreg.db')).toEqual({
      dialect: 'sqlite',
      path: './data/mmreg.db',
      isMemory: false,
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/mmreg.db')).toMatchObject({ path: '/var/lib/mmreg.db' });
  });

  it('reads an in-memory database when the URL is sqlite::memory:', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:', isMemory: true });
  });

  it('accepts both PostgreSQL schemes', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u@h:5432/db',
    });
    expect(parseDatabaseUrl('postgresql://u@h/db').dialect).toBe('postgres');
  });

  it('names the accepted forms and hides the password when the scheme is unknown', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@h/db')).toThrow(/expected sqlite:PATH/);
    expect(() => parseDatabaseUrl('mysql://root:hunter2@h/db')).not.toThrow(/hunter2/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/no file path/);
  });
});

describe('resolveDatabaseUrl', () => {
  it('prefers the flag, then DATABASE_URL, then the default file', () => {
    expect(resolveDatabaseUrl('sqlite:a.db', { DATABASE_URL: 'sqlite:b.db' })).toBe('sqlite:a.db');
    expect(resolveDatabaseUrl(undefined, { DATABASE_URL: 'sqlite:b.db' })).toBe('sqlite:b.db');
    expect(resolveDatabaseUrl(undefined, {})).toBe(defaultDatabaseUrl);
    expect(defaultDatabaseUrl).toBe('sqlite:./data/mmreg.db');
  });
});

describe('redactPassword', () => {
  it('replaces the password of a PostgreSQL URL', () => {
    expect(redactPassword('postgres://me:secret@h/db')).toBe('postgres://me:***@h/db');
    expect(redactPassword('postgres://me@h/db')).toBe('postgres://me@h/db');
  });
});
