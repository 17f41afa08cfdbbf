/**
 * `createAll(tables, url)` / `dropAll(tables, url)`: build or remove the models' schema
 * directly, for tests and prototypes. Like SQLAlchemy's `create_all`/`drop_all` they check
 * first: tables (and enum types) that already exist are left alone by `createAll`, and ones
 * that do not are skipped by `dropAll`. Everything runs in one transaction, with the
 * session settings the dialect's statements ask for (as the migration runner does).
 *
 * Foreign keys between tables that refer to each other (a cycle) are handled as SQLAlchemy's
 * `sort_tables_and_constraints` does: where the dialect can ALTER constraints, those keys are
 * added after every table exists and dropped before any table goes; SQLite, which does not
 * check the referred table when a table is created, keeps them inline.
 */
import { parseDatabaseUrl } from '../config/parse-url.js';
import type { Connection, Dialect, Statement } from '../dialects/dialect.js';
import type { DialectRuntime } from '../dialects/dialect-runtime.js';
import { AlembicError, MigrationError } from '../errors.js';
import { loadDialect } from '../dialects/registry.js';
import type { Op } from '../operations/ops.js';
import { driverMessage, shortSql } from '../runtime/run-statement.js';
import { applySettings, settingsOf } from '../runtime/session-settings.js';
import { forwardForeignKeys, sortTablesByDependency } from '../snapshot/dependency-order.js';
import type { ForeignKeySnapshot, SchemaSnapshot, TableSnapshot } from '../snapshot/types.js';
import { collectTables } from './collect-tables.js';
import { isMetaData, type MetaData } from './metadata.js';
import { isTable, type Table } from './table.js';
import { schemaSnapshot } from './to-snapshot.js';

/** Tables, a MetaData, or a models module's exports (`import * as models from './models.js'`). */
export type TablesInput = readonly Table[] | MetaData | Readonly<Record<string, unknown>>;

type Key = (t: { readonly schema: string | null; readonly name: string }) => string;

/** Where the dialect has no named schemas (SQLite), a table's schema is not part of its name. */
function keyFor(dialect: Dialect): Key {
  return dialect.capabilities.schemas ? (t) => `${t.schema ?? ''}\u0000${t.name}` : (t) => t.name;
}

function tablesOf(input: TablesInput, fn: string): Table[] {
  if (isMetaData(input)) return [...input.tables];
  if (Array.isArray(input)) {
    const list: readonly unknown[] = input;
    const bad = list.findIndex((t) => !isTable(t));
    if (bad === -1) return [...(list as readonly Table[])];
    throw new AlembicError('E_API_ARGUMENT', `${fn}: element ${bad} of the tables list is not a table`, {
      exitCode: 2,
      hint: 'pass tables made by table(...), a MetaData, or a models module (import * as models)',
    });
  }
  if (typeof input === 'object' && input !== null) return collectTables([input as Readonly<Record<string, unknown>>]);
  throw new AlembicError('E_API_ARGUMENT', `${fn}: the first argument must be a list of tables, a MetaData or a models module`, {
    exitCode: 2,
  });
}

/** The default schema, and the named ones the target's tables live in. */
function existingSchema(dialect: Dialect, conn: Connection, target: SchemaSnapshot): Promise<SchemaSnapshot> {
  const schemas = [...new Set(target.tables.flatMap((t) => (t.schema === null ? [] : [t.schema])))];
  return dialect.introspect(conn, schemas.length === 0 ? {} : { schemas: [null, ...schemas] });
}

/** A driver error as a MigrationError naming the statement; the transaction is rolled back. */
function statementFailed(fn: string, statement: Statement, error: unknown): MigrationError {
  return new MigrationError('E_STATEMENT_FAILED', `${fn} failed: ${driverMessage(error)}; statement: ${shortSql(statement.sql)}`, {
    cause: error,
    hint: 'nothing was changed: the whole run was rolled back',
  });
}

