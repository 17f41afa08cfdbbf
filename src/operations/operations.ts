/**
 * The `op` object handed to a revision's `upgrade(op)` and `downgrade(op)`.
 */
import type { Dialect } from '../dialects/dialect.js';
import { argumentError, checkOptions, optionalName, requireName } from '../schema/arguments.js';
import { TABLE_KEY } from '../schema/brands.js';
import type { ColumnBuilder } from '../schema/column.js';
import { DEFAULT_NAMING_CONVENTION } from '../schema/naming-convention.js';

const MIGRATION_NAMING_CONVENTION = { ...DEFAULT_NAMING_CONVENTION, ck: null };
import { isSqlFragment, sqlText, type SqlFragment } from '../schema/sql.js';
import { defineTable, isTable, type Table, type TableColumns, type TableExtras, type TableOptions } from '../schema/table.js';
import type { SqlInput } from '../schema/table-extras.js';
import { tableSnapshot } from '../schema/to-snapshot.js';
import type { ConstraintType, Op, TableOp } from './ops.js';
import {
  tableMethods,
  type AlterColumnOptions,
  type BatchOperations,
  type CreateIndexOptions,
  type ForeignKeyActions,
  type IndexColumns,
} from './operations-table.js';

export type { AlterColumnOptions, BatchOperations, CreateIndexOptions, ExistingColumn, IndexColumns } from './operations-table.js';

export interface SchemaOption {
  /** The table's schema; the connection's default schema when left out. */
  readonly schema?: string;
}

/**
 * What a revision's `upgrade(op)` / `downgrade(op)` calls. Every method only records an
 * operation and returns: nothing runs until the function has returned and the runner
 * compiles the recorded operations for the dialect (or prints them with `--sql`). So
 * `op.execute` does not return rows, and a failing statement fails the step after
 * `upgrade` returned. Bad arguments and unknown options throw at once, naming the method.
 */
export interface Operations {
  /** The dialect the migration runs on: `'sqlite'` or `'postgresql'`. */
  readonly dialect: string;
  /** The `-x key=value` arguments of the command line. */
  readonly x: Readonly<Record<string, string>>;

  /** Columns and extras as in models (`table()`); the third argument may be the options. */
  createTable<C extends TableColumns>(
    name: string,
    columns: C,
    extras?: TableExtras<C> | TableOptions,
    options?: TableOptions,
  ): void;
  dropTable(name: string, options?: SchemaOption): void;
  renameTable(oldName: string, newName: string, options?: SchemaOption): void;
  /** The column's `.references()`, `.unique()` and `.index()` are created too. */
  addColumn(table: string, name: string, column: ColumnBuilder, options?: SchemaOption): void;
  dropColumn(table: string, name: string, options?: SchemaOption): void;
  renameColumn(table: string, oldName: string, newName: string, options?: SchemaOption): void;
  alterColumn(table: string, name: string, options: AlterColumnOptions & SchemaOption): void;
  createIndex(name: string, table: string, columns: IndexColumns, options?: CreateIndexOptions & SchemaOption): void;
  /** The table is optional (neither SQLite nor PostgreSQL needs it to drop an index). */
  dropIndex(name: string, table?: string | (SchemaOption & { readonly concurrently?: boolean }), options?: SchemaOption & { readonly concurrently?: boolean }): void;
  createUniqueConstraint(name: string | null, table: string, columns: readonly string[], options?: SchemaOption): void;
  createForeignKey(
    name: string | null,
    source: string,
    referent: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options?: Omit<ForeignKeyActions, 'referentSchema'> & { readonly sourceSchema?: string; readonly referentSchema?: string },
  ): void;
  createCheckConstraint(name: string | null, table: string, condition: SqlInput, options?: SchemaOption): void;
  createPrimaryKey(name: string | null, table: string, columns: readonly string[], options?: SchemaOption): void;
  dropConstraint(name: string, table: string, options?: SchemaOption & { readonly type?: ConstraintType }): void;
  /**
   * Raw SQL. Values interpolated into an `sql` fragment travel as bound parameters
   * (recorded as `$1`, `$2`, ... and translated by the dialect's compiler). No rows come back.
   */
  execute(statement: SqlFragment | string): void;
  /** Rows as objects keyed by column name; the table by name or as a model table. */
  bulkInsert(table: string | Table, rows: readonly Readonly<Record<string, unknown>>[], options?: SchemaOption): void;
  /** Several changes to one table, applied together (one table rebuild on SQLite). The callback is synchronous. */
  batchAlterTable(table: string, build: (batch: BatchOperations) => void, options?: SchemaOption): void;
  setTableComment(table: string, comment: string | null, options?: SchemaOption & { readonly existing?: string | null }): void;
  /** PostgreSQL named enum types (no-ops on dialects without them). */
  createEnum(name: string, values: readonly string[], options?: SchemaOption): void;
  dropEnum(name: string, options?: SchemaOption): void;
  addEnumValue(name: string, value: string, options?: SchemaOption & { readonly before?: string; readonly after?: string }): void;
  renameEnumValue(name: string, from: string, to: string, options?: SchemaOption): void;
}

