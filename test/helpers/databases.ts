/**
 * Real databases for tests. PostgreSQL: each call creates a database with a random name
 * on PG_URL's server and drops it in `dispose`. Under CI=true an unreachable server is a
 * failure (the error propagates); elsewhere tests may skip with the reason printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_URL = process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** A URL in the tool's own syntax. */
  readonly url: string;
  dispose(): Promise<void>;
}

function withDatabase(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `alembic_ts_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(PG_URL, name),
    async dispose() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'alembic-ts-sqlite-'));
  return {
    url: `sqlite:///${join(dir, 'test.db')}`,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type DialectName = 'sqlite' | 'postgresql';
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgresql'];

export function createDatabase(dialect: DialectName): Promise<TestDatabase> {
  return dialect === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase();
}