async function run(fn: string, statements: readonly Statement[], conn: Connection, runtime: DialectRuntime): Promise<void> {
  const restore = await applySettings(conn, runtime, settingsOf(statements));
  try {
    const begin = runtime.begin();
    await conn.query(begin.sql, begin.params);
    try {
      for (const statement of statements) {
        const result = await conn.query(statement.sql, statement.params).catch((error: unknown) => {
          throw statementFailed(fn, statement, error);
        });
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
  fn: string,
  tables: TablesInput,
  url: string,
  plan: (dialect: Dialect, target: SchemaSnapshot, existing: SchemaSnapshot) => Statement[],
): Promise<void> {
  const list = tablesOf(tables, fn);
  if (typeof url !== 'string' || url.trim() === '') {
    throw new AlembicError('E_API_ARGUMENT', `${fn}: a database URL is required as the second argument`, {
      exitCode: 2,
      hint: `e.g. ${fn}(tables, 'sqlite:///app.db')`,
    });
  }
  const parsed = parseDatabaseUrl(url, process.cwd());
  const { dialect, runtime } = await loadDialect(parsed.dialect);
  const target = schemaSnapshot(list, dialect);
  const conn = await dialect.connect(parsed);
  try {
    const existing = await existingSchema(dialect, conn, target);
    await run(fn, plan(dialect, target, existing), conn, runtime);
  } finally {
    await conn.close();
  }
}

export function createAll(tables: TablesInput, url: string): Promise<void> {
  return withDatabase('createAll', tables, url, (dialect, target, existing) => {
    const key = keyFor(dialect);
    const existingTables = new Set(existing.tables.map(key));
    const existingEnums = new Set(existing.enums.map(key));
    const enumOps: Op[] = target.enums
      .filter((e) => !existingEnums.has(key(e)))
      .map((e) => ({ kind: 'createEnum', schema: e.schema, name: e.name, values: e.values }));
    const missing = sortTablesByDependency(target.tables.filter((t) => !existingTables.has(key(t))));
    const deferred = dialect.capabilities.alterColumn ? forwardForeignKeys(missing) : new Map<TableSnapshot, ForeignKeySnapshot[]>();
    const created = missing.map((t) => {
      const late = deferred.get(t);
      return late === undefined ? t : { ...t, foreignKeys: t.foreignKeys.filter((fk) => !late.includes(fk)) };
    });
    const fkOps: Op[] = [...deferred].flatMap(([t, fks]) =>
      fks.map((constraint): Op => ({ kind: 'createForeignKey', schema: t.schema, table: t.name, constraint })),
    );
    return [
      ...(enumOps.length === 0 ? [] : dialect.compile(enumOps, { before: existing })),
      ...created.flatMap((t) => dialect.createTableStatements(t)),
      ...(fkOps.length === 0 ? [] : dialect.compile(fkOps, { before: { ...existing, tables: [...existing.tables, ...created] } })),
    ];
  });
}

export function dropAll(tables: TablesInput, url: string): Promise<void> {
  return withDatabase('dropAll', tables, url, (dialect, target, existing) => {
    const key = keyFor(dialect);
    const present = new Map<string, TableSnapshot>(existing.tables.map((t) => [key(t), t]));
    // As they are in the database, so the constraint names are the ones it holds.
    const ordered = sortTablesByDependency(target.tables.flatMap((t) => present.get(key(t)) ?? []));
    const cyclic = dialect.capabilities.alterColumn ? forwardForeignKeys(ordered) : new Map<TableSnapshot, ForeignKeySnapshot[]>();
    const existingEnums = new Set(existing.enums.map(key));
    const ops: Op[] = [
      ...[...cyclic].flatMap(([t, fks]) =>
        fks.flatMap((fk): Op[] =>
          fk.name === null ? [] : [{ kind: 'dropConstraint', schema: t.schema, table: t.name, name: fk.name, type: 'foreignkey', existing: { type: 'foreignkey', constraint: fk } }],
        ),
      ),
      ...[...ordered].reverse().map((t): Op => ({ kind: 'dropTable', schema: t.schema, table: t.name, existing: t })),
      ...target.enums
        .filter((e) => existingEnums.has(key(e)))
        .map((e): Op => ({ kind: 'dropEnum', schema: e.schema, name: e.name, existingValues: e.values })),
    ];
    return ops.length === 0 ? [] : dialect.compile(ops, { before: existing });
  });
}