export interface CreatedOperations {
  readonly op: Operations;
  /** The operations recorded so far, in call order. */
  ops(): Op[];
}

/** Splits `{ schema, ...rest }`, checking `schema`; `rest` is checked by the method itself. */
function splitSchema<T extends object>(options: (T & SchemaOption) | undefined, where: string): [string | null, T | undefined] {
  if (options === undefined) return [null, undefined];
  if (typeof options !== 'object' || options === null) throw argumentError(where, 'options must be an object');
  const { schema, ...rest } = options;
  return [optionalName(schema, where, 'schema'), rest as T];
}

function stringList(value: unknown, where: string, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw argumentError(where, `${what} must be a non-empty array of strings`);
  return value.map((v: unknown) => requireName(v, where, `each of ${what}`));
}

export function createOperations(
  dialect: Dialect,
  options: { readonly x?: Readonly<Record<string, string>> } = {},
): CreatedOperations {
  const recorded: Op[] = [];
  const push = (op: Op): void => {
    recorded.push(op);
  };
  const on = (table: unknown, schema: string | null, method: string): BatchOperations =>
    tableMethods(dialect, { schema, table: requireName(table, `op.${method}()`, 'the table name') }, push, 'op');
  const schemaOnly = (opts: SchemaOption | undefined, method: string): string | null => {
    checkOptions(opts, ['schema'], `op.${method}()`);
    return optionalName(opts?.schema, `op.${method}()`, 'schema');
  };

  const op: Operations = {
    dialect: dialect.name,
    x: Object.freeze({ ...(options.x ?? {}) }),

    createTable(name, columns, extras, tableOptions) {
      // Names written in a migration are final (autogenerate writes them in full), so the
      // `ck` convention must not wrap them again; unnamed constraints still get conventional names.
      const created = defineTable(name, columns, extras, tableOptions, { namingConvention: MIGRATION_NAMING_CONVENTION, schema: null });
      push({ kind: 'createTable', table: tableSnapshot(created, dialect) });
    },
    dropTable(name, opts) {
      const schema = schemaOnly(opts, 'dropTable');
      push({ kind: 'dropTable', schema, table: requireName(name, 'op.dropTable()', 'the table name'), existing: null });
    },
    renameTable(oldName, newName, opts) {
      const schema = schemaOnly(opts, 'renameTable');
      const w = 'op.renameTable()';
      push({ kind: 'renameTable', schema, table: requireName(oldName, w, 'the old name'), newName: requireName(newName, w, 'the new name') });
    },
    addColumn(table, name, column, opts) {
      on(table, schemaOnly(opts, 'addColumn'), 'addColumn').addColumn(name, column);
    },
    dropColumn(table, name, opts) {
      on(table, schemaOnly(opts, 'dropColumn'), 'dropColumn').dropColumn(name);
    },
    renameColumn(table, oldName, newName, opts) {
      on(table, schemaOnly(opts, 'renameColumn'), 'renameColumn').renameColumn(oldName, newName);
    },
    alterColumn(table, name, opts) {
      if (opts === undefined) throw argumentError('op.alterColumn()', 'options are required: { type, nullable, default, newName, comment, ... }');
      const [schema, rest] = splitSchema<AlterColumnOptions>(opts, 'op.alterColumn()');
      on(table, schema, 'alterColumn').alterColumn(name, rest ?? {});
    },
    createIndex(name, table, columns, opts) {
      const [schema, rest] = splitSchema<CreateIndexOptions>(opts, 'op.createIndex()');
      on(table, schema, 'createIndex').createIndex(name, columns, rest);
    },
    dropIndex(name, tableOrOptions, opts) {
      const w = 'op.dropIndex()';
      const [table, given] = typeof tableOrOptions === 'object' && tableOrOptions !== null ? [undefined, tableOrOptions] : [tableOrOptions, opts];
      const [schema, rest] = splitSchema<{ readonly concurrently?: boolean }>(given, w);
      // DropIndexOp needs a table name; neither dialect uses it to drop an index.
      const target = table === undefined || table === null ? '' : requireName(table, w, 'the table name');
      tableMethods(dialect, { schema, table: target }, push, 'op').dropIndex(name, rest);
    },
    createUniqueConstraint(name, table, columns, opts) {
      on(table, schemaOnly(opts, 'createUniqueConstraint'), 'createUniqueConstraint').createUniqueConstraint(name, columns);
    },
    createForeignKey(name, source, referent, localColumns, remoteColumns, opts) {
      const w = 'op.createForeignKey()';
      checkOptions(opts, ['onDelete', 'onUpdate', 'sourceSchema', 'referentSchema'], w);
      const { sourceSchema, ...rest } = opts ?? {};
      on(source, optionalName(sourceSchema, w, 'sourceSchema'), 'createForeignKey').createForeignKey(name, referent, localColumns, remoteColumns, rest);
    },
    createCheckConstraint(name, table, condition, opts) {
      on(table, schemaOnly(opts, 'createCheckConstraint'), 'createCheckConstraint').createCheckConstraint(name, condition);
    },
    createPrimaryKey(name, table, columns, opts) {
      on(table, schemaOnly(opts, 'createPrimaryKey'), 'createPrimaryKey').createPrimaryKey(name, columns);
    },
    dropConstraint(name, table, opts) {
      const [schema, rest] = splitSchema<{ readonly type?: ConstraintType }>(opts, 'op.dropConstraint()');
      on(table, schema, 'dropConstraint').dropConstraint(name, rest);
    },
    execute(statement) {
      if (isSqlFragment(statement)) {
        push({ kind: 'execute', sql: sqlText(statement, (i) => `$${i + 1}`), params: [...statement.values] });
      } else {
        push({ kind: 'execute', sql: requireName(statement, 'op.execute()', 'the statement'), params: [] });
      }
    },
    bulkInsert(table, rows, opts) {
      const w = 'op.bulkInsert()';
      const schemaOption = schemaOnly(opts, 'bulkInsert');
      const [name, schema] = isTable(table)
        ? [table[TABLE_KEY].name, schemaOption ?? table[TABLE_KEY].schema]
        : [requireName(table, w, 'the table name'), schemaOption];
      if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
        throw argumentError(w, 'rows must be an array of objects keyed by column name');
      }
      push({ kind: 'bulkInsert', schema, table: name, rows: rows.map((r) => ({ ...r })) });
    },
    batchAlterTable(table, build, opts) {
      const w = 'op.batchAlterTable()';
      const schema = schemaOnly(opts, 'batchAlterTable');
      const name = requireName(table, w, 'the table name');
      if (typeof build !== 'function') throw argumentError(w, 'expects a function (batch) => { batch.addColumn(...) }');
      const batchOps: TableOp[] = [];
      const result: unknown = build(tableMethods(dialect, { schema, table: name }, (o) => batchOps.push(o), 'batch'));
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        // Changes made after an await would miss the batch; say so instead of losing them.
        (result as Promise<unknown>).catch(() => undefined);
        throw argumentError(w, 'the callback must be synchronous: (batch) => { batch.addColumn(...) }, without async or await');
      }
      push({ kind: 'batchAlterTable', schema, table: name, ops: batchOps });
    },
    setTableComment(table, comment, opts) {
      const [schema, rest] = splitSchema<{ readonly existing?: string | null }>(opts, 'op.setTableComment()');
      on(table, schema, 'setTableComment').setTableComment(comment, rest);
    },
    createEnum(name, values, opts) {
      const w = 'op.createEnum()';
      const schema = schemaOnly(opts, 'createEnum');
      push({ kind: 'createEnum', schema, name: requireName(name, w, 'the enum name'), values: stringList(values, w, 'values') });
    },
    dropEnum(name, opts) {
      const schema = schemaOnly(opts, 'dropEnum');
      push({ kind: 'dropEnum', schema, name: requireName(name, 'op.dropEnum()', 'the enum name'), existingValues: null });
    },
    addEnumValue(name, value, opts) {
      const w = 'op.addEnumValue()';
      checkOptions(opts, ['schema', 'before', 'after'], w);
      const before = optionalName(opts?.before, w, 'before');
      const after = optionalName(opts?.after, w, 'after');
      if (before !== null && after !== null) throw argumentError(w, 'give before or after, not both');
      push({
        kind: 'addEnumValue',
        schema: optionalName(opts?.schema, w, 'schema'),
        name: requireName(name, w, 'the enum name'),
        value: requireName(value, w, 'the value'),
        before,
        after,
      });
    },
    renameEnumValue(name, from, to, opts) {
      const w = 'op.renameEnumValue()';
      const schema = schemaOnly(opts, 'renameEnumValue');
      push({ kind: 'renameEnumValue', schema, name: requireName(name, w, 'the enum name'), from: requireName(from, w, 'from'), to: requireName(to, w, 'to') });
    },
  };
  return { op: Object.freeze(op), ops: () => [...recorded] };
}
