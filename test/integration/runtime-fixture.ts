/**
 * A throwaway project for runner tests: a real database, a versions folder in a temp dir,
 * revision files written as text (as a user would), and a RunContext built from them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection, Dialect } from '../../src/dialects/dialect.js';
import type { DialectRuntime } from '../../src/dialects/dialect-runtime.js';
import { loadDialect } from '../../src/dialects/registry.js';
import type { RunContext } from '../../src/runtime/context.js';
import { RevisionGraph } from '../../src/script/graph.js';
import { scanRevisions } from '../../src/script/scan.js';
import { createDatabase, type DialectName, type TestDatabase } from '../helpers/databases.js';

export const SRC = resolve(import.meta.dirname, '../../src');

export interface RevisionSpec {
  readonly revision: string;
  readonly down?: string | null;
  readonly message?: string;
  readonly upgrade: string;
  readonly downgrade?: string;
  /** Extra top-level lines (`export const transactional = false;`). */
  readonly extra?: string;
  /** File name in the versions folder; default `<revision>.ts`. */
  readonly file?: string;
}

export function revisionSource(spec: RevisionSpec): string {
  const down = spec.down ?? null;
  return `/**
 * ${spec.message ?? `revision ${spec.revision}`}
 *
 * Revision ID: ${spec.revision}
 * Revises: ${down ?? ''}
 * Create Date: 2026-01-01 00:00:00+00:00
 */
import type { Operations } from '${SRC}/operations/operations.ts';
import { enumType, integer, string } from '${SRC}/schema/column-types.ts';

export const revision = '${spec.revision}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
${spec.extra ?? ''}

export async function upgrade(op: Operations): Promise<void> {
  ${spec.upgrade}
}

export async function downgrade(op: Operations): Promise<void> {
  ${spec.downgrade ?? ''}
}
`;
}

/** create books -> add isbn -> index isbn: a chain that touches tables, columns and indexes. */
export const BOOKS_CHAIN: readonly RevisionSpec[] = [
  {
    revision: 'aaaa00000001',
    message: 'create books',
    upgrade: "op.createTable('books', { id: integer().primaryKey(), title: string(200).notNull() });",
    downgrade: "op.dropTable('books');",
  },
  {
    revision: 'bbbb00000002',
    down: 'aaaa00000001',
    message: 'add isbn',
    upgrade: "op.addColumn('books', 'isbn', string(13));",
    downgrade: "op.dropColumn('books', 'isbn');",
  },
  {
    revision: 'cccc00000003',
    down: 'bbbb00000002',
    message: 'index isbn',
    upgrade: "op.createIndex('ix_books_isbn', 'books', ['isbn']);",
    downgrade: "op.dropIndex('ix_books_isbn', 'books');",
  },
];

export interface Project {
  readonly dialectName: DialectName;
  readonly dir: string;
  readonly versions: string;
  readonly db: TestDatabase;
  readonly dialect: Dialect;
  readonly runtime: DialectRuntime;
  write(spec: RevisionSpec): string;
  pathOf(revision: string): string;
  /** A context over the files as they are now (rescanned on every call). */
  ctx(overrides?: Partial<RunContext>): RunContext;
  connect(): Promise<Connection>;
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export async function createProject(dialectName: DialectName): Promise<Project> {
  const db = await createDatabase(dialectName);
  const dir = mkdtempSync(join(tmpdir(), 'alembic-ts-runtime-'));
  const versions = join(dir, 'versions');
  const { dialect, runtime } = await loadDialect(dialectName);
  const url = parseDatabaseUrl(db.url, dir);
  const connections: Connection[] = [];
  const pathOf = (revision: string): string => join(versions, `${revision}.ts`);
  const connect = async (): Promise<Connection> => {
    const conn = await dialect.connect(url);
    connections.push(conn);
    return conn;
  };
  let shared: Connection | undefined;
  return {
    dialectName,
    dir,
    versions,
    db,
    dialect,
    runtime,
    write(spec) {
      mkdirSync(versions, { recursive: true });
      const path = spec.file === undefined ? pathOf(spec.revision) : join(versions, spec.file);
      writeFileSync(path, revisionSource(spec));
      return path;
    },
    pathOf,
    ctx(overrides = {}) {
      return {
        config: { versionTable: 'alembic_version', versionTableSchema: null, transactionPerMigration: true },
        url,
        graph: new RevisionGraph(scanRevisions([versions])),
        lockTimeoutMs: 10_000,
        ...overrides,
      };
    },
    connect,
    async query(sql, params = []) {
      shared ??= await connect();
      return [...(await shared.query(sql, params)).rows];
    },
    async dispose() {
      for (const conn of connections) await conn.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      await db.dispose();
    },
  };
}
