/**
 * `createAll(tables, url)` / `dropAll(tables, url)`: build or remove the models' schema
 * directly, for tests and prototypes. Like SQLAlchemy's `create_all`/`drop_all` they check
 * first: tables (and enum types) that already exist are left alone by `createAll`, and ones
 * that do not are skipped by `dropAll`. Everything runs in one transaction, with the
 * session settings the dialect's statements ask for (as the migration runner does).
 */
import { parseDatabaseUrl } from '../config/parse-url.js';
import type { Connection, Dialect, Statement } from '../dialects/dialect.js';
import type { DialectRuntime } from '../dialects/dialect-runtime.js';
import { AlembicError } from '../errors.js';
import { loadDialect } from '../dialects/registry.js';
import type { Op } from '../operations/ops.js';
import { applySettings, settingsOf } from '../runtime/session-settings.js';
import { sortTablesByDependency } from '../snapshot/dependency-order.js';
import type { SchemaSnapshot, TableSnapshot } from '../snapshot/types.js';
import { isMetaData, type MetaData } from './metadata.js';
import type { Table } from './table.js';
import { schemaSnapshot } from './to-snapshot.js';

export type TablesInput = readonly Table[] | MetaData;

const key = (t: { readonly schema: string | null; readonly name: string }): string => `${t.schema ?? ''}\u0000${t.name}`;

async function existingSchema(dialect: Dialect, conn: Connection, target: SchemaSnapshot): Promise<SchemaSnapshot> {
  const current = await dialect.introspect(conn);
  const schemas = [...new Set(target.tables.flatMap((t) => (t.schema === null ? [] : [t.schema])))];
  if (schemas.length === 0) return current;
  const named = await dialect.introspect(conn, { schemas });
  return { ...current, tables: [...current.tables, ...named.tables], enums: [...current.enums, ...named.enums] };
}

async function run(statements: readonly Statement[], conn: Connection, runtime: DialectRuntime): Promise<void> {
  const restore = await applySettings(conn, runtime, settingsOf(statements));
  try {
    const begin = runtime.begin();
    await conn.query(begin.sql, begin.params);
    try {
      for (const statement of statements) {
        const result = await conn.query(statement.sql, statement.params);
        if (statement.assertNoRows !== undefined && result.rows.length > 0) {
          throw new AlembicError('E_CREATE_ALL', statement.assertNoRows);
        }
      }
      const commit = runtime.commit();
      await conn.query(commit.sql, commit.params);
    } catch (error) {
      const rollback = runtime.rollback();
      await conn.query(rollback.sql, rollback.params).catch(() => undefined);
      throw error;
    }
  } finally {
    await restore();
  }
}

async function withDatabase(
  tables: TablesInput,
  url: string,
  plan: (dialect: Dialect, target: SchemaSnapshot, existing: SchemaSnapshot) => Statement[],
): Promise<void> {
  const list = isMetaData(tables) ? tables.tables : tables;
  const parsed = parseDatabaseUrl(url, process.cwd());
  const { dialect, runtime } = await loadDialect(parsed.dialect);
  const target = schemaSnapshot(list, dialect);
  const conn = await dialect.connect(parsed);
  try {
    const existing = await existingSchema(dialect, conn, target);
    await run(plan(dialect, target, existing), conn, runtime);
  } finally {
    await conn.close();
  }
}

export function createAll(tables: TablesInput, url: string): Promise<void> {
  return withDatabase(tables, url, (dialect, target, existing) => {
    const existingTables = new Set(existing.tables.map(key));
    const existingEnums = new Set(existing.enums.map(key));
    const enumOps: Op[] = target.enums
      .filter((e) => !existingEnums.has(key(e)))
      .map((e) => ({ kind: 'createEnum', schema: e.schema, name: e.name, values: e.values }));
    const missing = sortTablesByDependency(target.tables.filter((t) => !existingTables.has(key(t))));
    return [
      ...(enumOps.length === 0 ? [] : dialect.compile(enumOps, { before: existing })),
      ...missing.flatMap((t) => dialect.createTableStatements(t)),
    ];
  });
}

export function dropAll(tables: TablesInput, url: string): Promise<void> {
  return withDatabase(tables, url, (dialect, target, existing) => {
    const present = new Map<string, TableSnapshot>(existing.tables.map((t) => [key(t), t]));
    const toDrop = sortTablesByDependency(target.tables.filter((t) => present.has(key(t)))).reverse();
    const existingEnums = new Set(existing.enums.map(key));
    const ops: Op[] = [
      ...toDrop.map((t): Op => ({ kind: 'dropTable', schema: t.schema, table: t.name, existing: present.get(key(t)) ?? t })),
      ...target.enums
        .filter((e) => existingEnums.has(key(e)))
        .map((e): Op => ({ kind: 'dropEnum', schema: e.schema, name: e.name, existingValues: e.values })),
    ];
    return ops.length === 0 ? [] : dialect.compile(ops, { before: existing });
  });
}
