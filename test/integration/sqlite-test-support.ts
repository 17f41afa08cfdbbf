/**
 * Shared by the sqlite-*.test.ts files: a real SQLite file per test, and a step run the way
 * the runner runs one (session setting before BEGIN, checks, restore after).
 */
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection, Statement } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/index.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { createSqliteDatabase } from '../helpers/databases.js';

export async function withSqliteFile(body: (conn: Connection, filename: string) => Promise<void>): Promise<void> {
  const db = await createSqliteDatabase();
  const url = parseDatabaseUrl(db.url, process.cwd());
  if (url.dialect !== 'sqlite') throw new Error(`not a SQLite URL: ${db.url}`);
  const conn = await sqliteDialect.connect(url);
  try {
    await body(conn, url.filename);
  } finally {
    await conn.close();
    await db.dispose();
  }
}

async function pragmaValue(conn: Connection, name: string): Promise<string> {
  return String(Object.values((await conn.query(`PRAGMA ${name}`)).rows[0]!)[0]);
}

/** Session setting outside the transaction, one transaction, `assertNoRows` checks, the setting restored. */
export async function runStep(conn: Connection, statements: readonly Statement[]): Promise<void> {
  const setting = statements.find((s) => s.sessionSetting !== undefined)?.sessionSetting;
  const previous = setting && (await pragmaValue(conn, setting.name));
  if (setting) await conn.query(`PRAGMA ${setting.name} = ${setting.value}`);
  await conn.query('BEGIN IMMEDIATE');
  try {
    for (const s of statements) {
      const result = await conn.query(s.sql, s.params);
      if (s.assertNoRows !== undefined && result.rows.length > 0) throw new Error(s.assertNoRows);
    }
    await conn.query('COMMIT');
  } catch (error: unknown) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    if (setting) await conn.query(`PRAGMA ${setting.name} = ${String(previous)}`);
  }
}

/** What SQLite reports of a snapshot: no comments or enums, and a single INTEGER key is the rowid. */
export function asSqliteSees(snapshot: SchemaSnapshot): SchemaSnapshot {
  const d = sqliteDialect;
  return {
    ...snapshot,
    enums: [],
    tables: snapshot.tables.map((t) => {
      const key = t.primaryKey?.columns.length === 1 ? t.primaryKey.columns[0] : undefined;
      return {
        ...t,
        comment: null,
        columns: t.columns.map((c) => {
          const type = d.normalizeType(c.type);
          return { ...c, comment: null, type, autoincrement: c.name === key && type.name === 'integer' };
        }),
      };
    }),
  };
}

/** Compiles `ops` against the live schema and runs them as one step. */
export async function migrate(conn: Connection, ops: Parameters<typeof sqliteDialect.compile>[0]): Promise<void> {
  const d = sqliteDialect;
  const context = { before: await d.introspect(conn), storedObjects: await d.readStoredObjects!(conn) };
  await runStep(conn, d.compile(ops, context));
}
