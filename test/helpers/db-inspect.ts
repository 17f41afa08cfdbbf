/**
 * A plain connection for a test's own looks at the database (never the tool's code), and the
 * few questions tests ask of it: tables, version rows, history rows.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DialectName } from './databases.js';

/** A plain connection for the test's own looks at the database (never the tool's code). */
export interface Db {
  query(text: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\/\//, '');
}

export async function openDb(dialect: DialectName, url: string): Promise<Db> {
  if (dialect === 'sqlite') {
    const db = new Database(sqlitePath(url));
    db.pragma('busy_timeout = 30000');
    return {
      async query(text, params = []) {
        const stmt = db.prepare(text.replace(/\$\d+/g, '?'));
        if (stmt.reader) return stmt.all(...params) as Record<string, unknown>[];
        stmt.run(...params);
        return [];
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query(text, params = []) {
      return (await client.query(text, [...params])).rows as Record<string, unknown>[];
    },
    async close() {
      await client.end();
    },
  };
}

export async function withDb<T>(dialect: DialectName, url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(dialect, url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The tables of the default schema, sorted (the tool's own two included). */
export async function tableNames(dialect: DialectName, url: string): Promise<string[]> {
  return withDb(dialect, url, async (db) => {
    const rows =
      dialect === 'sqlite'
        ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        : await db.query("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
    return rows.map((r) => String(r['name'])).sort();
  });
}

export async function versionRows(dialect: DialectName, url: string): Promise<string[]> {
  return withDb(dialect, url, async (db) => (await db.query('SELECT version_num FROM alembic_version')).map((r) => String(r['version_num'])).sort());
}

export interface HistoryLine {
  readonly revision: string;
  readonly direction: string;
  readonly status: string;
}

export async function historyRows(dialect: DialectName, url: string): Promise<HistoryLine[]> {
  return withDb(dialect, url, async (db) =>
    (await db.query('SELECT revision, direction, status FROM alembic_ts_history ORDER BY id')).map((r) => ({
      revision: String(r['revision']),
      direction: String(r['direction']),
      status: String(r['status']),
    })),
  );
}

